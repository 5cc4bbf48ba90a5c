/**
 * Access control on every documents/tasks endpoint: an agency officer neither reads nor
 * changes another agency's task (404, or 403 "không có quyền"), and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { backends, createAgency, type LoggedIn, loginAs, setupTestApp } from './support/app.ts';
import { multipart, publishNotice, tableCounts } from './tasks-support.ts';

describe.each(backends())('task access per role and agency ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('keeps every endpoint closed to another agency', async () => {
    const officer = await loginAs(t, 'officer');
    const mine = await createAgency(t.db, { name: 'Sở Nội vụ tỉnh Riêng' });
    const theirs = await createAgency(t.db, { name: 'Sở Tư pháp tỉnh Riêng' });
    const me = await loginAs(t, 'agency', { agencyId: mine.id });
    const owner = await loginAs(t, 'agency', { agencyId: theirs.id });
    const { taskIds, documentId } = await publishNotice(t, officer, [
      { lead: [theirs.id], due: '2099-05-31' },
    ]);
    const taskId = taskIds[0] as number;
    // Evidence on their task: a progress report with a file, an extension request.
    const form = multipart([
      { name: 'note', value: 'Báo cáo' },
      { name: 'f', value: Buffer.from('bí mật'), fileName: 'bm.txt' },
    ]);
    const pr = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      headers: { ...owner.headers, ...form.headers },
      payload: form.payload,
    });
    expect(pr.statusCode).toBe(201);
    const attachmentId = pr.json().attachmentIds[0] as number;
    const ext = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/extensions`,
      headers: owner.headers,
      payload: { proposedDue: '2099-08-31', reason: 'Cần thêm thời gian' },
    });
    expect(ext.statusCode).toBe(201);
    const extensionId = ext.json().id as number;

    const before = await tableCounts(t);
    const calls: Array<[string, string, Record<string, unknown> | undefined]> = [
      ['GET', `/api/tasks/${taskId}`, undefined],
      ['GET', `/api/attachments/${attachmentId}`, undefined],
      ['GET', `/api/documents/${documentId}`, undefined],
      ['GET', `/api/documents/${documentId}/file`, undefined],
      ['POST', `/api/tasks/${taskId}/progress`, { note: 'chen ngang' }],
      ['POST', `/api/tasks/${taskId}/submit`, {}],
      ['POST', `/api/tasks/${taskId}/confirm`, {}],
      ['POST', `/api/tasks/${taskId}/return`, { reason: 'x' }],
      ['POST', `/api/tasks/${taskId}/pause`, {}],
      ['POST', `/api/tasks/${taskId}/resume`, {}],
      ['POST', `/api/tasks/${taskId}/extensions`, { proposedDue: '2099-09-30', reason: 'x' }],
      ['POST', `/api/extensions/${extensionId}/decision`, { approve: true }],
      ['POST', `/api/tasks/${taskId}/comments`, { body: 'x' }],
      ['PUT', `/api/documents/${documentId}/draft`, { subject: 'x' }],
      ['POST', `/api/documents/${documentId}/publish`, {}],
    ];
    for (const [method, url, payload] of calls) {
      const res = await t.app.inject({ method: method as 'GET', url, headers: me.headers, payload });
      expect([403, 404], `${method} ${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      const msg = res.json().error.message as string;
      expect(msg, `${method} ${url}`).toMatch(res.statusCode === 403 ? /không có quyền/ : /Không tìm thấy/);
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/tasks', headers: me.headers });
    expect(list.json()).toEqual({ items: [], total: 0, totalExact: true });
    const byAgency = await t.app.inject({
      method: 'GET',
      url: `/api/tasks?agencyId=${theirs.id}`,
      headers: me.headers,
    });
    expect(byAgency.json().total).toBe(0);
    expect(await tableCounts(t)).toEqual(before);

    // The owner still sees it all; the office decides on the extension.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/tasks/${taskId}`, headers: owner.headers })).statusCode,
    ).toBe(200);
    const ownerList = await t.app.inject({ method: 'GET', url: '/api/tasks', headers: owner.headers });
    expect(ownerList.json().items.map((i: { id: number }) => i.id)).toEqual([taskId]);
  });

  it('gives read-only roles reading and nothing else', async () => {
    const officer = await loginAs(t, 'officer');
    const a = await createAgency(t.db, {});
    const { taskIds } = await publishNotice(t, officer, [{ lead: [a.id] }]);
    const taskId = taskIds[0] as number;
    for (const role of ['leader', 'viewer'] as const) {
      const who: LoggedIn = await loginAs(t, role);
      const read = await t.app.inject({ method: 'GET', url: `/api/tasks/${taskId}`, headers: who.headers });
      expect(read.statusCode).toBe(200);
      expect(read.json().actions).toEqual([]);
      for (const action of ['progress', 'submit', 'confirm', 'pause']) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/tasks/${taskId}/${action}`,
          headers: who.headers,
          payload: { note: 'x' },
        });
        expect(res.statusCode, `${role} ${action}`).toBe(403);
        expect(res.json().error.message).toMatch(/không có quyền/);
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/tasks/${taskId}` });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/pause`,
      headers: { cookie: officer.cookie },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('follows succession: the successor agency sees and reports on the merged agency tasks', async () => {
    const officer = await loginAs(t, 'officer');
    const oldAgency = await createAgency(t.db, { name: 'Sở Thông tin và Truyền thông tỉnh Hợp' });
    const { taskIds } = await publishNotice(t, officer, [{ lead: [oldAgency.id] }]);
    const taskId = taskIds[0] as number;
    const successor = await createAgency(t.db, { name: 'Sở Khoa học và Công nghệ tỉnh Hợp' });
    await t.db
      .updateTable('agencies')
      .set({ successor_id: successor.id, dissolved_at: '2025-07-01' })
      .where('id', '=', oldAgency.id)
      .execute();
    const heir = await loginAs(t, 'agency', { agencyId: successor.id });
    const d = await t.app.inject({ method: 'GET', url: `/api/tasks/${taskId}`, headers: heir.headers });
    expect(d.statusCode).toBe(200);
    expect(d.json().relation).toBe('lead');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/submit`,
      headers: heir.headers,
      payload: {},
    });
    expect(res.json()).toEqual({ status: 'awaiting_confirmation' });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tasks?agencyId=${successor.id}`,
      headers: heir.headers,
    });
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([taskId]);
  });
});
