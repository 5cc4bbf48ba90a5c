import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extract } from '@dondoc/core';

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.text', '.markdown']);

/** `dondoc extract [--out DIR] FILE...` */
export async function extractCommand(args: string[]): Promise<number> {
  let outDir: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--out' || a === '-o') {
      outDir = args[++i];
      if (!outDir) return fail('--out needs a directory');
    } else if (a.startsWith('--out=')) outDir = a.slice(6);
    else if (a.startsWith('-') && a !== '-') return fail(`unknown option '${a}'`);
    else files.push(a);
  }
  if (files.length === 0) return fail('no input files (usage: dondoc extract [--out DIR] FILE...)');
  if (outDir) await mkdir(outDir, { recursive: true });

  const results: unknown[] = [];
  let failures = 0;
  const progress = outDir !== undefined && files.length >= 20;
  for (const [i, file] of files.entries()) {
    const ext = path.extname(file).toLowerCase();
    if (file !== '-' && !TEXT_EXTENSIONS.has(ext)) {
      process.stderr.write(
        `dondoc: ${file}: '${ext || '(no extension)'}' is not a text file; DOCX, PDF and scans are read by 'dondoc import'\n`,
      );
      failures++;
      continue;
    }
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(
        `dondoc: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`,
      );
      failures++;
      continue;
    }
    const notice = extract(text);
    if (outDir) {
      const base = path.basename(file, path.extname(file));
      await writeFile(path.join(outDir, `${base}.json`), `${JSON.stringify(notice, null, 2)}\n`);
      if (progress && ((i + 1) % 100 === 0 || i + 1 === files.length))
        process.stderr.write(`\r${i + 1}/${files.length} notices`);
    } else results.push(notice);
  }
  if (progress) process.stderr.write('\n');
  if (!outDir && results.length > 0)
    process.stdout.write(
      `${JSON.stringify(results.length === 1 && files.length === 1 ? results[0] : results, null, 2)}\n`,
    );
  return failures > 0 ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`dondoc extract: ${message}\n`);
  return 2;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
