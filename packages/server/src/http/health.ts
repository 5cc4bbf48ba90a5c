import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { RouteModule } from './types.ts';

/** GET /api/health → {"status":"ok","database":"pglite"|"postgres"} (503 when the database fails). */
const health: RouteModule = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Tình trạng máy chủ',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(app.db);
      } catch {
        throw new AppError('database_unavailable', 503, 'Không kết nối được cơ sở dữ liệu.');
      }
      return { status: 'ok' as const, database: app.dbKind };
    },
  );
};
export default health;
