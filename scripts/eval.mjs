#!/usr/bin/env node
// `npm run eval`: extracts every notice of every scored corpus set in-process with
// @dondoc/core's `extract` and scores it against the set's gold records
// (shared/eval/CONTRACT.md, the same rules as shared/eval/score.mjs).
//
//   node scripts/eval.mjs [--set NAME]... [--verbose] [--json] [--write DIR] [--corpus DIR]
//                         [--compare FILE] [--perturb crlf,nfd,oldtones,nbsp,spaces,trailing,bom] [--exact]
//
// Prints one summary line per set (score.mjs's format after the set's name), then one
// line for all the sets' documents together. --write DIR also saves the predictions as
// DIR/<set>/NAME.json so that they can be scored again or compared. --compare FILE (the
// output of an earlier `--json` run) prints under each line what changed since then.
// --perturb applies changes that leave the notice's meaning alone (line endings, NFD, old
// tone placement, NBSP, doubled spaces, trailing blanks, BOM): a robust extractor scores the
// same; compare with `--compare` against a plain `--json` run.
// --exact adds, under each set, how often lead and support name exactly the gold's agencies
// (the scorer accepts a name that contains the other, which hides names cut short or run on).
// Exit status: 0; 1 when extract threw or returned an invalid record, or a gold file is
// unreadable; 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { PERTURB, perturbText } from './perturb.mjs';
import { formatSummary, formatVerbose, goldFiles, scoreDocs } from './score-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: node scripts/eval.mjs [--set NAME]... [--verbose] [--json] [--write DIR] [--corpus DIR] [--compare FILE] [--perturb NAME,...] [--exact]';

const args = process.argv.slice(2);
const sets = [];
let verbose = false;
let json = false;
let exact = false;
let writeDir;
let compareFile;
const perturb = [];
let corpusDir = path.join(root, 'corpus');
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined) usage(`${a} needs a value`);
    return v;
  };
  if (a === '--set') sets.push(value());
  else if (a.startsWith('--set=')) sets.push(a.slice(6));
  else if (a === '--verbose' || a === '-v') verbose = true;
  else if (a === '--json') json = true;
  else if (a === '--exact') exact = true;
  else if (a === '--write') writeDir = path.resolve(value());
  else if (a === '--corpus') corpusDir = path.resolve(value());
  else if (a === '--compare') compareFile = value();
  else if (a === '--perturb') {
    const v = value();
    for (const name of v.split(',')) {
      if (!(name in PERTURB)) usage(`unknown perturbation '${name}' (${Object.keys(PERTURB).join(', ')})`);
      perturb.push(name);
    }
  } else if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else usage(`unknown argument '${a}'`);
}

function usage(message) {
  console.error(`eval: ${message}\n${USAGE}`);
  process.exit(2);
}

let baseline;
if (compareFile) {
  try {
    baseline = JSON.parse(fs.readFileSync(compareFile, 'utf8'));
  } catch (err) {
    usage(`cannot read ${compareFile} (an earlier --json output): ${err.message}`);
  }
}

/** The figures of the summary line that moved since `before`, e.g. "tasks F1 +0.120". */
function delta(before, after) {
  if (!before?.totals) return '(not in the baseline)';
  const pick = (t) => ({
    'tasks P': t.tasks.precision,
    'tasks R': t.tasks.recall,
    'tasks F1': t.tasks.f1,
    lead: t.leadAccuracy,
    due: t.dueAccuracy,
    'support F1': t.supportF1,
    'recipients F1': t.recipientsF1,
    fields: t.fieldsMean,
  });
  const a = pick(before.totals);
  const b = pick(after.totals);
  const moved = Object.keys(b)
    .map((k) => [k, b[k] - a[k]])
    .filter(([, d]) => Math.abs(d) >= 0.0005)
    .map(([k, d]) => `${k} ${d > 0 ? '+' : ''}${d.toFixed(3)}`);
  const docs =
    before.totals.documents === after.totals.documents
      ? ''
      : ` (docs ${before.totals.documents} → ${after.totals.documents})`;
  return `${moved.length ? moved.join(' · ') : 'no change'}${docs}`;
}

// The core is TypeScript; tsx compiles it on import.
register();
const { extract, validateNotice, asciiKey } = await import(
  pathToFileURL(path.join(root, 'packages/core/src/index.ts')).href
);

const available = fs.existsSync(corpusDir)
  ? fs
      .readdirSync(corpusDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(corpusDir, e.name, 'gold')))
      .map((e) => e.name)
      .sort()
  : [];
