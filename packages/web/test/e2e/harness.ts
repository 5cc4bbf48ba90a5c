/**
 * End-to-end harness: a real `dondoc serve` on a fresh database in a temporary
 * directory, Debian's Chromium through playwright-core, and a small API client for
 * seeding. Nothing is mocked.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Debian's Chromium; DONDOC_E2E_CHROMIUM points elsewhere (or at nothing, to check the skip). */
export const CHROMIUM = process.env.DONDOC_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/e2e');
export const ADMIN_PASSWORD = 'Quan-tri-e2e-2025!';

/** Why browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  if (!existsSync(CHROMIUM))
    return `${CHROMIUM} không có (Debian package chromium chưa cài) — bỏ qua kiểm thử trình duyệt`;
  return null;
}

/** Builds the bundle when it is missing or older than its sources (the tests must see the current UI). */
export function ensureBundle(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startServer(): Promise<Server> {
  ensureBundle();
  // Development aid: DONDOC_E2E_URL points the journeys at a server already running
  // (its database must be fresh and its admin password ADMIN_PASSWORD).
  const external = process.env.DONDOC_E2E_URL;
  if (external)
    return { url: external.replace(/\/$/, ''), dataDir: '', log: () => '', stop: async () => undefined };
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    // --no-sample: the journeys create their own registry and users, so figures are exact.
    [
      path.join(ROOT, 'packages/cli/bin/dondoc.js'),
      'serve',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--no-sample',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DONDOC_ADMIN_PASSWORD: ADMIN_PASSWORD,
        HOST: '127.0.0.1',
        DONDOC_LOG: '0',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dondoc serve exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return { url, dataDir, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`dondoc serve did not become healthy in time:\n${output}`);
}

/** A signed-in API session (cookie + CSRF token), for seeding and for checking refusals. */
export class ApiSession {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  static async login(base: string, username: string, password: string): Promise<ApiSession> {
    const s = new ApiSession(base);
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
    s.cookie = cookies.join('; ');
    s.csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
    return s;
  }

  async raw(method: string, p: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(`${this.base}${p}`, { method, headers, body: payload });
  }

  async json<T>(method: string, p: string, body?: unknown): Promise<T> {
    const r = await this.raw(method, p, body);
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export interface AgencyRow {
  id: number;
  name: string;
}

/** The registry agency with this exact name, created when missing. */
export async function ensureAgency(admin: ApiSession, name: string, shortName?: string): Promise<AgencyRow> {
  const found = await admin.json<{ items: AgencyRow[] }>(
    'GET',
    `/api/agencies?q=${encodeURIComponent(name)}&pageSize=200`,
  );
  const same = found.items.find((a) => a.name === name);
  if (same) return same;
  const created = await admin.json<{ agency?: AgencyRow } & Partial<AgencyRow>>('POST', '/api/agencies', {
    name,
    ...(shortName ? { shortName } : {}),
  });
  const agency = created.agency ?? (created as AgencyRow);
  if (typeof agency.id !== 'number')
    throw new Error(`POST /api/agencies returned no id: ${JSON.stringify(created)}`);
  return agency;
}

export async function ensureUser(
  admin: ApiSession,
  user: { username: string; displayName: string; password: string; role: string; agencyId?: number | null },
): Promise<void> {
  const r = await admin.raw('POST', '/api/users', { ...user, agencyId: user.agencyId ?? null });
  if (!r.ok && r.status !== 409)
    throw new Error(`POST /api/users ${user.username}: ${r.status} ${await r.text()}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export function shooter(journey: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  let n = 0;
  return async (page: Page, name: string) => {
    n += 1;
    const file = path.join(ARTIFACTS, `${journey}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    return file;
  };
}

/** Sign in through the UI. */
export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * Form controls without an accessible name (no <label>, aria-label or aria-labelledby;
 * buttons without text). Evaluated as a string so this file needs no DOM types.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const controls = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'));
    return controls
      .filter((el) => {
        if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
        if (el.tagName === 'BUTTON') return !(el.textContent || '').trim();
        return !(el.labels && el.labels.length > 0);
      })
      .map((el) => el.outerHTML.slice(0, 160));
  })()`)) as string[];
}
