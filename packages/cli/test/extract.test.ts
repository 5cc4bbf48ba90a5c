// `dondoc extract` as users run it: the real bin in a child process, on the seed notices.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extract, validateNotice } from '@dondoc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/dondoc.js');
const seedsDir = path.join(repo, 'corpus/seeds');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function dondoc(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

let tmp: string;
let seeds: string[];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'dondoc-extract-'));
  seeds = (await readdir(seedsDir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(seedsDir, f));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** What the same core gives in-process, through JSON as the CLI prints it. */
async function expected(file: string): Promise<unknown> {
  return JSON.parse(JSON.stringify(extract(await readFile(file, 'utf8'))));
}

describe('dondoc extract', () => {
  it('one file → one JSON object, the same record the core gives', async () => {
    const r = await dondoc(['extract', seeds[0] as string]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out)).toBe(false);
    expect(out.schema).toBe('notice@1');
    expect(validateNotice(out)).toEqual([]);
    expect(out).toEqual(await expected(seeds[0] as string));
  });

  it('several files → an array in the order given', async () => {
    const files = [...seeds].reverse();
    const r = await dondoc(['extract', ...files]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out)).toBe(true);
    expect(out).toHaveLength(files.length);
    for (const [i, f] of files.entries()) expect(out[i]).toEqual(await expected(f));
  });

  it('reads standard input for "-"', async () => {
    const text = await readFile(seeds[1] as string, 'utf8');
    const r = await dondoc(['extract', '-'], text);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(extract(text))));
  });

  it('--out DIR writes DIR/<basename>.json for each of a batch and shows progress on stderr', async () => {
    const inDir = path.join(tmp, 'batch');
    await mkdir(inDir, { recursive: true });
    const inputs: string[] = [];
    for (let i = 0; i < 23; i++) {
      const src = seeds[i % seeds.length] as string;
      const dest = path.join(inDir, `tb-${String(i).padStart(2, '0')}${i % 4 === 3 ? '.md' : '.txt'}`);
      await copyFile(src, dest);
      inputs.push(dest);
    }
    const out = path.join(tmp, 'out', 'nested');
    const r = await dondoc(['extract', '--out', out, ...inputs]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    // Progress: a count line on stderr that reaches the total, then the summary.
    expect(r.stderr).toMatch(/\b23\/23\b/);
    expect(r.stderr).toMatch(/\b\d{1,2}\/23\b[\s\S]*\b23\/23\b/);
    expect(r.stderr).toContain(`Đã ghi 23/23 bản ghi vào ${out}`);
    const written = (await readdir(out)).sort();
    expect(written).toEqual(inputs.map((f) => `${path.basename(f, path.extname(f))}.json`).sort());
    for (const f of inputs) {
      const rec = JSON.parse(
        await readFile(path.join(out, `${path.basename(f, path.extname(f))}.json`), 'utf8'),
      );
      expect(rec).toEqual(await expected(f));
    }
  });

  it('--out with two inputs of the same name keeps both', async () => {
    const a = path.join(tmp, 'a', 'tb.txt');
    const b = path.join(tmp, 'b', 'tb.txt');
    await mkdir(path.dirname(a), { recursive: true });
    await mkdir(path.dirname(b), { recursive: true });
    await copyFile(seeds[0] as string, a);
    await copyFile(seeds[1] as string, b);
    const out = path.join(tmp, 'same');
    const r = await dondoc(['extract', '--out', out, a, b]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['tb.json', 'tb~2.json']);
    expect(JSON.parse(await readFile(path.join(out, 'tb~2.json'), 'utf8'))).toEqual(await expected(b));
  });

  it('a missing file → non-zero exit and a message naming the file; the others still come out', async () => {
    const missing = path.join(tmp, 'khong-co-tep-nay.txt');
    const r = await dondoc(['extract', seeds[0] as string, missing, seeds[1] as string]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toMatch(/không tồn tại/);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
  });

  it('an unreadable file (a folder named .txt) → non-zero exit and a message naming it', async () => {
    const dir = path.join(tmp, 'thu-muc.txt');
    await mkdir(dir, { recursive: true });
    const r = await dondoc(['extract', dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(dir);
    expect(r.stderr).toMatch(/thư mục/);
    expect(r.stdout).toBe('');
  });

  it('a .pdf → a clear message that points to dondoc import', async () => {
    const pdf = path.join(tmp, 'thong-bao.pdf');
    await writeFile(pdf, '%PDF-1.4\n%âãÏÓ\n');
    const r = await dondoc(['extract', pdf]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(pdf);
    expect(r.stderr).toMatch(/không phải tệp văn bản/);
    expect(r.stderr).toContain('dondoc import');
  });

  it('binary content in a .txt → a clear message, not a record of garbage', async () => {
    const bad = path.join(tmp, 'doi-ten.txt');
    await writeFile(bad, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x00]));
    const r = await dondoc(['extract', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/không phải văn bản/);
  });

  it('UTF-16 and UTF-8 with a BOM read as the same text', async () => {
    const text = await readFile(seeds[2] as string, 'utf8');
    const u16 = path.join(tmp, 'utf16.txt');
    await writeFile(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const bom = path.join(tmp, 'bom.txt');
    await writeFile(bom, `\ufeff${text}`);
    const r = await dondoc(['extract', u16, bom]);
    expect(r.code, r.stderr).toBe(0);
    const [a, b] = JSON.parse(r.stdout);
    const want = JSON.parse(JSON.stringify(extract(text)));
    expect(a).toEqual(want);
    expect(b).toEqual(want);
  });

  it('bad usage → exit 2 with the usage text', async () => {
    const none = await dondoc(['extract']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Cách dùng: dondoc extract');
    const opt = await dondoc(['extract', '--khong-co', seeds[0] as string]);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("'--khong-co'");
  });

  it('a text that is not a notice → a record with a not-a-notice warning', async () => {
    const recipe = path.join(tmp, 'cong-thuc-pho.txt');
    await writeFile(
      recipe,
      [
        'CÁCH NẤU PHỞ BÒ HÀ NỘI',
        '',
        'Nguyên liệu: 2 kg xương ống bò, 500 g thịt bắp, 1 củ gừng, 3 củ hành tím, quế, hồi, thảo quả.',
        '',
        'Bước 1: Rửa sạch xương, chần qua nước sôi rồi hầm trong 6 giờ với lửa nhỏ.',
        '',
        'Bước 2: Nướng gừng và hành cho thơm, cho vào nồi nước dùng cùng các loại gia vị.',
        '',
        'Bước 3: Trụng bánh phở, xếp thịt lên trên, chan nước dùng nóng và thưởng thức.',
      ].join('\n'),
    );
    const r = await dondoc(['extract', recipe]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validateNotice(out)).toEqual([]);
    expect(out.tasks).toEqual([]);
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain('not-a-notice');
  });
});
