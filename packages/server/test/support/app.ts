/**
 * A ready app + database per test file, on each backend:
 *
 *   describe.each(backends())('users ($name)', ({ name }) => {
 *     const t = setupTestApp(name);
 *     it('...', async () => {
 *       const admin = await loginAs(t, 'admin');
 *       const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: {...} });
 *     });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import type { AgencyType, Role } from '../../src/db/schema.ts';
import type { App, SessionUser } from '../../src/http/types.ts';
import { type BackendName, createTestDatabase, type TestDatabase } from './db.ts';

export { type Backend, type BackendName, backends, createTestDatabase } from './db.ts';

export interface TestApp {
  readonly app: App;
  readonly db: Db;
  readonly backend: BackendName;
  readonly config: Config;
}

/** Registers beforeAll/afterAll that build the app on a fresh migrated database. */
export function setupTestApp(backend: BackendName, overrides: Partial<Config> = {}): TestApp {
  let database: TestDatabase | undefined;
  let app: App | undefined;
  const config = loadConfig(
    { logger: false, webDist: '/nonexistent/dondoc-web-dist', ...overrides },
    {} as NodeJS.ProcessEnv,
  );
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    app = await buildApp({ db: database.db, dbKind: database.kind, config });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });
  return {
    get app() {
      if (!app) throw new Error('test app not ready (use it inside it()/beforeAll)');
      return app;
    },
    get db() {
      if (!database) throw new Error('test database not ready');
      return database.db;
    },
    backend,
    config,
  };
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${randomBytes(3).toString('hex')}`;

export interface CreatedUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  agencyId: number | null;
}

/** Inserts a user directly (no HTTP, no audit). Agency users get a new agency unless one is given. */
export async function createUser(
  db: Db,
  opts: {
    role: Role;
    username?: string;
    password?: string;
    agencyId?: number;
    displayName?: string;
    email?: string;
  },
): Promise<CreatedUser> {
  const username = (opts.username ?? unique(opts.role)).toLowerCase();
  const password = opts.password ?? 'mat-khau-thu-nghiem';
  let agencyId = opts.agencyId ?? null;
  if (opts.role === 'agency' && agencyId === null) agencyId = (await createAgency(db, {})).id;
  const row = await db
    .insertInto('users')
    .values({
      username,
      display_name: opts.displayName ?? `Người dùng ${username}`,
      email: opts.email ?? null,
      password_hash: await hashPassword(password),
      role: opts.role,
      agency_id: agencyId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, password, role: opts.role, agencyId };
}

export async function createAgency(
  db: Db,
  opts: { name?: string; shortName?: string; province?: string; type?: AgencyType; successorId?: number },
): Promise<{ id: number; name: string }> {
  const name = opts.name ?? `Sở Thử nghiệm ${unique('')}`;
  const row = await db
    .insertInto('agencies')
    .values({
      name,
      short_name: opts.shortName ?? null,
      province: opts.province ?? null,
      type: opts.type ?? 'department',
      successor_id: opts.successorId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name };
}

export interface LoggedIn {
  user: SessionUser;
  /** 'dondoc_session=...' */
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject: cookie + x-csrf-token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** POST /api/auth/login; throws with the response body when it fails. */
export async function login(app: App, username: string, password: string): Promise<LoggedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dondoc_session');
  if (!cookie) throw new Error('login set no dondoc_session cookie');
  const body = res.json() as { user: SessionUser; csrfToken: string };
  const cookieHeader = `dondoc_session=${cookie.value}`;
  return {
    user: body.user,
    cookie: cookieHeader,
    csrfToken: body.csrfToken,
    headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
  };
}

/** Creates a user of `role` and logs in. */
export async function loginAs(
  t: TestApp,
  role: Role,
  opts: { agencyId?: number; username?: string } = {},
): Promise<LoggedIn & { created: CreatedUser }> {
  const created = await createUser(t.db, { role, ...opts });
  return { ...(await login(t.app, created.username, created.password)), created };
}
