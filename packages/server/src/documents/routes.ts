/**
 * POST /api/documents (multipart, one or many files), GET /api/documents,
 * GET /api/documents/:id, GET /api/documents/:id/file, PUT /api/documents/:id/draft,
 * POST /api/documents/:id/publish.
 */
import type { MultipartFile } from '@fastify/multipart';
import { sql } from 'kysely';
import { z } from 'zod';
import { agencyScope, taskInScope } from '../auth/access.ts';
import { currentUser, READ_ALL_ROLES, requireRole, STAFF_ROLES } from '../auth/guards.ts';
import { AppError, notFound } from '../errors.ts';
import { idParams, isoDate, pageQuery } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';
import { RECURRENCES } from '../tasks/recurrence.ts';
import { canReadDocument, loadDraftTasks, publishDocument, saveDraft, suggestAgencies } from './review.ts';
import { importDocument } from './service.ts';

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

const draftTaskSchema = z.object({
  id: z.number().int().optional(),
  ref: nullableText(50),
  text: z.string().trim().min(1, 'Nội dung nhiệm vụ không được để trống').max(20_000),
  span: z
    .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
    .nullable()
    .optional(),
  leadNames: z.array(z.string().max(500)).max(50).optional(),
  supportNames: z.array(z.string().max(500)).max(100).optional(),
  leadAgencyIds: z.array(z.number().int().positive()).max(50).optional(),
  supportAgencyIds: z.array(z.number().int().positive()).max(100).optional(),
  due: isoDate.nullable().optional(),
  dueText: nullableText(500),
  recurrence: z.enum(RECURRENCES).nullable().optional(),
});

const draftSchema = z.object({
  number: nullableText(50),
  notation: nullableText(100),
  docType: nullableText(20),
  issuer: nullableText(500),
  place: nullableText(200),
  date: isoDate.nullable().optional(),
  subject: nullableText(2000),
  tasks: z.array(draftTaskSchema).max(500).optional(),
  mappings: z
    .array(z.object({ name: z.string().trim().min(1).max(500), agencyId: z.number().int().positive() }))
    .max(500)
    .optional(),
});

const MIME: Record<string, string> = {
  text: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  'pdf-ocr': 'application/pdf',
};

