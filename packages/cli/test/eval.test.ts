// The repository's scorer (scripts/score-lib.mjs) against the external contract
// (../shared/eval/score.mjs), and `npm run eval` end to end.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extract } from '@dondoc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERTURB, perturbText } from '../../../scripts/perturb.mjs';
import { fold, formatSummary, type Report, scoreDirs } from '../../../scripts/score-lib.mjs';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const seeds = path.join(repo, 'corpus/seeds');
const goldDir = path.join(seeds, 'gold');
const sharedScore = path.resolve(repo, '../shared/eval/score.mjs');
const hasShared = existsSync(sharedScore);
const repoScore = path.join(repo, 'scripts/score.mjs');
const evalScript = path.join(repo, 'scripts/eval.mjs');
const SUMMARY =
  /^docs \d+ · tasks P \d\.\d{3} R \d\.\d{3} F1 \d\.\d{3} · lead \d\.\d{3} · due \d\.\d{3} · support F1 \d\.\d{3} · recipients F1 \d\.\d{3} · fields \d\.\d{3}$/;

type Json = Record<string, unknown>;
interface GoldTask {
  text: string;
  lead: string[];
  support?: string[];
  due: string | null;
  optional?: boolean;
}

let tmp: string;
let names: string[];
const golds = new Map<string, Json>();

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'dondoc-eval-'));
  names = (await readdir(goldDir)).filter((f) => f.endsWith('.json')).sort();
  for (const f of names) golds.set(f, JSON.parse(await readFile(path.join(goldDir, f), 'utf8')));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function writePreds(dir: string, make: (name: string, gold: Json) => unknown): Promise<string> {
  const out = path.join(tmp, dir);
  await mkdir(out, { recursive: true });
  for (const f of names) {
    const pred = make(f, golds.get(f) as Json);
    if (pred !== undefined)
      await writeFile(path.join(out, f), typeof pred === 'string' ? pred : JSON.stringify(pred));
  }
  return out;
}

async function score(script: string, predDir: string, ...flags: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [script, '--gold', goldDir, '--pred', predDir, ...flags]);
  return stdout;
}

const clone = (g: Json): Json => structuredClone(g);
const tasksOf = (g: Json) => g.tasks as GoldTask[];
const required = (g: Json) => tasksOf(g).filter((t) => !t.optional);

/** Prediction sets that exercise every rule of the scorer. */
const variants: Record<string, (name: string, gold: Json) => unknown> = {
  extracted: (name) => extract(readSeed(name)),
  gold: (_n, g) => g,
  missing: () => undefined,
  // (score.mjs crashes on a prediction that is JSON null; ours scores it as empty, tested below.)
  malformed: (name, g) =>
    name.startsWith('000') ? '{ not json' : name.startsWith('001') ? '{"tasks": "x", "recipients": 3}' : g,
  damaged: (name, g) => {
    const p = clone(g);
    const t = tasksOf(p);
    switch (Number.parseInt(name, 10) % 5) {
      case 0:
        t.splice(0, 2); // two misses
        break;
      case 1:
        for (const x of t) x.lead = ['Sở Y tế'];
        p.number = '999';
        break;
      case 2:
        for (const x of t) x.due = '2099-01-01';
        p.recipients = [];
        break;
      case 3:
        t.push({ ...(t[0] as GoldTask), text: 'Một nhiệm vụ bịa ra không có trong văn bản gốc' });
        for (const x of t) x.support = [];
        break;
      default:
        for (const x of t) x.text = x.text.split(' ').slice(0, 4).join(' ');
        p.signer = null;
    }
    return p;
  },
  abbreviated: (_n, g) => {
    // Agency names abbreviated and with the old tone placement must still match.
    const p = clone(g);
    for (const x of tasksOf(p)) {
      const ab = (s: string) =>
        s
          .replace(/Ủy ban nhân dân/g, 'UBND')
          .replace(/Thông tin và Truyền thông/g, 'TT&TT')
          .replace(/hòa/g, 'hoà');
      x.lead = x.lead.map(ab);
      x.support = (x.support ?? []).map(ab);
    }
    return p;
  },
};

