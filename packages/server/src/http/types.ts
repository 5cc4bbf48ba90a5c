/**
 * Types shared by every route module. A route module is `src/<domain>/routes.ts`
 * default-exporting a `RouteModule`; `buildApp` finds and registers it.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db, DbKind } from '../db/index.ts';
import type { Role } from '../db/schema.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** `export default (async (app) => { app.get(...) }) satisfies RouteModule;` */
export type RouteModule = FastifyPluginAsyncZod;

/** The signed-in user as every handler sees it (`request.user`). */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  agencyId: number | null;
  agencyName: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DbKind;
    config: Config;
  }
  interface FastifyRequest {
    /** null when not signed in (only reachable on routes with `config: { public: true }`). */
    user: SessionUser | null;
    /** The session row id (sha256 of the cookie token) and its CSRF token. */
    session: { id: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (default: every /api route needs one). */
    public?: boolean;
    /** Set false to skip the CSRF header check on an unsafe method (login only). */
    csrf?: boolean;
  }
}
