import { describe, expect, it } from 'vitest';
import { backends, createUser, login, loginAs, setupTestApp } from './support/app.ts';

type Err = { error: { code: string; message: string; details?: unknown } };

describe.each(backends())('auth ($name)', ({ name }) => {
  const t = setupTestApp(name, { loginMaxFailures: 3, loginWindowSeconds: 60 });

  it('logs in with an HttpOnly SameSite=Lax cookie and returns user + CSRF token', async () => {
    const u = await createUser(t.db, { role: 'officer', username: 'vanphong', password: 'dung-mat-khau' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'VanPhong', password: 'dung-mat-khau' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dondoc_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    const body = res.json() as { user: { id: number; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ id: u.id, username: 'vanphong', role: 'officer' });
    expect(body.csrfToken.length).toBeGreaterThan(20);

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `dondoc_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: u.id }, csrfToken: body.csrfToken });
    // Only the hash of the token is stored.
    const stored = await t.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toBe(cookie?.value);
  });

  it('wrong password and unknown user → 401 with the same Vietnamese message', async () => {
    await createUser(t.db, { role: 'viewer', username: 'xem1', password: 'mat-khau-1' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xem1', password: 'sai' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'khong-co', password: 'sai' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect((wrong.json() as Err).error).toEqual({
      code: 'invalid_credentials',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    expect((unknown.json() as Err).error.message).toBe((wrong.json() as Err).error.message);
    expect(wrong.cookies.find((c) => c.name === 'dondoc_session')).toBeUndefined();
  });

  it('refuses a non-GET request without the CSRF header, accepts it with the header', async () => {
    const s = await loginAs(t, 'leader');
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(noHeader.statusCode).toBe(403);
    expect((noHeader.json() as Err).error.code).toBe('csrf');
    expect((noHeader.json() as Err).error.message).toMatch(/CSRF/);
    const badHeader = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'sai-ma' },
    });
    expect(badHeader.statusCode).toBe(403);
    // Still signed in after the refusals.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);

    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(ok.statusCode).toBe(200);
    const cleared = ok.cookies.find((c) => c.name === 'dondoc_session');
    expect(cleared?.value).toBe('');
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('rate-limits failed logins per username+IP with a Vietnamese 429', async () => {
    await createUser(t.db, { role: 'officer', username: 'bi-khoa', password: 'mat-khau-dung' });
    await createUser(t.db, { role: 'officer', username: 'nguoi-khac', password: 'mat-khau-dung' });
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'bi-khoa', password: `sai${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bi-khoa', password: 'mat-khau-dung' },
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const err = (limited.json() as Err).error;
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/);
    // Another username from the same address is not affected.
    await expect(login(t.app, 'nguoi-khac', 'mat-khau-dung')).resolves.toBeTruthy();
  });

  it('caps failures per IP across usernames (10 × the per-user limit)', async () => {
    const ip = '203.0.113.7';
    await createUser(t.db, { role: 'viewer', username: 'nan-nhan', password: 'mat-khau-dung' });
    for (let i = 0; i < 30; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { username: `doan-mo-${i}`, password: 'sai' },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username: 'nan-nhan', password: 'mat-khau-dung' },
    });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.8',
      payload: { username: 'nan-nhan', password: 'mat-khau-dung' },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('a deactivated account cannot log in and loses its sessions', async () => {
    const admin = await loginAs(t, 'admin');
    const u = await loginAs(t, 'viewer');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${u.created.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode,
    ).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.created.username, password: u.created.password },
    });
    expect(again.statusCode).toBe(401);
    expect((again.json() as Err).error.message).toMatch(/khóa/);
  });

  it('changes the own password; the old one stops working', async () => {
    const u = await loginAs(t, 'officer');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: u.headers,
      payload: { currentPassword: 'khong-dung', newPassword: 'mat-khau-moi-123' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: u.headers,
      payload: { currentPassword: u.created.password, newPassword: 'mat-khau-moi-123' },
    });
    expect(ok.statusCode).toBe(200);
    await expect(login(t.app, u.created.username, u.created.password)).rejects.toThrow(/401/);
    await expect(login(t.app, u.created.username, 'mat-khau-moi-123')).resolves.toBeTruthy();
  });
});
