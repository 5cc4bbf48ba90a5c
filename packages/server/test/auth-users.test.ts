import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends, createAgency, login, loginAs, setupTestApp } from './support/app.ts';

type Err = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type UserView = { id: number; username: string; role: string; agencyId: number | null; active: boolean };

describe.each(backends())('users and audit ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('admin creates, lists, updates users; each change is audited without the password hash', async () => {
    const admin = await loginAs(t, 'admin');
    const agency = await createAgency(t.db, { name: 'Sở Y tế', province: 'Phú Thọ' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'SoYTe.PhuTho',
        displayName: 'Cán bộ Sở Y tế',
        password: 'mat-khau-so-y-te',
        role: 'agency',
        agencyId: agency.id,
        email: 'syt@phutho.gov.vn',
      },
    });
    expect(created.statusCode).toBe(201);
    const u = (created.json() as { user: UserView & { agencyName: string } }).user;
    expect(u).toMatchObject({
      username: 'soyte.phutho',
      role: 'agency',
      agencyId: agency.id,
      agencyName: 'Sở Y tế',
      active: true,
    });
    expect(JSON.stringify(u)).not.toMatch(/scrypt/);

    // The new user can log in.
    const s = await login(t.app, 'soyte.phutho', 'mat-khau-so-y-te');
    expect(s.user.agencyName).toBe('Sở Y tế');

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/users?role=agency&q=soyte',
      headers: admin.headers,
    });
    expect(list.statusCode).toBe(200);
    const lb = list.json() as { items: UserView[]; total: number };
    expect(lb.total).toBe(1);
    expect(lb.items[0]?.id).toBe(u.id);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: admin.headers,
      payload: { role: 'viewer', agencyId: null, displayName: 'Người xem' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ user: { role: 'viewer', agencyId: null } });
    // A role change ends the user's sessions.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);

    const log = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=user&entityId=${u.id}`,
      headers: admin.headers,
    });
    expect(log.statusCode).toBe(200);
    const entries = (
      log.json() as {
        items: { action: string; userId: number; before: unknown; after: unknown }[];
        total: number;
      }
    ).items;
    expect(entries.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    expect(entries.every((e) => e.userId === admin.user.id)).toBe(true);
    expect(entries[0]?.before).toMatchObject({ role: 'agency' });
    expect(entries[0]?.after).toMatchObject({ role: 'viewer', display_name: 'Người xem' });
    expect(JSON.stringify(entries)).not.toMatch(/password_hash|scrypt/);
  });

  it('refuses user administration to every other role (403) and to anonymous requests (401)', async () => {
    for (const role of ['officer', 'leader', 'agency', 'viewer'] as const) {
      const s = await loginAs(t, role);
      const get = await t.app.inject({ method: 'GET', url: '/api/users', headers: s.headers });
      expect(get.statusCode, role).toBe(403);
      expect((get.json() as Err).error.message).toBe('Bạn không có quyền thực hiện thao tác này.');
      const post = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: s.headers,
        payload: { username: `x${role}`, displayName: 'x', password: '12345678', role: 'admin' },
      });
      expect(post.statusCode, role).toBe(403);
      const audit = await t.app.inject({ method: 'GET', url: '/api/audit', headers: s.headers });
      expect(audit.statusCode, role).toBe(403);
    }
    const anon = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(anon.statusCode).toBe(401);
    const count = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', 'like', 'x%')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('rejects bad user input with Vietnamese messages and writes nothing', async () => {
    const admin = await loginAs(t, 'admin');
    const before = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'ngan', displayName: 'Ngắn', password: '123', role: 'officer' },
    });
    expect(short.statusCode).toBe(400);
    expect((short.json() as Err).error.details?.[0]?.message).toMatch(/ít nhất 8 ký tự/);
    const noAgency = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'coquan', displayName: 'Cơ quan', password: '12345678', role: 'agency' },
    });
    expect(noAgency.statusCode).toBe(400);
    expect((noAgency.json() as Err).error.message).toMatch(/phải thuộc một cơ quan/);
    const badRole = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'vaitro', displayName: 'x', password: '12345678', role: 'boss' },
    });
    expect(badRole.statusCode).toBe(400);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'trung', displayName: 'Trùng', password: '12345678', role: 'officer' },
    });
    expect(first.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'TRUNG', displayName: 'Trùng', password: '12345678', role: 'officer' },
    });
    expect(dup.statusCode).toBe(409);
    expect((dup.json() as Err).error.message).toMatch(/đã được sử dụng/);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/users/999999',
      headers: admin.headers,
      payload: { active: true },
    });
    expect(missing.statusCode).toBe(404);
    const badId = await t.app.inject({
      method: 'PATCH',
      url: '/api/users/abc',
      headers: admin.headers,
      payload: { active: true },
    });
    expect(badId.statusCode).toBe(400);
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(400);
    const after = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n + 1);
  });

  it('audit list filters and paginates; the log is append-only', async () => {
    const admin = await loginAs(t, 'admin');
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { username: `trang${i}`, displayName: `Trang ${i}`, password: '12345678', role: 'viewer' },
      });
      expect(r.statusCode).toBe(201);
    }
    const page1 = await t.app.inject({
      method: 'GET',
      url: `/api/audit?action=user.create&userId=${admin.user.id}&pageSize=2&page=1`,
      headers: admin.headers,
    });
    const b1 = page1.json() as { items: { id: number; username: string }[]; total: number };
    expect(b1.total).toBe(3);
    expect(b1.items).toHaveLength(2);
    expect(b1.items[0]?.username).toBe(admin.user.username);
    const page2 = await t.app.inject({
      method: 'GET',
      url: `/api/audit?action=user.create&userId=${admin.user.id}&pageSize=2&page=2`,
      headers: admin.headers,
    });
    const b2 = page2.json() as { items: { id: number }[] };
    expect(b2.items).toHaveLength(1);
    expect(b2.items[0]?.id).toBeLessThan(b1.items[1]?.id ?? 0);
    const badDate = await t.app.inject({
      method: 'GET',
      url: '/api/audit?from=2025-02-30',
      headers: admin.headers,
    });
    expect(badDate.statusCode).toBe(400);

    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
