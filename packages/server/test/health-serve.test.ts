/** `dondoc serve` as a real process: first start, HTTP, graceful shutdown on SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli/bin/dondoc.js');

function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`timeout waiting for ${pattern}; output:\n${out}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${out}`));
    });
  });
}

describe('dondoc serve (PGlite, real process)', () => {
  let dir = '';
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts on an empty data directory, answers, and stops cleanly on SIGTERM', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-serve-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DONDOC_LOG: '0',
      DONDOC_REMINDERS: '0',
      DONDOC_ADMIN_PASSWORD: 'quan-tri-thu-nghiem',
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dir], {
      env,
    });
    const m = await waitFor(child, /đang chạy tại http:\/\/localhost:(\d+)\//, 90_000);
    const base = `http://127.0.0.1:${m[1]}`;
    const health = await fetch(`${base}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'quan-tri-thu-nghiem' }),
    });
    expect(login.status).toBe(200);
    const bad = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'Nội dung JSON không hợp lệ.',
    );
    const c = child;
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    c.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses bad options with usage and exit code 2', async () => {
    const p = spawn(process.execPath, [BIN, 'serve', '--port', 'abc'], { env: process.env });
    let err = '';
    p.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => p.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--port/);
  });
});
