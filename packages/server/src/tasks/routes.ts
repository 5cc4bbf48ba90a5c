/**
 * GET /api/tasks, GET /api/tasks/:id, POST /api/tasks/:id/progress (multipart or JSON),
 * POST /api/tasks/:id/{submit,confirm,return,pause,resume}, POST /api/tasks/:id/extensions,
 * POST /api/extensions/:id/decision, POST /api/tasks/:id/comments, GET /api/attachments/:id.
 */
import { z } from 'zod';
import { currentUser } from '../auth/guards.ts';
import { contentDisposition } from '../documents/routes.ts';
import { AppError } from '../errors.ts';
import { idParams, isoDate, pageQuery } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';
import { BUCKETS } from './buckets.ts';
import { TASK_STATUSES, type TaskAction } from './lifecycle.ts';
import {
  addComment,
  addProgress,
  applyAction,
  decideExtension,
  getAttachment,
  getTask,
  listTasks,
  requestExtension,
  type UploadedFile,
} from './service.ts';

/** Attachments of one progress report: each file at most this many bytes. */
export const ATTACHMENT_LIMIT = 20 * 1024 * 1024;

const listQuery = pageQuery.extend({
  agencyId: z.coerce.number().int().positive().optional(),
  agencyRole: z.enum(['lead', 'support']).optional(),
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((x) => x.trim());
      for (const x of list)
        if (!(TASK_STATUSES as readonly string[]).includes(x)) {
          ctx.addIssue({ code: 'custom', message: `Trạng thái không hợp lệ: ${x}` });
          return z.NEVER;
        }
      return list as (typeof TASK_STATUSES)[number][];
    }),
  bucket: z.enum([...BUCKETS, 'due_soon', 'no_deadline']).optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  documentId: z.coerce.number().int().positive().optional(),
  parentId: z.coerce.number().int().positive().optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['due', '-due', 'created', 'status']).optional(),
});

const progressFields = z.object({
  note: z.string().trim().min(1, 'Hãy nhập nội dung báo cáo tiến độ.').max(10_000),
  percent: z.coerce.number().int().min(0).max(100).nullable().optional(),
});

const routes: RouteModule = async (app) => {
  const db = app.db;

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Danh sách nhiệm vụ (lọc, sắp xếp, phân trang)',
        querystring: listQuery,
      },
    },
    async (request) => listTasks(db, currentUser(request), request.query),
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Chi tiết nhiệm vụ, lịch sử, báo cáo, gia hạn, bình luận',
        params: idParams,
      },
    },
    async (request) => getTask(db, currentUser(request), request.params.id),
  );

  app.post(
    '/api/tasks/:id/progress',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Báo cáo tiến độ (multipart: note, percent, tệp đính kèm; hoặc JSON)',
        params: idParams,
        consumes: ['multipart/form-data', 'application/json'],
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const files: UploadedFile[] = [];
      let fields: Record<string, unknown> = {};
      if (request.isMultipart()) {
        for await (const part of request.parts({ limits: { fileSize: ATTACHMENT_LIMIT, files: 10 } })) {
          if (part.type === 'file') {
            try {
              const bytes = await part.toBuffer();
              files.push({ fileName: part.filename || 'tep', contentType: part.mimetype, bytes });
            } catch (err) {
              if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
                throw new AppError(
                  'payload_too_large',
                  413,
                  `Tệp đính kèm «${part.filename}» vượt quá ${ATTACHMENT_LIMIT / 1024 / 1024} MB. Hãy nén hoặc tách tệp.`,
                  { maxBytes: ATTACHMENT_LIMIT },
                );
              throw err;
            }
          } else fields[part.fieldname] = part.value === '' ? undefined : part.value;
        }
      } else fields = (request.body ?? {}) as Record<string, unknown>;
      const parsed = progressFields.safeParse(fields);
      if (!parsed.success)
        throw new AppError(
          'validation',
          400,
          parsed.error.issues[0]?.message ?? 'Dữ liệu gửi lên không hợp lệ.',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      const r = await addProgress(db, user, request.params.id, { ...parsed.data, files });
      return reply.status(201).send(r);
    },
  );

  for (const action of ['submit', 'confirm', 'return', 'pause', 'resume'] as const satisfies TaskAction[]) {
    app.post(
      `/api/tasks/:id/${action}`,
      {
        schema: {
          tags: ['tasks'],
          summary: {
            submit: 'Đơn vị chủ trì báo cáo hoàn thành (chờ xác nhận)',
            confirm: 'Xác nhận hoàn thành',
            return: 'Trả lại (kèm lý do)',
            pause: 'Tạm dừng',
            resume: 'Tiếp tục',
          }[action],
          params: idParams,
          body: z
            .object({ reason: z.string().max(5000).optional(), note: z.string().max(5000).optional() })
            .nullish(),
        },
      },
      async (request) =>
        applyAction(db, currentUser(request), request.params.id, action, {
          reason: request.body?.reason,
          note: request.body?.note,
        }),
    );
  }

  app.post(
    '/api/tasks/:id/extensions',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Xin gia hạn',
        params: idParams,
        body: z.object({
          proposedDue: isoDate,
          reason: z.string().trim().min(1, 'Hãy nêu lý do xin gia hạn.').max(5000),
        }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestExtension(db, currentUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/extensions/:id/decision',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Quyết định gia hạn (chấp thuận dời hạn, giữ lịch sử)',
        params: idParams,
        body: z.object({ approve: z.boolean(), note: z.string().max(5000).optional() }),
      },
    },
    async (request) => decideExtension(db, currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/tasks/:id/comments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Bình luận',
        params: idParams,
        body: z.object({ body: z.string().trim().min(1, 'Bình luận không được để trống.').max(10_000) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addComment(db, currentUser(request), request.params.id, request.body.body)),
  );

  app.get(
    '/api/attachments/:id',
    { schema: { tags: ['tasks'], summary: 'Tải tệp đính kèm', params: idParams } },
    async (request, reply) => {
      const a = await getAttachment(db, currentUser(request), request.params.id);
      return reply
        .header('content-type', a.content_type || 'application/octet-stream')
        .header('content-disposition', contentDisposition(a.file_name))
        .header('x-content-type-options', 'nosniff')
        .send(a.bytes);
    },
  );
};

export default routes;
