/**
 * Admin settings for reminders and mail:
 * GET/PUT /api/settings/reminders, GET/PUT /api/settings/smtp (the password is never returned),
 * POST /api/settings/smtp/test (sends a test mail now), GET /api/settings/jobs (queue figures).
 */
import { z } from 'zod';
import { audit } from '../audit/index.ts';
import { currentUser, requireRole } from '../auth/guards.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { idParams, pageQuery } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';
import { resolveSmtpConfig, SmtpUrlError } from '../mail/config.ts';
import { createMailer } from '../mail/mailer.ts';
import { testMail } from '../mail/templates.ts';
import { jobStats } from './service.ts';
import {
  loadPublicUrl,
  loadReminderSettings,
  loadSmtpSettings,
  reminderSettingsSchema,
  saveReminderSettings,
  saveSmtpSettings,
} from './settings.ts';

const reminderView = z.object({
  daysBefore: z.array(z.number()),
  overdueEveryDays: z.number(),
  sendHour: z.number(),
  digestEnabled: z.boolean(),
  dueSoonDays: z.number(),
});

const smtpView = z.object({
  host: z.string().nullable(),
  port: z.number(),
  secure: z.boolean(),
  user: z.string().nullable(),
  from: z.string().nullable(),
  passwordSet: z.boolean(),
  /** Where mail goes out from now: the settings, DONDOC_SMTP_URL, or nowhere (in-app only). */
  source: z.enum(['settings', 'env', 'none']),
});

const smtpBody = z.object({
  host: z
    .string()
    .trim()
    .max(255)
    .regex(/^[A-Za-z0-9.-]*$/, 'Tên máy chủ chỉ gồm chữ, số, dấu chấm và gạch nối')
    .nullable()
    .transform((v) => v || null),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  user: z
    .string()
    .trim()
    .max(255)
    .nullable()
    .optional()
    .transform((v) => v || null),
  /** Omitted: keep the stored password; null or '': remove it. */
  pass: z.string().max(1024).nullable().optional(),
  from: z
    .string()
    .trim()
    .max(320)
    .nullable()
    .optional()
    .transform((v) => v || null),
});

async function smtpState(app: Parameters<RouteModule>[0]) {
  const s = await loadSmtpSettings(app.db);
  let source: 'settings' | 'env' | 'none' = 'none';
  if (s.host) source = 'settings';
  else if (process.env.DONDOC_SMTP_URL?.trim()) source = 'env';
  return {
    host: s.host,
    port: s.port,
    secure: s.secure,
    user: s.user,
    from: s.from,
    passwordSet: Boolean(s.pass),
    source,
  };
}