const seedTexts = new Map<string, string>();
function readSeed(goldName: string): string {
  return seedTexts.get(goldName) as string;
}
beforeAll(async () => {
  for (const f of names)
    seedTexts.set(f, await readFile(path.join(seeds, f.replace(/\.json$/, '.txt')), 'utf8'));
});

describe('scripts/score.mjs agrees with shared/eval/score.mjs', () => {
  for (const [variant, make] of Object.entries(variants)) {
    it.skipIf(!hasShared)(`${variant} predictions: same summary, verbose report and JSON`, async () => {
      const dir = await writePreds(variant, make);
      await Promise.all(
        [[], ['--verbose'], ['--json']].map(async (flags) => {
          const [ours, theirs] = await Promise.all([
            score(repoScore, dir, ...flags),
            score(sharedScore, dir, ...flags),
          ]);
          expect(ours, `flags ${flags.join(' ')}`).toBe(theirs);
        }),
      );
      const last = (await score(repoScore, dir)).trim();
      expect(last).toMatch(SUMMARY);
    });
  }
});

describe('scorer', () => {
  let perfect: Report;
  beforeAll(async () => {
    perfect = scoreDirs(goldDir, await writePreds('perfect', (_n, g) => g));
  });

  it('scores the gold records as perfect', () => {
    const t = perfect.totals;
    expect(t.documents).toBe(names.length);
    expect([t.tasks.f1, t.leadAccuracy, t.dueAccuracy, t.supportF1, t.recipientsF1, t.fieldsMean]).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
  });

  it('a damaged prediction lowers exactly the figure it damages', async () => {
    const damage = async (label: string, fn: (p: Json) => void) =>
      scoreDirs(
        goldDir,
        await writePreds(`dmg-${label}`, (_n, g) => {
          const p = clone(g);
          fn(p);
          return p;
        }),
      ).totals;

    const dropped = await damage('drop', (p) => {
      const t = tasksOf(p);
      t.splice(t.indexOf(required(p)[0] as GoldTask), 1);
    });
    expect(dropped.tasks.recall).toBeLessThan(1);
    expect(dropped.tasks.precision).toBe(1);
    expect(dropped.tasks.fn).toBe(names.length);

    const extra = await damage('extra', (p) => {
      tasksOf(p).push({ text: 'Giao Sở Y tế tổ chức hội thảo về bóng đá', lead: [], due: null });
    });
    expect(extra.tasks.precision).toBeLessThan(1);
    expect(extra.tasks.recall).toBe(1);

    const lead = await damage('lead', (p) => {
      (required(p)[0] as GoldTask).lead = ['Sở Y tế'];
    });
    expect(lead.leadAccuracy).toBeLessThan(1);
    expect(lead.tasks.f1).toBe(1);

    const due = await damage('due', (p) => {
      (required(p)[0] as GoldTask).due = '1999-12-31';
    });
    expect(due.dueAccuracy).toBeLessThan(1);

    const support = await damage('support', (p) => {
      for (const t of tasksOf(p)) t.support = [...(t.support ?? []), 'Bộ Quốc phòng'];
    });
    expect(support.supportF1).toBeLessThan(1);

    const recipients = await damage('recipients', (p) => {
      p.recipients = (p.recipients as string[]).slice(1);
    });
    expect(recipients.recipientsF1).toBeLessThan(1);

    const fields = await damage('fields', (p) => {
      p.date = '1900-01-01';
    });
    expect(fields.fields.date).toBe(0);
    expect(fields.fieldsMean).toBeLessThan(1);

    const reworded = await damage('reworded', (p) => {
      const t = required(p)[0] as GoldTask;
      t.text = t.text.split(' ').slice(0, 3).join(' ');
    });
    expect(reworded.tasks.f1).toBeLessThan(1);
  });

  it('treats an unreadable or non-object prediction as empty instead of failing', async () => {
    const dir = await writePreds('junk', () => '[1, 2');
    const t = scoreDirs(goldDir, dir).totals;
    expect(t.tasks.tp).toBe(0);
    expect(t.tasks.fn).toBeGreaterThan(0);
    const nul = scoreDirs(goldDir, await writePreds('nulls', () => 'null')).totals;
    expect(nul).toEqual(t);
  });
});