for (const s of sets) if (!available.includes(s)) usage(`no set '${s}' with a gold/ folder in ${corpusDir}`);
const chosen = sets.length > 0 ? available.filter((s) => sets.includes(s)) : available;
if (chosen.length === 0) usage(`no set with a gold/ folder in ${corpusDir}`);

const problems = [];
let badGold = false;
const bySet = {};
const setDocs = {};
const allDocs = [];
let extractMs = 0;
let extractBytes = 0;
for (const set of chosen) {
  const dir = path.join(corpusDir, set);
  const docs = [];
  const golds = goldFiles(path.join(dir, 'gold'));
  const goldNames = new Set(golds.map((f) => f.slice(0, -'.json'.length)));
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    if (!goldNames.has(f.slice(0, -'.txt'.length))) problems.push(`${set}/${f}: no gold record, not scored`);
  }
  for (const f of golds) {
    const name = f.slice(0, -'.json'.length);
    let gold;
    try {
      gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold', f), 'utf8'));
      if (gold === null || typeof gold !== 'object' || Array.isArray(gold)) throw new Error('not an object');
    } catch (err) {
      problems.push(`${set}/gold/${f}: unreadable gold record (${err.message}), not scored`);
      badGold = true;
      continue;
    }
    const textFile = path.join(dir, `${name}.txt`);
    let pred = {};
    if (!fs.existsSync(textFile)) problems.push(`${set}/${name}.txt: missing, scored as an empty prediction`);
    else {
      const text = perturbText(fs.readFileSync(textFile, 'utf8'), perturb, `${set}/${name}`);
      extractBytes += Buffer.byteLength(text);
      const t0 = performance.now();
      try {
        pred = extract(text);
      } catch (err) {
        problems.push(`${set}/${name}.txt: extract threw ${err?.stack ?? err}`);
        pred = {};
      }
      extractMs += performance.now() - t0;
      const invalid = validateNotice(pred);
      if (invalid.length > 0 && Object.keys(pred).length > 0)
        problems.push(`${set}/${name}.txt: invalid record: ${invalid.join('; ')}`);
    }
    if (writeDir) {
      fs.mkdirSync(path.join(writeDir, set), { recursive: true });
      fs.writeFileSync(path.join(writeDir, set, f), `${JSON.stringify(pred, null, 2)}\n`);
    }
    docs.push({ file: f, gold, pred });
    allDocs.push({ file: `${set}/${f}`, gold, pred });
  }
  bySet[set] = scoreDocs(docs);
  setDocs[set] = docs;
}
const all = scoreDocs(allDocs);
const failed = badGold || problems.some((p) => /: (extract threw|invalid record)/.test(p));

if (json) {
  console.log(JSON.stringify({ sets: bySet, all, problems, extractMs }, null, 2));
} else {
  const width = Math.max(3, ...chosen.map((s) => s.length));
  for (const set of chosen) {
    if (verbose) {
      console.log(`\n#### ${set}`);
      for (const line of formatVerbose(bySet[set])) console.log(line);
      console.log('');
    }
    console.log(`${set.padEnd(width)}  ${formatSummary(bySet[set])}`);
    if (exact) console.log(`${''.padEnd(width)}  ${exactNames(setDocs[set])}`);
    if (baseline) console.log(`${''.padEnd(width)}  Δ ${delta(baseline.sets?.[set], bySet[set])}`);
  }
  console.log(`${'all'.padEnd(width)}  ${formatSummary(all)}`);
  if (baseline) console.log(`${''.padEnd(width)}  Δ ${delta(baseline.all, all)}`);
  for (const p of problems) console.error(`eval: ${p}`);
  console.error(
    `eval: ${allDocs.length} notices, ${(extractBytes / 1024).toFixed(0)} KB extracted in ${extractMs.toFixed(0)} ms`,
  );
}
process.exitCode = failed ? 1 : 0;

/**
 * Exact agency names: gold tasks paired with the predicted task of the same text (folded),
 * then lead and support compared as sets of folded names, with no containment.
 */
function exactNames(docs) {
  const key = (s) => asciiKey(String(s ?? '')).slice(0, 80);
  const names = (xs) => JSON.stringify((xs ?? []).map((x) => asciiKey(x)).sort());
  let n = 0;
  let lead = 0;
  let support = 0;
  for (const { gold, pred } of docs) {
    for (const g of gold.tasks ?? []) {
      const p = (pred.tasks ?? []).find((t) => key(t.text) === key(g.text));
      if (!p) continue;
      n++;
      if (names(p.lead) === names(g.lead)) lead++;
      if (names(p.support) === names(g.support)) support++;
    }
  }
  const r = (k) => (n ? (k / n).toFixed(3) : '-');
  return `exact names on ${n} tasks paired by text · lead ${r(lead)} · support ${r(support)}`;
}