const routes: RouteModule = async (app) => {
  const admin = requireRole('admin');

  app.get(
    '/api/settings/reminders',
    {
      preHandler: admin,
      schema: { tags: ['settings'], summary: 'Cài đặt đôn đốc', response: { 200: reminderView } },
    },
    async () => loadReminderSettings(app.db),
  );

  app.put(
    '/api/settings/reminders',
    {
      preHandler: admin,
      schema: {
        tags: ['settings'],
        summary: 'Sửa cài đặt đôn đốc (số ngày nhắc trước hạn, chu kỳ nhắc quá hạn, giờ gửi, thư tổng hợp)',
        body: reminderSettingsSchema.partial(),
        response: { 200: reminderView },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return app.db.transaction().execute(async (trx) => {
        const before = await loadReminderSettings(trx);
        const merged = reminderSettingsSchema.parse({ ...before, ...request.body });
        await saveReminderSettings(trx, merged, user.id);
        const after = await loadReminderSettings(trx);
        await audit(trx, {
          userId: user.id,
          action: 'settings.update',
          entity: 'settings',
          entityId: 'reminders',
          before,
          after,
        });
        return after;
      });
    },
  );

  app.get(
    '/api/settings/smtp',
    {
      preHandler: admin,
      schema: { tags: ['settings'], summary: 'Cài đặt máy chủ gửi thư (SMTP)', response: { 200: smtpView } },
    },
    async () => smtpState(app),
  );

  app.put(
    '/api/settings/smtp',
    {
      preHandler: admin,
      schema: {
        tags: ['settings'],
        summary: 'Sửa cài đặt SMTP (bỏ trống máy chủ để chỉ thông báo trong hệ thống)',
        body: smtpBody,
        response: { 200: smtpView },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const b = request.body;
      await app.db.transaction().execute(async (trx) => {
        const before = await loadSmtpSettings(trx);
        await saveSmtpSettings(
          trx,
          { host: b.host, port: b.port, secure: b.secure, user: b.user, from: b.from, pass: b.pass },
          user.id,
        );
        const { pass: oldPass, ...beforeView } = before;
        await audit(trx, {
          userId: user.id,
          action: 'settings.update',
          entity: 'settings',
          entityId: 'smtp',
          before: { ...beforeView, passwordSet: Boolean(oldPass) },
          after: {
            host: b.host,
            port: b.port,
            secure: b.secure,
            user: b.user,
            from: b.from,
            passwordChanged: b.pass !== undefined,
          },
        });
      });
      return smtpState(app);
    },
  );

  app.post(
    '/api/settings/smtp/test',
    {
      preHandler: admin,
      schema: {
        tags: ['settings'],
        summary: 'Gửi thư kiểm tra cấu hình SMTP',
        body: z.object({ to: z.email('Địa chỉ thư không hợp lệ').optional() }).default({}),
        response: { 200: z.object({ ok: z.literal(true), to: z.string(), messageId: z.string() }) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const to = request.body.to ?? user.email;
      if (!to) throw badRequest('Tài khoản của bạn chưa có địa chỉ thư; hãy nhập địa chỉ nhận thư kiểm tra.');
      let config: ReturnType<typeof resolveSmtpConfig>;
      try {
        config = resolveSmtpConfig(await loadSmtpSettings(app.db));
      } catch (err) {
        if (err instanceof SmtpUrlError) throw new AppError('smtp_not_configured', 409, err.message);
        throw err;
      }
      if (!config) {
        throw new AppError(
          'smtp_not_configured',
          409,
          'Chưa cấu hình máy chủ gửi thư (SMTP). Hệ thống đang chỉ gửi thông báo trong phần mềm.',
        );
      }
      const mailer = createMailer(config, { timeoutMs: 10_000 });
      try {
        const content = testMail({ baseUrl: await loadPublicUrl(app.db), sentAt: new Date() });
        const res = await mailer.send({ to, ...content });
        await audit(app.db, {
          userId: user.id,
          action: 'settings.smtp_test',
          entity: 'settings',
          entityId: 'smtp',
          after: { to },
        });
        return { ok: true as const, to, messageId: res.messageId };
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new AppError('smtp_failed', 502, `Không gửi được thư kiểm tra: ${detail}`);
      } finally {
        mailer.close();
      }
    },
  );

  app.get(
    '/api/settings/jobs',
    {
      preHandler: admin,
      schema: {
        tags: ['settings'],
        summary: 'Hàng đợi công việc nền (nhắc việc, gửi thư)',
        response: {
          200: z.record(z.string(), z.object({ pending: z.number(), done: z.number(), failed: z.number() })),
        },
      },
    },
    async () => jobStats(app.db),
  );

  app.get(
    '/api/settings/jobs/failed',
    {
      preHandler: admin,
      schema: {
        tags: ['settings'],
        summary: 'Công việc nền bị lỗi (thư không gửi được ...)',
        querystring: pageQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                kind: z.string(),
                to: z.string().nullable(),
                subject: z.string().nullable(),
                attempts: z.number(),
                lastError: z.string().nullable(),
                failedAt: z.string(),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const base = app.db.selectFrom('jobs').where('failed_at', 'is not', null);
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = await base
        .select(['id', 'kind', 'payload', 'attempts', 'last_error', 'failed_at'])
        .orderBy('failed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        total: Number(total),
        items: rows.map((r) => {
          const p = (r.payload ?? {}) as { to?: unknown; subject?: unknown };
          return {
            id: r.id,
            kind: r.kind,
            to: typeof p.to === 'string' ? p.to : null,
            subject: typeof p.subject === 'string' ? p.subject : null,
            attempts: r.attempts,
            lastError: r.last_error,
            failedAt: new Date(r.failed_at as Date).toISOString(),
          };
        }),
      };
    },
  );

  app.post(
    '/api/settings/jobs/:id/retry',
    {
      preHandler: admin,
      schema: {
        tags: ['settings'],
        summary: 'Chạy lại một công việc nền bị lỗi',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const id = request.params.id;
      await app.db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('jobs')
          .set({ failed_at: null, attempts: 0, run_at: new Date(), locked_by: null, locked_until: null })
          .where('id', '=', id)
          .where('failed_at', 'is not', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw notFound('Không tìm thấy công việc bị lỗi này.');
        await audit(trx, { userId: user.id, action: 'job.retry', entity: 'job', entityId: id });
      });
      return { ok: true as const };
    },
  );
};

export default routes;
