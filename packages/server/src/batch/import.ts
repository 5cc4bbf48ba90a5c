/**
 * Batch import of notice files as drafts (`dondoc import`). Each file is one
 * transaction (document + draft tasks + audit row, or nothing), so a run killed at any
 * point leaves only whole documents; a rerun skips what is there (same sha-256) and
 * imports the rest.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/index.ts';
import { importDocument } from '../documents/service.ts';
import { AppError } from '../errors.ts';

export interface BatchProgress {
  index: number;
  total: number;
  file: string;
  outcome: 'created' | 'duplicate' | 'failed';
  documentId?: number;
  message?: string;
}

export interface BatchSummary {
  created: number;
  duplicates: number;
  failed: Array<{ file: string; message: string }>;
  seconds: number;
}

export async function importFiles(
  db: Db,
  files: string[],
  options: { userId?: number | null; maxBytes?: number; onProgress?: (p: BatchProgress) => void } = {},
): Promise<BatchSummary> {
  const started = performance.now();
  const summary: BatchSummary = { created: 0, duplicates: 0, failed: [], seconds: 0 };
  for (const [i, file] of files.entries()) {
    const report = (p: Omit<BatchProgress, 'index' | 'total' | 'file'>) =>
      options.onProgress?.({ index: i + 1, total: files.length, file, ...p });
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new AppError('not_a_file', 400, 'Không phải là tệp.');
      const bytes = await readFile(file);
      const r = await importDocument(
        db,
        { fileName: path.basename(file), bytes, userId: options.userId ?? null },
        options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
      );
      if (r.duplicate) summary.duplicates++;
      else summary.created++;
      report({ outcome: r.duplicate ? 'duplicate' : 'created', documentId: r.documentId });
    } catch (err) {
      const message =
        err instanceof AppError
          ? err.messageVi
          : (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'Không tìm thấy tệp.'
            : String((err as Error).message ?? err);
      summary.failed.push({ file, message });
      report({ outcome: 'failed', message });
    }
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
