/**
 * Server-side sessions: the cookie `dondoc_session` (HttpOnly, SameSite=Lax) carries a
 * random token; the database keeps only its sha256. Each session has a CSRF token that
 * every non-GET request must echo in `x-csrf-token`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { AppError, unauthorized } from '../errors.ts';
import type { App, SessionUser } from '../http/types.ts';

export const SESSION_COOKIE = 'dondoc_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  userId: number,
  ttlSeconds: number,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      expires_at: expiresAt,
    })
    .execute();
  // Opportunistic clean-up of expired sessions.
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  return { token, csrfToken, expiresAt };
}

/** The user behind a cookie token, or null (unknown, expired, or deactivated user). */
export async function loadSession(
  db: Db,
  token: string,
): Promise<{ user: SessionUser; sessionId: string; csrfToken: string } | null> {
  const id = tokenHash(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      'u.id',
      'u.username',
      'u.display_name as displayName',
      'u.email',
      'u.role',
      'u.agency_id as agencyId',
      'a.name as agencyName',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const { sessionId, csrfToken, ...user } = row;
  return { user, sessionId, csrfToken };
}

export function setSessionCookie(app: App, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(app: App, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.cookieSecure,
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Global hook (onRequest, /api only): loads the session, enforces CSRF on unsafe methods
 * and refuses anonymous access to routes without `config.public`.
 */
export function installSessionHooks(app: App) {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') && path !== '/api') return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await loadSession(app.db, token);
      if (s) {
        request.user = s.user;
        request.session = { id: s.sessionId, csrfToken: s.csrfToken };
      }
    }
    const config = request.routeOptions.config;
    const matched = request.routeOptions.url !== undefined;
    const isPublic = config?.public === true || path.startsWith('/api/docs');
    if (request.session && !SAFE_METHODS.has(request.method) && config?.csrf !== false) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, request.session.csrfToken))
        throw new AppError(
          'csrf',
          403,
          'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Vui lòng tải lại trang và thử lại.',
        );
    }
    if (matched && !isPublic && !request.user) throw unauthorized();
  });
}
