import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Server settings, read once from the environment and the command line. */
export interface Config {
  /** HTTP port of `dondoc serve`. */
  port: number;
  host: string;
  /** PGlite data directory (used when `databaseUrl` is not set). */
  dataDir: string;
  /** PostgreSQL server (`DATABASE_URL`); when set, PGlite is not used. */
  databaseUrl: string | undefined;
  /** The built web bundle served at `/`. */
  webDist: string;
  /** Session lifetime in seconds. */
  sessionTtlSeconds: number;
  /** Send the session cookie with `Secure` (set when served over HTTPS). */
  cookieSecure: boolean;
  /** Largest JSON body, bytes. */
  bodyLimit: number;
  /** Largest uploaded file (multipart), bytes. */
  uploadLimit: number;
  /** Failed logins per username+IP allowed in `loginWindowSeconds` before HTTP 429. */
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Fastify logger on/off (off in tests). */
  logger: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = path.resolve(here, '../../web/dist');

function int(v: string | undefined, fallback: number): number {
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
}

/** Defaults overridden by `DONDOC_*` environment variables, then by `overrides`. */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DONDOC_DATA ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    webDist: env.DONDOC_WEB_DIST ?? DEFAULT_WEB_DIST,
    sessionTtlSeconds: int(env.DONDOC_SESSION_TTL, 12 * 3600),
    cookieSecure: env.DONDOC_COOKIE_SECURE === '1' || env.DONDOC_COOKIE_SECURE === 'true',
    bodyLimit: int(env.DONDOC_BODY_LIMIT, 2 * 1024 * 1024),
    uploadLimit: int(env.DONDOC_UPLOAD_LIMIT, 50 * 1024 * 1024),
    loginMaxFailures: int(env.DONDOC_LOGIN_MAX_FAILURES, 5),
    loginWindowSeconds: int(env.DONDOC_LOGIN_WINDOW, 15 * 60),
    logger: env.DONDOC_LOG !== '0',
    ...overrides,
  };
}
