import { describe, expect, it } from 'vitest';
import { canSeeTask } from '../src/auth/access.ts';
import { backends, createAgency, loginAs, setupTestApp } from './support/app.ts';
import { insertDocument, insertTask } from './support/fixtures.ts';

type Err = { error: { code: string; message: string } };
type Suggestion = {
  agency: { id: number; name: string; dissolvedAt: string | null };
  score: number;
  reason: string;
};

describe.each(backends())('agencies ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('officer creates and edits agencies (audited); agency officers may not', async () => {
    const officer = await loginAs(t, 'officer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/agencies',
      headers: officer.headers,
      payload: { name: 'Sở Văn hóa, Thể thao và Du lịch', shortName: 'SVHTTDL', province: 'Gia Lai' },
    });
    expect(res.statusCode).toBe(201);
    const a = res.json() as { id: number; type: string };
    expect(a.type).toBe('department');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/agencies/${a.id}`,
      headers: officer.headers,
      payload: { shortName: 'Sở VHTTDL' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ shortName: 'Sở VHTTDL' });
    const log = await t.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('entity', '=', 'agency')
      .where('entity_id', '=', String(a.id))
      .orderBy('id')
      .execute();
    expect(log).toEqual([
      { action: 'agency.create', user_id: officer.user.id },
      { action: 'agency.update', user_id: officer.user.id },
    ]);

    const so = await loginAs(t, 'agency');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/agencies',
      headers: so.headers,
      payload: { name: 'Sở X' },
    });
    expect(refused.statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/agencies?q=van hoa the thao&province=gia lai',
      headers: so.headers,
    });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([a.id]);
  });

  it('suggests without diacritics and with either tone placement; learned corrections first', async () => {
    const officer = await loginAs(t, 'officer');
    const hoa = await createAgency(t.db, { name: 'Sở Nông nghiệp và Môi trường', province: 'Khánh Hòa' });
    const yte = await createAgency(t.db, { name: 'Sở Y tế', province: 'Khánh Hòa' });
    const q = async (n: string, extra = '') => {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/agencies/suggest?name=${encodeURIComponent(n)}${extra}`,
        headers: officer.headers,
      });
      expect(r.statusCode).toBe(200);
      return r.json() as Suggestion[];
    };
    const plain = await q('So Nong nghiep va Moi truong');
    expect(plain[0]).toMatchObject({ agency: { id: hoa.id }, reason: 'exact', score: 1 });
    // OCR slip + old tone placement ("Nông nghiêp", "Môi truờng").
    const slip = await q('Sở Nông nghiêp và Môi truờng');
    expect(slip[0]?.agency.id).toBe(hoa.id);
    expect(slip[0]?.reason).toBe('exact');
    const partial = await q('Nong nghiep Moi truong');
    expect(partial[0]?.agency.id).toBe(hoa.id);
    expect(partial[0]?.reason).toBe('similar');

    // An officer teaches that "Sở NN&MT" means this agency: it comes first from then on.
    const learn = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/aliases',
      headers: officer.headers,
      payload: { alias: 'Sở NN&MT', agencyId: hoa.id },
    });
    expect(learn.statusCode).toBe(200);
    const learned = await q('sở nn & mt');
    expect(learned[0]).toMatchObject({ agency: { id: hoa.id }, reason: 'learned' });
    // Re-teaching the same name to another agency replaces the correction.
    await t.app.inject({
      method: 'POST',
      url: '/api/agencies/aliases',
      headers: officer.headers,
      payload: { alias: 'Sở NN&MT', agencyId: yte.id },
    });
    expect((await q('So NN&MT'))[0]).toMatchObject({ agency: { id: yte.id }, reason: 'learned' });
    expect(await q('zzzz qqqq')).toEqual([]);
    const empty = await t.app.inject({
      method: 'GET',
      url: '/api/agencies/suggest?name=',
      headers: officer.headers,
    });
    expect(empty.statusCode).toBe(400);
  });

  it('province puts that province first, and a dissolved match brings its successor', async () => {
    const officer = await loginAs(t, 'officer');
    const vp = await createAgency(t.db, { name: 'Sở Giao thông vận tải', province: 'Vĩnh Phúc' });
    const qn = await createAgency(t.db, { name: 'Sở Giao thông vận tải', province: 'Quảng Nam' });
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/agencies/suggest?name=${encodeURIComponent('Sở Giao thông vận tải')}&province=${encodeURIComponent('Quang Nam')}`,
      headers: officer.headers,
    });
    const s = r.json() as Suggestion[];
    expect(s[0]?.agency.id).toBe(qn.id);
    expect(s.map((x) => x.agency.id)).toContain(vp.id);

    const xd = await createAgency(t.db, { name: 'Sở Xây dựng', province: 'Đà Nẵng' });
    const succ = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: { fromIds: [qn.id], toId: xd.id, effectiveDate: '2025-07-01' },
    });
    expect(succ.statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/agencies/suggest?name=${encodeURIComponent('Sở Giao thông vận tải')}&province=${encodeURIComponent('Quảng Nam')}`,
      headers: officer.headers,
    });
    const s2 = after.json() as Suggestion[];
    expect(s2[0]).toMatchObject({ agency: { id: qn.id, dissolvedAt: '2025-07-01' } });
    expect(s2[1]).toMatchObject({ agency: { id: xd.id }, reason: 'successor' });
  });

  it('succession moves open tasks to the successor, keeps history and audits it', async () => {
    const officer = await loginAs(t, 'officer');
    const tnmt = await createAgency(t.db, { name: 'Sở Tài nguyên và Môi trường', province: 'Bình Định' });
    const nn = await createAgency(t.db, {
      name: 'Sở Nông nghiệp và Phát triển nông thôn',
      province: 'Bình Định',
    });
    const nnmt = await createAgency(t.db, { name: 'Sở Nông nghiệp và Môi trường', province: 'Gia Lai' });
    const other = await createAgency(t.db, { name: 'Sở Tài chính', province: 'Gia Lai' });
    const doc = await insertDocument(t.db, { subject: 'Kết luận về đất đai' });
    const open1 = await insertTask(t.db, {
      documentId: doc.id,
      text: 'Rà soát đất công',
      leadAgencyId: tnmt.id,
      supportAgencyIds: [nn.id],
    });
    const open2 = await insertTask(t.db, {
      documentId: doc.id,
      text: 'Hỗ trợ nông dân',
      leadAgencyId: other.id,
      supportAgencyIds: [nn.id],
    });
    const done = await insertTask(t.db, {
      documentId: doc.id,
      text: 'Báo cáo quý I',
      leadAgencyId: tnmt.id,
      status: 'done',
    });
    const tnmtOfficer = await loginAs(t, 'agency', { agencyId: tnmt.id });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: {
        fromIds: [tnmt.id, nn.id],
        toId: nnmt.id,
        effectiveDate: '2025-07-01',
        note: 'Sáp nhập theo Nghị quyết',
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { movedTaskIds: number[]; dissolved: { id: number; successorId: number }[] };
    expect(body.movedTaskIds).toEqual([open1.id, open2.id]);
    expect(body.dissolved.map((d) => d.successorId)).toEqual([nnmt.id, nnmt.id]);

    const rows = await t.db
      .selectFrom('task_agencies')
      .select(['task_id', 'agency_id', 'role', 'original_agency_id'])
      .where('task_id', 'in', [open1.id, open2.id, done.id])
      .orderBy('task_id')
      .orderBy('role')
      .execute();
    expect(rows).toEqual([
      // Both merged agencies were on task 1: one row remains, with the stronger role.
      { task_id: open1.id, agency_id: nnmt.id, role: 'lead', original_agency_id: tnmt.id },
      { task_id: open2.id, agency_id: other.id, role: 'lead', original_agency_id: null },
      { task_id: open2.id, agency_id: nnmt.id, role: 'support', original_agency_id: nn.id },
      // A finished task keeps its agency.
      { task_id: done.id, agency_id: tnmt.id, role: 'lead', original_agency_id: null },
    ]);
    const leads = await t.db
      .selectFrom('tasks')
      .select(['id', 'lead_agency_id'])
      .where('document_id', '=', doc.id)
      .orderBy('id')
      .execute();
    expect(leads.map((l) => l.lead_agency_id)).toEqual([nnmt.id, other.id, tnmt.id]);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where('action', 'like', 'agency.%')
      .where('entity_id', 'in', [String(tnmt.id), String(nn.id), String(nnmt.id)])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.entity_id}`)).toEqual([
      `agency.dissolve:${tnmt.id}`,
      `agency.dissolve:${nn.id}`,
      `agency.succession:${nnmt.id}`,
    ]);
    expect(audit[2]?.after).toMatchObject({
      movedTaskIds: [open1.id, open2.id],
      note: 'Sáp nhập theo Nghị quyết',
    });

    // The old agency's officer still sees the moved task (predecessor of the lead) and the done one.
    expect(await canSeeTask(t.db, tnmtOfficer.user, open1.id)).toBe(true);
    expect(await canSeeTask(t.db, tnmtOfficer.user, done.id)).toBe(true);
    const nnmtOfficer = await loginAs(t, 'agency', { agencyId: nnmt.id });
    expect(await canSeeTask(t.db, nnmtOfficer.user, open2.id)).toBe(true);
    const stranger = await loginAs(t, 'agency');
    expect(await canSeeTask(t.db, stranger.user, open1.id)).toBe(false);

    // Dissolved agencies are hidden from the default list, shown on request.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/agencies?province=Bình Định',
      headers: officer.headers,
    });
    expect((list.json() as { total: number }).total).toBe(0);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/agencies?province=binh dinh&includeDissolved=true',
      headers: officer.headers,
    });
    expect((all.json() as { total: number }).total).toBe(2);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/agencies/${nnmt.id}`,
      headers: officer.headers,
    });
    expect(
      (detail.json() as { predecessors: { id: number }[] }).predecessors.map((p) => p.id).sort(),
    ).toEqual([tnmt.id, nn.id].sort());

    // Refusals: twice, into itself, into a dissolved agency, by an agency officer, bad date.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: { fromIds: [tnmt.id], toId: nnmt.id, effectiveDate: '2025-07-01' },
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as Err).error.message).toMatch(/đã giải thể/);
    const self = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: { fromIds: [other.id], toId: other.id, effectiveDate: '2025-07-01' },
    });
    expect(self.statusCode).toBe(400);
    const intoGone = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: { fromIds: [other.id], toId: tnmt.id, effectiveDate: '2025-07-01' },
    });
    expect(intoGone.statusCode).toBe(409);
    const byAgency = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: nnmtOfficer.headers,
      payload: { fromIds: [other.id], toId: nnmt.id, effectiveDate: '2025-07-01' },
    });
    expect(byAgency.statusCode).toBe(403);
    const badDate = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: { fromIds: [other.id], toId: nnmt.id, effectiveDate: '2025-13-01' },
    });
    expect(badDate.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/agencies/succession',
      headers: officer.headers,
      payload: { fromIds: [999999], toId: nnmt.id, effectiveDate: '2025-07-01' },
    });
    expect(missing.statusCode).toBe(404);
    const otherRow = await t.db
      .selectFrom('agencies')
      .select(['dissolved_at'])
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(otherRow.dissolved_at).toBeNull();
  });
});
