import { importFiles } from '../../../server/src/batch/import.ts';
import { loadConfig } from '../../../server/src/config.ts';
import { migrateToLatest, openDatabase } from '../../../server/src/db/index.ts';

const USAGE = 'usage: dondoc import [--data DIR] FILE...   (DATABASE_URL selects a PostgreSQL server)';

/**
 * `dondoc import [--data DIR] FILE...` — imports notices as drafts, one transaction per
 * file; progress on stderr; exit 0 when every file was imported or already present,
 * 1 when some failed, 2 on bad usage.
 */
export async function importCommand(args: string[]): Promise<number> {
  let dataDir: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--data' || a === '-d') {
      dataDir = args[++i];
      if (!dataDir) return fail('--data needs a directory');
    } else if (a.startsWith('--data=')) dataDir = a.slice(7);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('-')) return fail(`unknown option '${a}'`);
    else files.push(a);
  }
  if (files.length === 0) return fail('no input files');
  const config = loadConfig(dataDir ? { dataDir } : {});
  const handle = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 2 } : { dataDir: config.dataDir },
  );
  try {
    await migrateToLatest(handle.db);
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir;
    process.stderr.write(`dondoc import: ${files.length} tệp → ${where}\n`);
    const summary = await importFiles(handle.db, files, {
      maxBytes: config.uploadLimit,
      onProgress: (p) => {
        const what =
          p.outcome === 'created'
            ? `đã nhập #${p.documentId}`
            : p.outcome === 'duplicate'
              ? `đã có (#${p.documentId}), bỏ qua`
              : `lỗi: ${p.message}`;
        process.stderr.write(`[${p.index}/${p.total}] ${p.file}: ${what}\n`);
      },
    });
    const rate = summary.seconds > 0 ? (summary.created + summary.duplicates) / summary.seconds : 0;
    process.stderr.write(
      `dondoc import: ${summary.created} mới, ${summary.duplicates} trùng, ${summary.failed.length} lỗi ` +
        `trong ${summary.seconds.toFixed(1)} s (${rate.toFixed(1)} tệp/s)\n`,
    );
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`dondoc import: ${message}\n${USAGE}\n`);
  return 2;
}
