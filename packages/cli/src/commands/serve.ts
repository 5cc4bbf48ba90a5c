import { buildApp } from '../../../server/src/app.ts';
import { loadConfig } from '../../../server/src/config.ts';
import { migrateToLatest, openDatabase } from '../../../server/src/db/index.ts';
import { ensureAdmin, importSampleNotices, loadSampleData } from '../../../server/src/sample/index.ts';

const USAGE =
  'usage: dondoc serve [--port N] [--host ADDR] [--data DIR] [--no-sample]   (DATABASE_URL selects a PostgreSQL server)';

/**
 * `dondoc serve`: migrate, create `admin` on first start (DONDOC_ADMIN_PASSWORD or a
 * generated password printed once), load the sample registry/users/notices into an empty
 * database, then serve the API and the web bundle until SIGINT/SIGTERM.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const overrides: { port?: number; host?: string; dataDir?: string } = {};
  let sample = process.env.DONDOC_SAMPLE !== '0';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (flag: string) => {
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    try {
      if (a === '--port' || a.startsWith('--port=') || a === '-p') {
        const p = Number(value(a === '-p' ? '-p' : '--port'));
        if (!Number.isInteger(p) || p < 0 || p > 65535)
          return fail('--port must be a number between 0 and 65535');
        overrides.port = p;
      } else if (a === '--data' || a.startsWith('--data=') || a === '-d')
        overrides.dataDir = value(a === '-d' ? '-d' : '--data');
      else if (a === '--host' || a.startsWith('--host=')) overrides.host = value('--host');
      else if (a === '--no-sample') sample = false;
      else if (a === '--help' || a === '-h') {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      } else return fail(`unknown option '${a}'`);
    } catch (err) {
      if (err instanceof UsageError) return fail(err.message);
      throw err;
    }
  }
  const config = loadConfig(overrides);
  const handle = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  let closing: Promise<void> | null = null;
  try {
    await migrateToLatest(handle.db);
    const admin = await ensureAdmin(handle.db);
    if (admin?.generated)
      process.stdout.write(
        `Đã tạo tài khoản quản trị: admin / ${admin.password}\n(mật khẩu chỉ hiện một lần — hãy đổi sau khi đăng nhập)\n`,
      );
    else if (admin)
      process.stdout.write('Đã tạo tài khoản quản trị "admin" với mật khẩu DONDOC_ADMIN_PASSWORD.\n');
    if (sample) {
      const adminId = admin?.id ?? null;
      const s = await loadSampleData(handle.db, adminId);
      if (!s.skipped) {
        const notices = await importSampleNotices(handle.db, adminId);
        process.stdout.write(
          `Đã nạp dữ liệu mẫu: ${s.agencies} cơ quan, ${s.users} người dùng, ${notices.imported} thông báo (bản nháp).\n`,
        );
        for (const f of notices.failed) process.stderr.write(`  không nhập được ${f.file}: ${f.message}\n`);
      }
    }
    const app = await buildApp({ db: handle.db, dbKind: handle.kind, config });
    // Reminder jobs run inside the server process (DONDOC_REMINDERS=0 turns them off).
    const { attachReminders } = await import('../../../server/src/reminders/system.ts');
    attachReminders(app);
    const shutdown = (signal: string) => {
      if (closing) return;
      process.stderr.write(`\n${signal}: đang dừng máy chủ…\n`);
      closing = (async () => {
        await app.close();
        await handle.close();
      })();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const where = handle.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.dataDir}`;
    process.stdout.write(`dondoc đang chạy tại http://localhost:${port}/ (dữ liệu: ${where})\n`);
    await new Promise<void>((resolve) => app.server.once('close', () => resolve()));
    if (closing) await closing;
    return 0;
  } catch (err) {
    process.stderr.write(`dondoc serve: ${err instanceof Error ? err.message : String(err)}\n`);
    if (closing) await closing;
    else await handle.close();
    return 1;
  }
}

class UsageError extends Error {}

function fail(message: string): number {
  process.stderr.write(`dondoc serve: ${message}\n${USAGE}\n`);
  return 2;
}
