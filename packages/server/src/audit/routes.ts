/** GET /api/audit — the audit trail, admin only, filtered and paginated. */
import { z } from 'zod';
import { requireRole } from '../auth/guards.ts';
import { isoDate, listOf, pageQuery } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';

const entryView = z.object({
  id: z.number(),
  at: z.date(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

const routes: RouteModule = async (app) => {
  app.get(
    '/api/audit',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thao tác',
        querystring: pageQuery.extend({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(50).optional(),
          userId: z.coerce.number().int().positive().optional(),
          action: z.string().max(80).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: listOf(entryView) },
      },
    },
    async (request) => {
      const q = request.query;
      let query = app.db.selectFrom('audit_log as l').leftJoin('users as u', 'u.id', 'l.user_id');
      if (q.entity) query = query.where('l.entity', '=', q.entity);
      if (q.entityId) query = query.where('l.entity_id', '=', q.entityId);
      if (q.userId) query = query.where('l.user_id', '=', q.userId);
      if (q.action) query = query.where('l.action', '=', q.action);
      if (q.from) query = query.where('l.at', '>=', new Date(`${q.from}T00:00:00+07:00`));
      // Days are Vietnamese days (UTC+7): `to` includes the whole day.
      if (q.to)
        query = query.where('l.at', '<', new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000));
      const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const items = await query
        .select([
          'l.id',
          'l.at',
          'l.user_id as userId',
          'u.username',
          'l.action',
          'l.entity',
          'l.entity_id as entityId',
          'l.before',
          'l.after',
        ])
        .orderBy('l.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return { items, total: total.n };
    },
  );
};

export default routes;
