/** GET /api/notifications, POST /api/notifications/:id/read, POST /api/notifications/read-all. */
import { z } from 'zod';
import { currentUser } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import { idParams, pageQuery, queryBool } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';
import { listNotifications, markAllRead, markRead } from './service.ts';

const notificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  taskId: z.number().nullable(),
  documentId: z.number().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

const routes: RouteModule = async (app) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo của tôi (chưa đọc trước, mới nhất trước)',
        querystring: pageQuery.extend({ unread: queryBool.optional() }),
        response: {
          200: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number() }),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { page, pageSize, unread } = request.query;
      return listNotifications(app.db, user, { page, pageSize, unreadOnly: unread === true });
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu tất cả thông báo là đã đọc',
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (request) => ({ updated: await markAllRead(app.db, currentUser(request)) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu một thông báo là đã đọc',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const ok = await markRead(app.db, currentUser(request), request.params.id);
      if (!ok) throw notFound('Không tìm thấy thông báo.');
      return { ok: true as const };
    },
  );
};

export default routes;
