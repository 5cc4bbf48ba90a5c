/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password. */
import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/index.ts';
import { AppError, unauthorized } from '../errors.ts';
import type { RouteModule } from '../http/types.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { LoginLimiter } from './rate-limit.ts';
import { clearSessionCookie, createSession, loadSession, setSessionCookie } from './session.ts';

export const sessionUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(['admin', 'officer', 'leader', 'agency', 'viewer']),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
});
const sessionBody = z.object({ user: sessionUserSchema, csrfToken: z.string() });

// A dummy hash so that unknown usernames cost the same time as wrong passwords.
const DUMMY_HASH = await hashPassword('dondoc-dummy-password');

const routes: RouteModule = async (app) => {
  const limiter = new LoginLimiter(app.config.loginMaxFailures, app.config.loginWindowSeconds * 1000);
  // Guessing across many usernames from one address: a looser cap per IP.
  const ipLimiter = new LoginLimiter(app.config.loginMaxFailures * 10, app.config.loginWindowSeconds * 1000);

  app.post(
    '/api/auth/login',
    {
      config: { public: true, csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: sessionBody },
      },
    },
    async (request, reply) => {
      const username = request.body.username.toLowerCase();
      const key = `${username}|${request.ip}`;
      const wait = Math.max(limiter.retryAfter(key), ipLimiter.retryAfter(request.ip));
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError(
          'rate_limited',
          429,
          `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
          { retryAfterSeconds: wait },
        );
      }
      const row = await app.db
        .selectFrom('users')
        .select(['id', 'password_hash', 'active'])
        .where('username', '=', username)
        .executeTakeFirst();
      const ok = await verifyPassword(request.body.password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !ok || !row.active) {
        limiter.fail(key);
        ipLimiter.fail(request.ip);
        throw new AppError(
          'invalid_credentials',
          401,
          row && ok && !row.active
            ? 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.'
            : 'Tên đăng nhập hoặc mật khẩu không đúng.',
        );
      }
      limiter.reset(key);
      const s = await createSession(app.db, row.id, app.config.sessionTtlSeconds, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      await app.db
        .updateTable('users')
        .set({ last_login_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .execute();
      const loaded = await loadSession(app.db, s.token);
      if (!loaded) throw unauthorized();
      setSessionCookie(app, reply, s.token, s.expiresAt);
      return { user: loaded.user, csrfToken: s.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (request, reply) => {
      if (request.session) await app.db.deleteFrom('sessions').where('id', '=', request.session.id).execute();
      clearSessionCookie(app, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: sessionBody } } },
    async (request) => {
      if (!request.user || !request.session) throw unauthorized();
      return { user: request.user, csrfToken: request.session.csrfToken };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của mình',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(8).max(200) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = request.user;
      if (!user || !request.session) throw unauthorized();
      const row = await app.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(request.body.currentPassword, row.password_hash)))
        throw new AppError('invalid_credentials', 400, 'Mật khẩu hiện tại không đúng.');
      const hash = await hashPassword(request.body.newPassword);
      const sessionId = request.session.id;
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: hash, updated_at: sql<Date>`now()` })
          .where('id', '=', user.id)
          .execute();
        // Other sessions of this user end; this one stays.
        await trx
          .deleteFrom('sessions')
          .where('user_id', '=', user.id)
          .where('id', '<>', sessionId)
          .execute();
        await audit(trx, { userId: user.id, action: 'user.password', entity: 'user', entityId: user.id });
      });
      return { ok: true as const };
    },
  );
};

export default routes;
