/** Notifications and reminder/SMTP settings over HTTP, on each backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../src/notifications/service.ts';
import {
  backends,
  createAgency,
  createUser,
  type LoggedIn,
  login,
  loginAs,
  setupTestApp,
} from './support/app.ts';
import { startTestSmtp, type TestSmtpServer } from './support/smtp.ts';

describe.each(backends())('notifications and settings API ($name)', ({ name }) => {
  const t = setupTestApp(name);
  let smtp: TestSmtpServer;
  let u1: LoggedIn;
  let u2: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    delete process.env.DONDOC_SMTP_URL;
    smtp = await startTestSmtp();
    const agency = await createAgency(t.db, { name: 'Sở Nông nghiệp và Môi trường' });
    const c1 = await createUser(t.db, { role: 'agency', agencyId: agency.id, email: 'u1@snnmt.gov.vn' });
    const c2 = await createUser(t.db, { role: 'agency', agencyId: agency.id });
    u1 = await login(t.app, c1.username, c1.password);
    u2 = await login(t.app, c2.username, c2.password);
    admin = await loginAs(t, 'admin');
    await t.db
      .updateTable('users')
      .set({ email: 'admin@tinh.gov.vn' })
      .where('id', '=', admin.user.id)
      .execute();
    for (const [i, title] of ['Thứ nhất', 'Thứ hai', 'Thứ ba'].entries()) {
      await notify(t.db, {
        kind: 'task.assigned',
        agencyIds: [agency.id],
        title,
        body: `Nhiệm vụ ${i + 1}`,
        link: `/tasks/${i + 1}`,
        email: false,
        now: new Date(Date.UTC(2026, 2, 10, i)),
      });
    }
  });
  afterAll(async () => {
    await smtp.close();
  });

  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (who: LoggedIn, url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const put = (who: LoggedIn, url: string, payload: object) =>
    t.app.inject({ method: 'PUT', url, headers: who.headers, payload });

  it('lists my notifications, unread first then newest, with pagination', async () => {
    let res = await get(u1, '/api/notifications');
    expect(res.statusCode).toBe(200);
    let body = res.json();
    expect(body.total).toBe(3);
    expect(body.unread).toBe(3);
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(['Thứ ba', 'Thứ hai', 'Thứ nhất']);
    expect(body.items[0]).toMatchObject({
      kind: 'task.assigned',
      link: '/tasks/3',
      read: false,
      readAt: null,
    });

    const second = body.items[1].id as number;
    res = await post(u1, `/api/notifications/${second}/read`);
    expect(res.statusCode).toBe(200);
    body = (await get(u1, '/api/notifications')).json();
    expect(body.items.map((n: { title: string; read: boolean }) => [n.title, n.read])).toEqual([
      ['Thứ ba', false],
      ['Thứ nhất', false],
      ['Thứ hai', true],
    ]);
    expect(body.unread).toBe(2);

    body = (await get(u1, '/api/notifications?page=2&pageSize=2')).json();
    expect(body.total).toBe(3);
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(['Thứ hai']);
    body = (await get(u1, '/api/notifications?unread=true')).json();
    expect(body.total).toBe(2);

    // u2 has its own copies; it cannot mark u1's.
    res = await post(u2, `/api/notifications/${second}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/Không tìm thấy/);
    expect((await get(u2, '/api/notifications')).json().unread).toBe(3);

    res = await post(u1, '/api/notifications/read-all');
    expect(res.json()).toEqual({ updated: 2 });
    expect((await get(u1, '/api/notifications')).json().unread).toBe(0);
    expect((await get(u2, '/api/notifications')).json().unread).toBe(3);

    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await get(u1, '/api/notifications?pageSize=0')).statusCode).toBe(400);
    expect((await post(u1, '/api/notifications/abc/read')).statusCode).toBe(400);
  });

  it('notifies once per dedupe key and queues mail only for users with an address', async () => {
    const again = async () =>
      notify(t.db, {
        kind: 'task.returned',
        userIds: [u1.user.id, u2.user.id],
        title: 'Trả lại',
        dedupeKey: 'x:1',
      });
    const first = await again();
    expect(first.userIds.sort()).toEqual([u1.user.id, u2.user.id].sort());
    expect(first.mailsQueued).toBe(1);
    expect(await again()).toEqual({ userIds: [], mailsQueued: 0 });
    const mail = await t.db
      .selectFrom('jobs')
      .select(['payload', 'dedupe_key'])
      .where('kind', '=', 'mail')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.payload).toMatchObject({ to: 'u1@snnmt.gov.vn', subject: 'Trả lại' });
  });

  it('lets only the admin read and change reminder settings, validated and audited', async () => {
    expect((await get(u1, '/api/settings/reminders')).statusCode).toBe(403);
    let res = await get(admin, '/api/settings/reminders');
    expect(res.json()).toEqual({
      daysBefore: [7, 3, 1],
      overdueEveryDays: 3,
      sendHour: 7,
      digestEnabled: true,
      dueSoonDays: 7,
    });
    res = await put(admin, '/api/settings/reminders', { daysBefore: [5, 10, 5], overdueEveryDays: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      daysBefore: [10, 5],
      overdueEveryDays: 2,
      sendHour: 7,
      digestEnabled: true,
      dueSoonDays: 7,
    });
    expect((await get(admin, '/api/settings/reminders')).json().daysBefore).toEqual([10, 5]);
    res = await put(admin, '/api/settings/reminders', { overdueEveryDays: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
    res = await put(admin, '/api/settings/reminders', { sendHour: 'bảy' });
    expect(res.statusCode).toBe(400);
    expect((await get(admin, '/api/settings/reminders')).json().overdueEveryDays).toBe(2);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'user_id'])
      .where('entity', '=', 'settings')
      .execute();
    expect(audits).toEqual([{ action: 'settings.update', entity_id: 'reminders', user_id: admin.user.id }]);
  });

  it('stores SMTP settings without ever returning the password, and sends a test mail', async () => {
    expect((await put(u1, '/api/settings/smtp', { host: 'x' })).statusCode).toBe(403);
    let res = await get(admin, '/api/settings/smtp');
    expect(res.json()).toMatchObject({ host: null, passwordSet: false, source: 'none' });
    res = await post(admin, '/api/settings/smtp/test', {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'smtp_not_configured' });
    expect(res.json().error.message).toMatch(/Chưa cấu hình máy chủ gửi thư/);

    res = await put(admin, '/api/settings/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      pass: 'bí-mật-123',
      from: 'Văn phòng UBND tỉnh <vanphong@tinh.gov.vn>',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('bí-mật-123');
    expect(res.json()).toEqual({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      from: 'Văn phòng UBND tỉnh <vanphong@tinh.gov.vn>',
      passwordSet: true,
      source: 'settings',
    });
    // Saving again without `pass` keeps it.
    res = await put(admin, '/api/settings/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      from: 'vanphong@tinh.gov.vn',
    });
    expect(res.json().passwordSet).toBe(true);
    expect((await get(admin, '/api/settings/smtp')).body).not.toContain('bí-mật-123');
    const auditText = JSON.stringify(
      await t.db
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('entity_id', '=', 'smtp')
        .execute(),
    );
    expect(auditText).not.toContain('bí-mật-123');
    expect(auditText).toContain('passwordChanged');

    res = await post(admin, '/api/settings/smtp/test', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, to: 'admin@tinh.gov.vn' });
    const [m] = await smtp.waitFor(1);
    expect(m?.subject).toBe('[dondoc] Thư kiểm tra cấu hình SMTP');
    expect(m?.envelopeTo).toEqual(['admin@tinh.gov.vn']);
    expect(m?.text).toContain('Cấu hình gửi thư của hệ thống hoạt động bình thường');

    expect((await post(admin, '/api/settings/smtp/test', { to: 'không phải thư' })).statusCode).toBe(400);
    expect((await put(admin, '/api/settings/smtp', { host: 'máy chủ thư', port: 25 })).statusCode).toBe(400);
    smtp.setFailing(true);
    res = await post(admin, '/api/settings/smtp/test', { to: 'ai@tinh.gov.vn' });
    smtp.setFailing(false);
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('smtp_failed');
    expect(res.json().error.message).toMatch(/^Không gửi được thư kiểm tra/);

    // Clearing the host: back to in-app only.
    res = await put(admin, '/api/settings/smtp', { host: '', port: 587 });
    expect(res.json()).toMatchObject({ host: null, source: 'none' });
    expect((await get(admin, '/api/settings/jobs')).statusCode).toBe(200);
  });

  it('lists failed jobs and retries one, for the admin only', async () => {
    const job = await t.db
      .insertInto('jobs')
      .values({
        kind: 'mail',
        payload: JSON.stringify({ to: 'sai@tinh.gov.vn', subject: 'Nhắc việc', text: 't' }),
        attempts: 8,
        failed_at: new Date(),
        last_error: 'SMTP 550: mailbox unavailable',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await get(u1, '/api/settings/jobs/failed')).statusCode).toBe(403);
    let res = await get(admin, '/api/settings/jobs/failed');
    expect(res.json()).toMatchObject({
      total: 1,
      items: [{ id: job.id, kind: 'mail', to: 'sai@tinh.gov.vn', subject: 'Nhắc việc', attempts: 8 }],
    });
    res = await post(admin, `/api/settings/jobs/${job.id}/retry`);
    expect(res.statusCode).toBe(200);
    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect([row.failed_at, row.attempts]).toEqual([null, 0]);
    expect((await post(admin, `/api/settings/jobs/${job.id}/retry`)).statusCode).toBe(404);
    expect((await get(admin, '/api/settings/jobs/failed')).json().total).toBe(0);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of [
      '/api/notifications',
      '/api/notifications/{id}/read',
      '/api/notifications/read-all',
      '/api/settings/reminders',
      '/api/settings/smtp',
      '/api/settings/smtp/test',
      '/api/settings/jobs/failed',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
