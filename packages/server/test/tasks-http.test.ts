import { describe, expect, it } from 'vitest';
import { vietnamDate } from '../src/tasks/buckets.ts';
import { backends, createAgency, type LoggedIn, loginAs, setupTestApp } from './support/app.ts';
import { multipart, publishNotice, tableCounts } from './tasks-support.ts';

describe.each(backends())('tasks over HTTP ($name)', ({ name }) => {
  const t = setupTestApp(name);

  const post = (who: LoggedIn, url: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });

  async function setup() {
    const officer = await loginAs(t, 'officer');
    const lead = await createAgency(t.db, { name: 'Sở Nông nghiệp và Môi trường tỉnh Thử' });
    const support = await createAgency(t.db, { name: 'Sở Công Thương tỉnh Thử' });
    const leadUser = await loginAs(t, 'agency', { agencyId: lead.id });
    const supportUser = await loginAs(t, 'agency', { agencyId: support.id });
    const { taskIds, documentId } = await publishNotice(t, officer, [
      { text: 'Chuyển đổi số trong nông nghiệp', lead: [lead.id], support: [support.id], due: '2099-03-31' },
    ]);
    return { officer, lead, support, leadUser, supportUser, taskId: taskIds[0] as number, documentId };
  }

  it('runs the full life cycle with progress, attachments, return, confirm; every step audited', async () => {
    const { officer, leadUser, supportUser, taskId } = await setup();
    let detail = await get(leadUser, `/api/tasks/${taskId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().task).toMatchObject({
      status: 'not_started',
      bucket: 'open_on_time',
      due: '2099-03-31',
    });
    expect(detail.json().relation).toBe('lead');
    expect(detail.json().actions).toEqual(['progress', 'submit']);

    // Support agency reports progress (with a file): the task starts.
    const form = multipart([
      { name: 'note', value: 'Đã phối hợp khảo sát 5 hợp tác xã' },
      { name: 'percent', value: '30' },
      {
        name: 'files',
        value: Buffer.from('biên bản khảo sát'),
        fileName: 'biên bản.txt',
        contentType: 'text/plain',
      },
    ]);
    let res = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      headers: { ...supportUser.headers, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('in_progress');
    const attachmentId = res.json().attachmentIds[0];
    const file = await get(leadUser, `/api/attachments/${attachmentId}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('biên bản khảo sát');

    // Support agency may not submit.
    res = await post(supportUser, `/api/tasks/${taskId}/submit`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/không có quyền/);
    // Lead submits; officer returns with a reason; lead submits again; officer confirms.
    res = await post(leadUser, `/api/tasks/${taskId}/submit`);
    expect(res.json()).toEqual({ status: 'awaiting_confirmation' });
    res = await post(officer, `/api/tasks/${taskId}/return`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Cần nêu lý do trả lại.');
    res = await post(officer, `/api/tasks/${taskId}/return`, { reason: 'Thiếu biên bản nghiệm thu' });
    expect(res.json()).toEqual({ status: 'returned' });
    res = await post(officer, `/api/tasks/${taskId}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('Trả lại');
    res = await post(leadUser, `/api/tasks/${taskId}/progress`, {
      note: 'Đã bổ sung biên bản',
      percent: 100,
    });
    expect(res.statusCode).toBe(201);
    res = await post(leadUser, `/api/tasks/${taskId}/submit`);
    expect(res.json().status).toBe('awaiting_confirmation');
    res = await post(officer, `/api/tasks/${taskId}/confirm`);
    expect(res.json().status).toBe('done');
    res = await post(leadUser, `/api/tasks/${taskId}/submit`);
    expect(res.statusCode).toBe(409);

    detail = await get(officer, `/api/tasks/${taskId}`);
    const body = detail.json();
    expect(body.task).toMatchObject({ status: 'done', bucket: 'done_on_time' });
    expect(body.task.completedAt).not.toBeNull();
    expect(body.reports).toHaveLength(2);
    expect(body.reports[0].attachments[0]).toMatchObject({ fileName: 'biên bản.txt' });
    expect(body.history.map((h: { action: string }) => h.action)).toEqual([
      'task.create',
      'task.progress',
      'task.submit',
      'task.return',
      'task.progress',
      'task.submit',
      'task.confirm',
    ]);
    expect(body.history[3].after).toMatchObject({ status: 'returned', reason: 'Thiếu biên bản nghiệm thu' });
    // The return reached the lead agency's users.
    const returned = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', leadUser.user.id)
      .where('task_id', '=', taskId)
      .execute();
    expect(returned.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['task.assigned', 'task.returned', 'task.confirmed']),
    );
  });

  it('shows the source sentence of the task from the document text by its span', async () => {
    const officer = await loginAs(t, 'officer');
    const a = await createAgency(t.db, {});
    const { taskIds, documentId } = await publishNotice(t, officer, [{ lead: [a.id] }]);
    const text = (await get(officer, `/api/documents/${documentId}`)).json().document.text as string;
    const start = text.indexOf('Giao Sở Thông tin');
    const end = text.indexOf('(hoàn thành trong tháng 5/2021)');
    expect(start).toBeGreaterThan(0);
    const withSpan = await publishNotice(t, officer, [{ lead: [a.id], span: { start, end } }]);
    const d = (await get(officer, `/api/tasks/${withSpan.taskIds[0]}`)).json();
    // Each notice text differs only in its tail, so the span points to the same words.
    expect(d.task.sourceText).toBe(text.slice(start, end));
    expect(d.task.sourceText).toMatch(/^Giao Sở Thông tin và Truyền thông chủ trì/);
    expect((await get(officer, `/api/tasks/${taskIds[0]}`)).json().task.sourceText).toBeNull();
  });

  it('pauses and resumes to the previous status', async () => {
    const { officer, leadUser, taskId } = await setup();
    await post(leadUser, `/api/tasks/${taskId}/progress`, { note: 'Bắt đầu' });
    expect((await post(leadUser, `/api/tasks/${taskId}/pause`)).statusCode).toBe(403);
    expect((await post(officer, `/api/tasks/${taskId}/pause`)).json()).toEqual({ status: 'paused' });
    const blocked = await post(leadUser, `/api/tasks/${taskId}/progress`, { note: 'x' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('Tạm dừng');
    expect((await post(officer, `/api/tasks/${taskId}/resume`)).json()).toEqual({ status: 'in_progress' });
  });

  it('approves and rejects extensions; approval moves the due date and keeps history', async () => {
    const { officer, leadUser, supportUser, taskId } = await setup();
    const today = vietnamDate();
    let res = await post(supportUser, `/api/tasks/${taskId}/extensions`, {
      proposedDue: '2099-06-30',
      reason: 'x',
    });
    expect(res.statusCode).toBe(403);
    res = await post(leadUser, `/api/tasks/${taskId}/extensions`, {
      proposedDue: '2099-01-31',
      reason: 'Sớm hơn',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('sau hạn hiện tại');
    res = await post(leadUser, `/api/tasks/${taskId}/extensions`, {
      proposedDue: '2099-06-30',
      reason: 'Chờ vốn',
    });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json().id;
    res = await post(leadUser, `/api/tasks/${taskId}/extensions`, {
      proposedDue: '2099-07-31',
      reason: 'Lần 2',
    });
    expect(res.statusCode).toBe(409);
    res = await post(leadUser, `/api/extensions/${first}/decision`, { approve: true });
    expect(res.statusCode).toBe(403);
    res = await post(officer, `/api/extensions/${first}/decision`, { approve: true, note: 'Đồng ý' });
    expect(res.json()).toEqual({ status: 'approved', due: '2099-06-30' });
    expect((await post(officer, `/api/extensions/${first}/decision`, { approve: false })).statusCode).toBe(
      409,
    );

    res = await post(leadUser, `/api/tasks/${taskId}/extensions`, {
      proposedDue: '2099-09-30',
      reason: 'Lần 2',
    });
    const second = res.json().id;
    res = await post(officer, `/api/extensions/${second}/decision`, {
      approve: false,
      note: 'Không đủ căn cứ',
    });
    expect(res.json()).toEqual({ status: 'rejected', due: '2099-06-30' });

    const d = (await get(officer, `/api/tasks/${taskId}`)).json();
    expect(d.task).toMatchObject({ due: '2099-06-30', originalDue: '2099-03-31' });
    expect(d.extensions.map((e: { status: string; currentDue: string }) => [e.status, e.currentDue])).toEqual(
      [
        ['approved', '2099-03-31'],
        ['rejected', '2099-06-30'],
      ],
    );
    expect(d.history.filter((h: { action: string }) => h.action.startsWith('task.extension_')).length).toBe(
      4,
    );
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('lists with filters, buckets, diacritics-free search and sorting', async () => {
    const officer = await loginAs(t, 'officer');
    const a = await createAgency(t.db, { name: 'Sở Y tế tỉnh Lọc' });
    const b = await createAgency(t.db, { name: 'Sở Giáo dục và Đào tạo tỉnh Lọc' });
    const { taskIds, documentId } = await publishNotice(t, officer, [
      { text: 'Tiêm chủng mở rộng cho trẻ em', lead: [a.id], due: '2099-01-10' },
      { text: 'Xây dựng trường học đạt chuẩn', lead: [b.id], support: [a.id], due: '2099-02-10' },
      { text: 'Kiểm tra an toàn thực phẩm', lead: [a.id], due: null },
    ]);
    const q = async (qs: string) => {
      const r = await get(officer, `/api/tasks?documentId=${documentId}&${qs}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { items: Array<{ id: number; text: string }>; total: number };
    };
    expect((await q('')).total).toBe(3);
    expect((await q(`agencyId=${a.id}`)).total).toBe(3);
    expect((await q(`agencyId=${a.id}&agencyRole=lead`)).total).toBe(2);
    expect((await q(`agencyId=${b.id}`)).items.map((i) => i.id)).toEqual([taskIds[1]]);
    expect((await q('q=tiem chung')).items.map((i) => i.id)).toEqual([taskIds[0]]);
    expect((await q('q=TRƯỜNG HỌC')).items.map((i) => i.id)).toEqual([taskIds[1]]);
    expect((await q('bucket=no_deadline')).items.map((i) => i.id)).toEqual([taskIds[2]]);
    expect((await q('bucket=open_on_time')).total).toBe(3);
    expect((await q('bucket=open_overdue')).total).toBe(0);
    expect((await q('dueFrom=2099-02-01&dueTo=2099-12-31')).items.map((i) => i.id)).toEqual([taskIds[1]]);
    expect((await q('sort=due')).items.map((i) => i.id)).toEqual([taskIds[0], taskIds[1], taskIds[2]]);
    expect((await q('sort=-due')).items.map((i) => i.id)).toEqual([taskIds[1], taskIds[0], taskIds[2]]);
    const paged = await q('sort=due&page=2&pageSize=2');
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.items.map((i) => i.id)).toEqual([taskIds[2]]);
    expect((await q('status=not_started,done')).total).toBe(3);
    const bad = await get(officer, '/api/tasks?status=finished');
    expect(bad.statusCode).toBe(400);
    const badBucket = await get(officer, '/api/tasks?bucket=late');
    expect(badBucket.statusCode).toBe(400);
  });

  it('comments: readers may comment, viewers may not; invalid JSON leaves nothing behind', async () => {
    const { officer, leadUser, taskId } = await setup();
    const leader = await loginAs(t, 'leader');
    const viewer = await loginAs(t, 'viewer');
    expect(
      (await post(leadUser, `/api/tasks/${taskId}/comments`, { body: 'Đơn vị đang triển khai' })).statusCode,
    ).toBe(201);
    expect(
      (await post(leader, `/api/tasks/${taskId}/comments`, { body: 'Đề nghị đẩy nhanh' })).statusCode,
    ).toBe(201);
    const v = await post(viewer, `/api/tasks/${taskId}/comments`, { body: 'x' });
    expect(v.statusCode).toBe(403);
    const before = await tableCounts(t);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/comments`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: '{"body": "thiếu ngoặc"',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('JSON');
    expect((await post(officer, `/api/tasks/${taskId}/comments`, { body: '   ' })).statusCode).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
    const d = (await get(officer, `/api/tasks/${taskId}`)).json();
    expect(d.comments.map((c: { body: string }) => c.body)).toEqual([
      'Đơn vị đang triển khai',
      'Đề nghị đẩy nhanh',
    ]);
  });

  it('refuses an oversized attachment and keeps answering', async () => {
    const { leadUser, taskId } = await setup();
    const before = await tableCounts(t);
    const form = multipart([
      { name: 'note', value: 'Tệp lớn' },
      {
        name: 'files',
        value: Buffer.alloc(21 * 1024 * 1024, 1),
        fileName: 'lon.bin',
        contentType: 'application/octet-stream',
      },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      headers: { ...leadUser.headers, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('vượt quá 20 MB');
    expect(await tableCounts(t)).toEqual(before);
    expect((await get(leadUser, `/api/tasks/${taskId}`)).statusCode).toBe(200);
  });
});
