import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extract } from '@dondoc/core';

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.text', '.markdown']);

const HELP = `Cách dùng: dondoc extract [--out DIR] TỆP...
  Trích xuất bản ghi notice@1 từ tệp văn bản (.txt, .md); '-' đọc từ đầu vào chuẩn.
  Một tệp: in một đối tượng JSON; nhiều tệp: in một mảng JSON.
  --out DIR  ghi DIR/<tên>.json cho từng tệp thay vì in ra.
  DOCX, PDF và bản quét được đọc bằng 'dondoc import'.
`;

/** Why a file could not be read, in Vietnamese, with the system's code for the curious. */
function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: 'tệp không tồn tại',
    EACCES: 'không có quyền đọc',
    EPERM: 'không có quyền đọc',
    EISDIR: 'đây là một thư mục, không phải tệp',
    EMFILE: 'quá nhiều tệp đang mở',
  };
  return code ? `${why[code] ?? 'lỗi hệ thống'} (${code})` : String(err);
}

/**
 * Decodes a text file: UTF-8 (a BOM is dropped) or UTF-16 with a BOM. Returns null
 * for content that is not text (NUL bytes in UTF-8, e.g. a renamed PDF or DOCX).
 */
function decode(buf: Buffer): string | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf.subarray(0, 8192).includes(0)) return null;
  return new TextDecoder('utf-8').decode(buf); // drops a UTF-8 BOM; bad bytes become U+FFFD
}

/** `dondoc extract [--out DIR] FILE...` */
export async function extractCommand(args: string[]): Promise<number> {
  let outDir: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      return 0;
    }
    if (a === '--out' || a === '-o') {
      outDir = args[++i];
      if (!outDir) return fail('--out cần một thư mục');
    } else if (a.startsWith('--out=')) outDir = a.slice(6);
    else if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') return fail(`không có tùy chọn '${a}'`);
    else files.push(a);
  }
  if (files.length === 0) return fail('chưa có tệp nào để trích xuất');
  if (outDir) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (err) {
      return fail(`không tạo được thư mục ${outDir}: ${readError(err)}`);
    }
  }

  const results: unknown[] = [];
  const failures: string[] = [];
  const used = new Map<string, number>();
  const progress = outDir !== undefined && files.length >= 20 ? new Progress(files.length) : null;
  for (const [i, file] of files.entries()) {
    const problem = await extractOne(file, outDir, used, results);
    if (problem) {
      progress?.clear();
      process.stderr.write(`dondoc extract: ${problem}\n`);
      failures.push(file);
    }
    progress?.update(i + 1);
  }
  progress?.done();
  if (outDir) {
    const written = files.length - failures.length;
    process.stderr.write(
      `Đã ghi ${written}/${files.length} bản ghi vào ${outDir}${failures.length ? `; ${failures.length} tệp lỗi` : ''}\n`,
    );
  } else if (results.length > 0)
    process.stdout.write(
      `${JSON.stringify(results.length === 1 && files.length === 1 ? results[0] : results, null, 2)}\n`,
    );
  return failures.length > 0 ? 1 : 0;
}

/** Extracts one file; returns the problem (Vietnamese, naming the file) or null. */
async function extractOne(
  file: string,
  outDir: string | undefined,
  used: Map<string, number>,
  results: unknown[],
): Promise<string | null> {
  const ext = path.extname(file).toLowerCase();
  if (file !== '-' && !TEXT_EXTENSIONS.has(ext))
    return `${file}: '${ext || '(không có phần mở rộng)'}' không phải tệp văn bản (.txt, .md); tệp DOCX, PDF và bản quét hãy dùng 'dondoc import'`;
  let text: string | null;
  try {
    if (file !== '-' && (await stat(file)).isDirectory()) return `${file}: ${readError({ code: 'EISDIR' })}`;
    text = decode(file === '-' ? await readStdin() : await readFile(file));
  } catch (err) {
    return `không đọc được ${file}: ${readError(err)}`;
  }
  if (text === null)
    return `${file}: nội dung không phải văn bản (có byte nhị phân); có phải tệp PDF/DOCX đổi tên?`;
  let notice: unknown;
  try {
    notice = extract(text);
  } catch (err) {
    // extract promises never to throw; if it does, say so and go on with the batch.
    return `${file}: lỗi khi trích xuất: ${(err as Error).message ?? String(err)}`;
  }
  if (!outDir) {
    results.push(notice);
    return null;
  }
  // Inputs with the same name from different folders get name~2.json, name~3.json ...
  const base = file === '-' ? 'stdin' : path.basename(file, path.extname(file));
  const seen = (used.get(base) ?? 0) + 1;
  used.set(base, seen);
  const target = path.join(outDir, seen === 1 ? `${base}.json` : `${base}~${seen}.json`);
  if (seen > 1) process.stderr.write(`dondoc extract: ${file}: trùng tên, ghi vào ${target}\n`);
  // Written whole or not at all: a temporary file renamed into place.
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(notice, null, 2)}\n`);
    await rename(tmp, target);
  } catch (err) {
    return `không ghi được ${target}: ${readError(err)}`;
  }
  return null;
}

/** A progress line on stderr: redrawn in place on a terminal, every tenth otherwise. */
class Progress {
  private shown = 0;
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  constructor(private readonly total: number) {}
  update(n: number): void {
    const now = Date.now();
    const step = Math.max(1, Math.floor(this.total / 10));
    if (this.tty ? now - this.last < 100 && n < this.total : n % step !== 0 && n < this.total) return;
    this.last = now;
    this.shown = n;
    process.stderr.write(`${this.tty ? '\r' : ''}${n}/${this.total} văn bản${this.tty ? '' : '\n'}`);
  }
  clear(): void {
    if (this.tty && this.shown > 0) process.stderr.write('\r\x1b[K');
  }
  done(): void {
    if (this.tty && this.shown > 0) process.stderr.write('\n');
  }
}

function fail(message: string): number {
  process.stderr.write(`dondoc extract: ${message}\n\n${HELP}`);
  return 2;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
