import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, setupTestApp } from './support/app.ts';

describe.each(backends())('health, docs and bad input ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('GET /api/health reports the backend', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: name });
  });

  it('serves the OpenAPI document and its viewer', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const doc = json.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/health');
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('explains in Vietnamese at / when the web bundle is missing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('npm run build -w @dondoc/web');
    expect(res.body).toContain('Chưa có giao diện web');
  });

  it('unknown route → 404 with a Vietnamese message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/Không tìm thấy/);
  });

  it('invalid JSON → 400 invalid_json, then the server still answers', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_json', message: 'Nội dung JSON không hợp lệ.' } });
    const again = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(again.statusCode).toBe(200);
  });

  it('wrong content type → 415 in Vietnamese', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(res.statusCode).toBe(415);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unsupported_media_type');
    expect(body.error.message).toMatch(/Kiểu nội dung/);
  });

  it('schema failure → 400 validation with details', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; details: { path: string }[] } };
    expect(body.error.code).toBe('validation');
    expect(body.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
    expect(body.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body/username', 'body/password']),
    );
  });

  it('too large a body → 413 in Vietnamese', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y'.repeat(t.config.bodyLimit + 10) },
    });
    expect(res.statusCode).toBe(413);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/quá lớn/);
  });

  it('a protected route without a session → 401 in Vietnamese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/đăng nhập/);
  });
});

describe('web bundle and SPA fallback', () => {
  const web = mkdtempSync(path.join(os.tmpdir(), 'dondoc-web-'));
  writeFileSync(
    path.join(web, 'index.html'),
    '<!doctype html><html lang="vi"><body>ứng dụng dondoc</body></html>',
  );
  mkdirSync(path.join(web, 'assets'));
  writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
  const t = setupTestApp('pglite', { webDist: web });
  afterAll(() => rmSync(web, { recursive: true, force: true }));

  it('serves files, gives index.html to client-side routes, JSON 404 to /api and missing files', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('ứng dụng dondoc');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    const route = await t.app.inject({ method: 'GET', url: '/tasks/12?tab=history' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('ứng dụng dondoc');
    const missing = await t.app.inject({ method: 'GET', url: '/assets/khong-co.js' });
    expect(missing.statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/json/);
  });
});