describe('npm run eval', () => {
  it('prints per set and overall lines equal to score.mjs on the same predictions', async () => {
    const written = path.join(tmp, 'eval-out');
    const { stdout } = await run(process.execPath, [evalScript, '--set', 'seeds', '--write', written]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [seedLine, allLine] = lines as [string, string];
    expect(seedLine).toMatch(/^seeds {2}docs 5 /);
    expect(allLine).toMatch(/^all {4}docs 5 /);
    const summary = seedLine.replace(/^seeds {2}/, '');
    expect(summary).toMatch(SUMMARY);
    expect(allLine.replace(/^all {4}/, '')).toBe(summary);

    // What eval extracted in-process is what the test extracts here.
    const ours = await writePreds('eval-in-test', (name) => extract(readSeed(name)));
    for (const f of names)
      expect(JSON.parse(await readFile(path.join(written, 'seeds', f), 'utf8'))).toEqual(
        JSON.parse(await readFile(path.join(ours, f), 'utf8')),
      );
    expect(formatSummary(scoreDirs(goldDir, ours))).toBe(summary);
    if (hasShared) expect((await score(sharedScore, ours)).trim()).toBe(summary);
  });

  it('scores several sets and all of them together; --json and --verbose', async () => {
    const corpus = path.join(tmp, 'corpus');
    await cp(seeds, path.join(corpus, 'a'), { recursive: true });
    await mkdir(path.join(corpus, 'b', 'gold'), { recursive: true });
    // Set b: two of the seeds; a folder without gold/ is not a set.
    for (const f of names.slice(0, 2)) {
      const txt = f.replace(/\.json$/, '.txt');
      await cp(path.join(seeds, txt), path.join(corpus, 'b', txt));
      await cp(path.join(goldDir, f), path.join(corpus, 'b', 'gold', f));
    }
    await mkdir(path.join(corpus, 'no-gold'), { recursive: true });
    await writeFile(path.join(corpus, 'no-gold', 'x.txt'), 'không chấm');

    const { stdout } = await run(process.execPath, [evalScript, '--corpus', corpus]);
    const lines = stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['a', 'b', 'all']);
    expect(lines[0]).toMatch(/^a {4}docs 5 /);
    expect(lines[1]).toMatch(/^b {4}docs 2 /);
    expect(lines[2]).toMatch(/^all {2}docs 7 /);

    const json = JSON.parse(
      (await run(process.execPath, [evalScript, '--corpus', corpus, '--json', '--set', 'b'])).stdout,
    );
    expect(Object.keys(json.sets)).toEqual(['b']);
    expect(json.all.totals.documents).toBe(2);
    expect(json.sets.b.totals).toEqual(json.all.totals);

    const verbose = (await run(process.execPath, [evalScript, '--corpus', corpus, '--verbose', '--set', 'b']))
      .stdout;
    expect(verbose).toContain(`== ${names[0]}: tasks tp `);
    expect(verbose).toContain('field accuracy: number ');
  });

  it('--exact compares agency names whole: the seeds against their own gold are exact, a cut name is not', async () => {
    const corpus = path.join(tmp, 'corpus-exact');
    await cp(seeds, path.join(corpus, 'a'), { recursive: true });
    const lineOf = async () =>
      (await run(process.execPath, [evalScript, '--corpus', corpus, '--exact'])).stdout.split(
        '\n',
      )[1] as string;
    const before = /lead ([\d.]+) · support ([\d.]+)/.exec(await lineOf());
    expect(before).not.toBeNull();
    // Cut the last word off every gold lead: the scorer's containment may still accept it,
    // the exact figure must drop.
    for (const f of names) {
      const file = path.join(corpus, 'a', 'gold', f);
      const gold = JSON.parse(await readFile(file, 'utf8'));
      for (const t of gold.tasks) t.lead = t.lead.map((x: string) => x.split(' ').slice(0, -1).join(' '));
      await writeFile(file, JSON.stringify(gold));
    }
    const after = /lead ([\d.]+) · support ([\d.]+)/.exec(await lineOf());
    expect(Number(after?.[1])).toBeLessThan(Number(before?.[1]));
    expect(after?.[2]).toBe(before?.[2]);
  });

  it('the "all" line is score.mjs over every set\'s documents in one folder', async () => {
    const written = path.join(tmp, 'eval-all');
    const { stdout } = await run(process.execPath, [evalScript, '--write', written]);
    const lines = stdout.trim().split('\n');
    const allLine = (lines.at(-1) as string).replace(/^all\s+/, '');
    const gold = path.join(tmp, 'merged-gold');
    const pred = path.join(tmp, 'merged-pred');
    await mkdir(gold, { recursive: true });
    await mkdir(pred, { recursive: true });
    let count = 0;
    for (const set of await readdir(written)) {
      for (const f of await readdir(path.join(written, set))) {
        // Prefixed with the set so that equal names in two sets stay two documents.
        await cp(path.join(repo, 'corpus', set, 'gold', f), path.join(gold, `${set}__${f}`));
        await cp(path.join(written, set, f), path.join(pred, `${set}__${f}`));
        count++;
      }
    }
    expect(allLine).toMatch(new RegExp(`^docs ${count} `));
    const scorer = hasShared ? sharedScore : repoScore;
    const { stdout: merged } = await run(process.execPath, [scorer, '--gold', gold, '--pred', pred]);
    expect(merged.trim()).toBe(allLine);
  });

  it('--compare shows what moved since an earlier --json run', async () => {
    const base = (await run(process.execPath, [evalScript, '--set', 'seeds', '--json'])).stdout;
    const same = path.join(tmp, 'baseline.json');
    await writeFile(same, base);
    const unchanged = (await run(process.execPath, [evalScript, '--set', 'seeds', '--compare', same])).stdout;
    expect(unchanged.trim().split('\n')).toEqual([
      expect.stringMatching(/^seeds {2}docs 5 /),
      '       Δ no change',
      expect.stringMatching(/^all {4}docs 5 /),
      '       Δ no change',
    ]);
    // A baseline with better task F1 and worse fields shows both moves, signed.
    const better = JSON.parse(base);
    better.sets.seeds.totals.tasks.f1 = 0.9;
    better.sets.seeds.totals.fieldsMean = 0;
    const moved = path.join(tmp, 'baseline-moved.json');
    await writeFile(moved, JSON.stringify(better));
    const now = JSON.parse(base).sets.seeds.totals;
    const lines = (
      await run(process.execPath, [evalScript, '--set', 'seeds', '--compare', moved])
    ).stdout.split('\n');
    const sign = (d: number) => `${d > 0 ? '+' : ''}${d.toFixed(3)}`;
    expect(lines[1]).toContain(`tasks F1 ${sign(now.tasks.f1 - 0.9)}`);
    if (now.fieldsMean >= 0.0005) expect(lines[1]).toContain(`fields ${sign(now.fieldsMean)}`);
  });

  it('--perturb: each change alters every seed, keeps what the scorer reads, and is deterministic', async () => {
    for (const name of Object.keys(PERTURB)) {
      for (const f of names) {
        const text = readSeed(f);
        const changed = perturbText(text, [name], `seeds/${f}`);
        expect(changed, `${name} on ${f}`).not.toBe(text);
        expect(fold(changed), `${name} on ${f}`).toBe(fold(text));
        expect(perturbText(text, [name], `seeds/${f}`)).toBe(changed);
      }
    }
    const { stdout } = await run(process.execPath, [evalScript, '--set', 'seeds', '--perturb', 'crlf,nbsp']);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/^\S+\s+/, '')),
    ).toEqual([expect.stringMatching(SUMMARY), expect.stringMatching(SUMMARY)]);
    const bad = await run(process.execPath, [evalScript, '--perturb', 'crlf,khong-co']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown perturbation 'khong-co'");
  });

  it('refuses an unknown set with exit status 2', async () => {
    const err = await run(process.execPath, [evalScript, '--set', 'khong-co']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain("no set 'khong-co'");
  });
});