function summary(r: {
  id: number;
  status: string;
  file_name: string;
  format: string;
  number: string | null;
  notation: string | null;
  doc_type: string | null;
  issuer: string | null;
  place: string | null;
  doc_date: string | null;
  subject: string | null;
  created_at: Date;
  published_at: Date | null;
}) {
  return {
    id: r.id,
    status: r.status,
    fileName: r.file_name,
    format: r.format,
    number: r.number,
    notation: r.notation,
    docType: r.doc_type,
    issuer: r.issuer,
    place: r.place,
    date: r.doc_date,
    subject: r.subject,
    createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}

const SUMMARY_COLUMNS = [
  'documents.id',
  'documents.status',
  'documents.file_name',
  'documents.format',
  'documents.number',
  'documents.notation',
  'documents.doc_type',
  'documents.issuer',
  'documents.place',
  'documents.doc_date',
  'documents.subject',
  'documents.created_at',
  'documents.published_at',
] as const;

const routes: RouteModule = async (app) => {
  const db = app.db;

  async function documentView(id: number) {
    const r = await db
      .selectFrom('documents')
      .select([...SUMMARY_COLUMNS, 'documents.text', 'documents.record', 'documents.warnings'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('Không tìm thấy văn bản.');
    const count = await db
      .selectFrom('tasks')
      .select(sql<number>`count(*)`.as('n'))
      .where('document_id', '=', id)
      .where('parent_task_id', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      ...summary(r),
      text: r.text,
      record: r.record,
      warnings: r.warnings,
      taskCount: Number(count.n),
    };
  }

  app.post(
    '/api/documents',
    {
      preHandler: requireRole(...STAFF_ROLES),
      schema: {
        tags: ['documents'],
        summary: 'Nhập văn bản (multipart: một hoặc nhiều tệp)',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      if (!request.isMultipart())
        throw new AppError(
          'unsupported_media_type',
          415,
          'Hãy gửi tệp văn bản dạng multipart/form-data (trường "file").',
        );
      const results: Array<{
        fileName: string;
        document?: Awaited<ReturnType<typeof documentView>>;
        duplicate?: boolean;
        error?: { code: string; message: string; status: number };
      }> = [];
      const limit = app.config.uploadLimit;
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const file = part as MultipartFile;
        let bytes: Buffer;
        try {
          bytes = await file.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError(
              'payload_too_large',
              413,
              `Tệp «${file.filename}» vượt quá dung lượng cho phép (${Math.round(limit / 1024 / 1024)} MB). ` +
                'Hãy nén hoặc tách tệp rồi tải lên lại.',
              { maxBytes: limit },
            );
          throw err;
        }
        try {
          const r = await importDocument(
            db,
            {
              fileName: file.filename || 'tep-khong-ten',
              bytes,
              contentType: file.mimetype,
              userId: user.id,
            },
            { maxBytes: limit },
          );
          results.push({
            fileName: file.filename,
            document: await documentView(r.documentId),
            duplicate: r.duplicate,
          });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({
            fileName: file.filename,
            error: { code: err.code, message: err.messageVi, status: err.status },
          });
        }
      }
      if (results.length === 0)
        throw new AppError('validation', 400, 'Chưa có tệp nào được gửi lên (trường "file").');
      if (results.length === 1) {
        const [only] = results as [(typeof results)[number]];
        if (only.error) throw new AppError(only.error.code, only.error.status, only.error.message);
        return reply
          .status(only.duplicate ? 200 : 201)
          .send({ document: only.document, duplicate: only.duplicate === true });
      }
      const created = results.some((r) => r.document && !r.duplicate);
      return reply.status(created ? 201 : 200).send({ items: results });
    },
  );

  app.get(
    '/api/documents',
    {
      preHandler: requireRole(...READ_ALL_ROLES, 'agency'),
      schema: {
        tags: ['documents'],
        summary: 'Danh sách văn bản',
        querystring: pageQuery.extend({
          status: z.enum(['draft', 'published', 'archived']).optional(),
          q: z.string().max(200).optional(),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { status, q, page, pageSize } = request.query;
      const scope = await agencyScope(db, user);
      let base = db.selectFrom('documents');
      if (scope)
        base = base.where((eb) =>
          eb.exists(
            eb
              .selectFrom('tasks')
              .select('tasks.id')
              .whereRef('tasks.document_id', '=', 'documents.id')
              .where(taskInScope(scope)),
          ),
        );
      if (status) base = base.where('documents.status', '=', status);
      if (q?.trim())
        base = base.where(sql<boolean>`documents.search_text like '%' || dondoc_fold(${q.trim()}) || '%'`);
      const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base
        .select([...SUMMARY_COLUMNS])
        .select((eb) =>
          eb
            .selectFrom('tasks')
            .select(sql<number>`count(*)`.as('n'))
            .whereRef('tasks.document_id', '=', 'documents.id')
            .where('tasks.parent_task_id', 'is', null)
            .as('task_count'),
        )
        .orderBy('documents.created_at', 'desc')
        .orderBy('documents.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map((r) => ({ ...summary(r), taskCount: Number(r.task_count ?? 0) })), total };
    },
  );

  app.get(
    '/api/documents/:id',
    {
      preHandler: requireRole(...READ_ALL_ROLES, 'agency'),
      schema: {
        tags: ['documents'],
        summary: 'Văn bản: nội dung, bản ghi, nhiệm vụ nháp, gợi ý cơ quan',
        params: idParams,
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      if (!(await canReadDocument(db, user, id))) throw notFound('Không tìm thấy văn bản.');
      const document = await documentView(id);
      const draftTasks = await loadDraftTasks(db, id);
      const suggestions =
        document.status === 'draft' && user.role !== 'agency'
          ? await suggestAgencies(
              db,
              draftTasks.flatMap((t) => [...t.leadNames, ...t.supportNames]),
              document.place,
            )
          : {};
      return { document, draftTasks, suggestions };
    },
  );

  app.get(
    '/api/documents/:id/file',
    {
      preHandler: requireRole(...READ_ALL_ROLES, 'agency'),
      schema: { tags: ['documents'], summary: 'Tệp gốc của văn bản', params: idParams },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { id } = request.params;
      if (!(await canReadDocument(db, user, id))) throw notFound('Không tìm thấy văn bản.');
      const r = await db
        .selectFrom('documents')
        .select(['file_name', 'format', 'original'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r?.original) throw notFound('Văn bản không còn lưu tệp gốc.');
      return reply
        .header('content-type', MIME[r.format] ?? 'application/octet-stream')
        .header('content-disposition', contentDisposition(r.file_name))
        .header('x-content-type-options', 'nosniff')
        .send(r.original);
    },
  );

  app.put(
    '/api/documents/:id/draft',
    {
      preHandler: requireRole(...STAFF_ROLES),
      schema: {
        tags: ['documents'],
        summary: 'Lưu kết quả rà soát bản nháp',
        params: idParams,
        body: draftSchema,
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      await saveDraft(db, user, id, request.body);
      return { document: await documentView(id), draftTasks: await loadDraftTasks(db, id) };
    },
  );

  app.post(
    '/api/documents/:id/publish',
    {
      preHandler: requireRole(...STAFF_ROLES),
      schema: {
        tags: ['documents'],
        summary: 'Ban hành: tạo nhiệm vụ theo dõi, thông báo cho cơ quan',
        params: idParams,
        body: z.object({ allowPastDue: z.boolean().optional() }).nullish(),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const result = await publishDocument(db, user, id, {
        allowPastDue: request.body?.allowPastDue === true,
      });
      return { document: await documentView(id), ...result };
    },
  );
};

export default routes;

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name (Vietnamese file names). */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
