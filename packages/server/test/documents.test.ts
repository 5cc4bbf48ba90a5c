import { describe, expect, it } from 'vitest';
import { topUpOccurrences } from '../src/tasks/occurrences.ts';
import { backends, createAgency, loginAs, setupTestApp } from './support/app.ts';
import { multipart, noticeText, publishNotice, tableCounts, upload } from './tasks-support.ts';

describe.each(backends())('documents ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('imports a text notice, stores bytes, text, hash; the same file again is a duplicate', async () => {
    const officer = await loginAs(t, 'officer');
    const content = noticeText('import');
    const before = await tableCounts(t);
    const res = await upload(t, officer, [{ fileName: 'Thông báo 312.txt', content }]);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().document;
    expect(res.json().duplicate).toBe(false);
    expect(doc.status).toBe('draft');
    expect(doc.format).toBe('text');
    expect(doc.fileName).toBe('Thông báo 312.txt');
    expect(doc.text).toContain('Ý kiến kết luận');

    const again = await upload(t, officer, [{ fileName: 'copy.txt', content }]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, document: { id: doc.id } });
    const after = await tableCounts(t);
    expect(after.documents).toBe((before.documents ?? 0) + 1);

    const file = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${doc.id}/file`,
      headers: officer.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe(content);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''Th%C3%B4ng");

    const row = await t.db
      .selectFrom('documents')
      .select(['content_hash'])
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    expect(row.content_hash).toBe(createHash('sha256').update(content).digest('hex'));

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/documents?status=draft',
      headers: officer.headers,
    });
    expect(list.json().items.map((d: { id: number }) => d.id)).toContain(doc.id);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/documents?q=${encodeURIComponent('y kien ket luan')}`,
      headers: officer.headers,
    });
    expect(search.json().total).toBeGreaterThanOrEqual(1);
  });

  it('imports many files in one request, reporting each', async () => {
    const officer = await loginAs(t, 'officer');
    const res = await upload(t, officer, [
      { fileName: 'a.txt', content: noticeText('a') },
      { fileName: 'b.txt', content: noticeText('b') },
      {
        fileName: 'bad.bin',
        content: Buffer.from([0, 1, 2, 3, 0, 0, 255, 254]),
        contentType: 'application/octet-stream',
      },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items).toHaveLength(3);
    expect(items[0].document.id).toBeGreaterThan(0);
    expect(items[1].document.id).toBeGreaterThan(items[0].document.id);
    expect(items[2].error.status).toBeGreaterThanOrEqual(400);
    expect(items[2].error.message).toMatch(/[Tt]ệp|định dạng/);
  });

  it('refuses a bad file with a 4xx and writes nothing', async () => {
    const officer = await loginAs(t, 'officer');
    const before = await tableCounts(t);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    for (const f of [
      { fileName: 'empty.txt', content: '' },
      { fileName: 'fake.pdf', content: png, contentType: 'application/pdf' },
      {
        fileName: 'legacy.txt',
        content: Buffer.from([0x54, 0x68, 0xf4, 0x6e, 0x67, 0x20, 0x62, 0xe1, 0x6f]),
      },
    ]) {
      const res = await upload(t, officer, [f]);
      expect(res.statusCode, `${f.fileName}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[Tt]ệp/);
    }
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: officer.headers,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses a 50 MB upload with a clear message and keeps answering', async () => {
    const officer = await loginAs(t, 'officer');
    const before = await tableCounts(t);
    const big = Buffer.alloc(t.config.uploadLimit + 1024, 0x61);
    const res = await upload(t, officer, [{ fileName: 'lon.txt', content: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('vượt quá dung lượng cho phép (50 MB)');
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('only office staff import; agencies and viewers are refused', async () => {
    for (const role of ['agency', 'viewer', 'leader'] as const) {
      const who = await loginAs(t, role);
      const res = await upload(t, who, [{ fileName: 'x.txt', content: noticeText(role) }]);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/không có quyền/);
    }
  });

  it('reviews a draft: edits fields and tasks, learns aliases, validates agencies', async () => {
    const officer = await loginAs(t, 'officer');
    const sokhcn = await createAgency(t.db, { name: 'Sở Khoa học và Công nghệ tỉnh An Giang' });
    const ca = await createAgency(t.db, { name: 'Công an tỉnh An Giang' });
    const up = await upload(t, officer, [{ fileName: 'r.txt', content: noticeText('review') }]);
    const id = up.json().document.id;

    const before = await tableCounts(t);
    const unknown = await t.app.inject({
      method: 'PUT',
      url: `/api/documents/${id}/draft`,
      headers: officer.headers,
      payload: { subject: 'Không được lưu', tasks: [{ text: 'Nhiệm vụ', leadAgencyIds: [999_999] }] },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_agency', details: { agencyIds: [999_999] } });
    expect(unknown.json().error.message).toContain('999999');
    expect(await tableCounts(t)).toEqual(before);

    const badJson = await t.app.inject({
      method: 'PUT',
      url: `/api/documents/${id}/draft`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: '{"tasks": [',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.message).toMatch(/JSON/);
    const badDate = await t.app.inject({
      method: 'PUT',
      url: `/api/documents/${id}/draft`,
      headers: officer.headers,
      payload: { tasks: [{ text: 'x', due: '2025-02-30' }] },
    });
    expect(badDate.statusCode).toBe(400);
    expect(await tableCounts(t)).toEqual(before);

    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/documents/${id}/draft`,
      headers: officer.headers,
      payload: {
        number: '312',
        notation: 'TB-VP',
        subject: 'Kết luận về chuyển đổi số',
        tasks: [
          {
            ref: '1',
            text: 'Triển khai Hệ thống thông tin báo cáo tỉnh',
            leadNames: ['Sở Thông tin và Truyền thông'],
            leadAgencyIds: [sokhcn.id],
            supportNames: ['Công an tỉnh'],
            supportAgencyIds: [ca.id],
            due: '2099-05-31',
            dueText: 'tháng 5/2099',
          },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().document).toMatchObject({
      number: '312',
      notation: 'TB-VP',
      subject: 'Kết luận về chuyển đổi số',
    });
    expect(ok.json().draftTasks).toHaveLength(1);
    expect(ok.json().draftTasks[0]).toMatchObject({ leadAgencyIds: [sokhcn.id], due: '2099-05-31' });

    // The mapping was learned: the next draft naming "Sở Thông tin và Truyền thông" gets it suggested.
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${id}`,
      headers: officer.headers,
    });
    const sugg = detail.json().suggestions['Sở Thông tin và Truyền thông'];
    expect(sugg[0]).toMatchObject({ agency: { id: sokhcn.id }, reason: 'alias', score: 1 });
    const alias = await t.db
      .selectFrom('agency_aliases')
      .select(['agency_id'])
      .where('alias_key', '=', 'so thong tin va truyen thong')
      .executeTakeFirstOrThrow();
    expect(alias.agency_id).toBe(sokhcn.id);
  });

  it('publishes: validates leads and past due dates, then creates tasks, agencies, notifications in one go', async () => {
    const officer = await loginAs(t, 'officer');
    const lead = await createAgency(t.db, { name: 'Sở Tài chính tỉnh Thử' });
    const support = await createAgency(t.db, { name: 'Sở Xây dựng tỉnh Thử' });
    const leadUser = await loginAs(t, 'agency', { agencyId: lead.id });
    const supportUser = await loginAs(t, 'agency', { agencyId: support.id });
    const up = await upload(t, officer, [{ fileName: 'p.txt', content: noticeText('publish-check') }]);
    const id = up.json().document.id;
    const put = (tasks: unknown[]) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/documents/${id}/draft`,
        headers: officer.headers,
        payload: { tasks },
      });
    const publish = (payload: Record<string, unknown> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/documents/${id}/publish`,
        headers: officer.headers,
        payload,
      });

    await put([{ text: 'Không có chủ trì', due: '2099-01-01' }]);
    let before = await tableCounts(t);
    let res = await publish();
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('missing_lead');
    expect(res.json().error.message).toContain('chưa có cơ quan chủ trì');
    expect(await tableCounts(t)).toEqual(before);

    await put([
      { ref: '1', text: 'Hạn đã qua', leadAgencyIds: [lead.id], due: '2020-01-31' },
      {
        ref: '2',
        text: 'Lập kế hoạch đầu tư công',
        leadAgencyIds: [lead.id],
        supportAgencyIds: [support.id],
        due: '2099-06-30',
      },
    ]);
    before = await tableCounts(t);
    res = await publish();
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('past_due');
    expect(res.json().error.message).toContain('31/01/2020');
    expect(res.json().error.message).toContain('đã qua');
    expect(await tableCounts(t)).toEqual(before);

    res = await publish({ allowPastDue: true });
    expect(res.statusCode, res.body).toBe(200);
    const { taskIds } = res.json();
    expect(taskIds).toHaveLength(2);
    expect(res.json().document.status).toBe('published');
    const after = await tableCounts(t);
    expect(after.tasks).toBe(before.tasks + 2);
    expect(after.task_agencies).toBe(before.task_agencies + 3);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'task_id'])
      .where('document_id', '=', id)
      .orderBy('id')
      .execute();
    expect(notes).toEqual(
      expect.arrayContaining([
        { user_id: leadUser.user.id, kind: 'task.assigned', task_id: taskIds[0] },
        { user_id: leadUser.user.id, kind: 'task.assigned', task_id: taskIds[1] },
        { user_id: supportUser.user.id, kind: 'task.support', task_id: taskIds[1] },
      ]),
    );
    expect(notes).toHaveLength(3);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where((eb) =>
        eb.or([
          eb.and([eb('entity', '=', 'document'), eb('entity_id', '=', String(id))]),
          eb.and([eb('entity', '=', 'task'), eb('entity_id', 'in', taskIds.map(String))]),
        ]),
      )
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'document.import',
        'document.publish',
        'document.review',
        'document.review',
        'task.create',
        'task.create',
      ].sort(),
    );

    // Published: no more draft edits or second publication.
    expect((await publish()).statusCode).toBe(409);
    expect((await put([{ text: 'x', leadAgencyIds: [lead.id] }])).statusCode).toBe(409);
  });

  it('follows a dissolved agency to its successor on publish', async () => {
    const officer = await loginAs(t, 'officer');
    const successor = await createAgency(t.db, { name: 'Sở Khoa học và Công nghệ (sau sáp nhập)' });
    const old = await createAgency(t.db, {
      name: 'Sở Thông tin và Truyền thông (cũ)',
      successorId: successor.id,
    });
    const { taskIds } = await publishNotice(t, officer, [{ lead: [old.id] }]);
    const row = await t.db
      .selectFrom('task_agencies')
      .select(['agency_id', 'original_agency_id', 'role'])
      .where('task_id', '=', taskIds[0] as number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ agency_id: successor.id, original_agency_id: old.id, role: 'lead' });
  });

  it('creates occurrences for a recurring task', async () => {
    const officer = await loginAs(t, 'officer');
    const a = await createAgency(t.db, {});
    const { taskIds } = await publishNotice(t, officer, [{ lead: [a.id], due: null, recurrence: 'monthly' }]);
    const parent = taskIds[0] as number;
    const kids = await t.db
      .selectFrom('tasks')
      .select(['id', 'due'])
      .where('parent_task_id', '=', parent)
      .execute();
    expect(kids).toHaveLength(12);
    expect(kids.every((k) => /-(28|29|30|31)$/.test(k.due ?? ''))).toBe(true);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tasks?parentId=${parent}`,
      headers: officer.headers,
    });
    expect(list.json().total).toBe(12);
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/tasks?agencyId=${a.id}`,
      headers: officer.headers,
    });
    // The parent is a container: lists and counts hold its occurrences only.
    expect(all.json().total).toBe(12);
    expect(all.json().items.some((i: { id: number }) => i.id === parent)).toBe(false);

    // Topping up later adds the months past the first horizon, once.
    const last = kids.map((k) => k.due as string).sort()[11] as string;
    const later = `${Number(last.slice(0, 4)) + 1}${last.slice(4, 8)}01`;
    const added = await topUpOccurrences(t.db, later);
    expect(added).toBeGreaterThan(0);
    expect(await topUpOccurrences(t.db, later)).toBe(0);
    const after = await t.db
      .selectFrom('tasks')
      .select(['id', 'due'])
      .where('parent_task_id', '=', parent)
      .execute();
    expect(after).toHaveLength(12 + added);
    expect(new Set(after.map((k) => k.due)).size).toBe(after.length);
    const agencyRows = await t.db
      .selectFrom('task_agencies')
      .select('task_id')
      .where(
        'task_id',
        'in',
        after.map((k) => k.id),
      )
      .execute();
    expect(agencyRows).toHaveLength(after.length);
  });

  it('lets an agency read only documents holding its tasks', async () => {
    const officer = await loginAs(t, 'officer');
    const mine = await createAgency(t.db, {});
    const other = await createAgency(t.db, {});
    const me = await loginAs(t, 'agency', { agencyId: mine.id });
    const a = await publishNotice(t, officer, [{ lead: [mine.id] }]);
    const b = await publishNotice(t, officer, [{ lead: [other.id] }]);
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${a.documentId}`,
      headers: me.headers,
    });
    expect(ok.statusCode).toBe(200);
    for (const url of [`/api/documents/${b.documentId}`, `/api/documents/${b.documentId}/file`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: me.headers });
      expect(res.statusCode, url).toBe(404);
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/documents', headers: me.headers });
    expect(list.json().items.map((d: { id: number }) => d.id)).toEqual([a.documentId]);
    for (const [method, url] of [
      ['PUT', `/api/documents/${a.documentId}/draft`],
      ['POST', `/api/documents/${a.documentId}/publish`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: me.headers, payload: {} });
      expect(res.statusCode, url).toBe(403);
    }
    const m = multipart([{ name: 'note', value: 'x' }]);
    expect(m.payload.length).toBeGreaterThan(0);
  });
});
