import { asciiKey } from '@dondoc/core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { snippet } from '../src/search/service.ts';
import { backends, createAgency, loginAs, setupTestApp } from './support/app.ts';
import { insertDocument, insertTask } from './support/fixtures.ts';

type Result = {
  query: string;
  documents: { id: number; snippet: string; status: string }[];
  tasks: { id: number; text: string; leadAgencyName: string | null }[];
};

describe.each(backends())('search ($name)', ({ name }) => {
  const t = setupTestApp(name);
  let ids:
    | { doc: number; draft: number; task1: number; task2: number; task3: number; agencyA: number }
    | undefined;

  const setup = async () => {
    if (ids) return ids;
    const a = await createAgency(t.db, { name: 'Sở Khoa học và Công nghệ', province: 'Phú Thọ' });
    const b = await createAgency(t.db, { name: 'Sở Xây dựng', province: 'Phú Thọ' });
    const doc = await insertDocument(t.db, {
      number: '125/TB-UBND',
      subject: 'Kết luận của Chủ tịch UBND tỉnh về chuyển đổi số',
      text: 'THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại buổi làm việc về chuyển đổi số và Đề án 06 ở Khánh Hoà.',
    });
    const draft = await insertDocument(t.db, {
      status: 'draft',
      subject: 'Dự thảo về chuyển đổi số',
      text: 'Nội dung dự thảo chuyển đổi số',
    });
    const task1 = await insertTask(t.db, {
      documentId: doc.id,
      text: 'Chủ trì triển khai chuyển đổi số trong cơ quan nhà nước, hoàn thành trước 30/6/2025',
      leadAgencyId: a.id,
    });
    const task2 = await insertTask(t.db, {
      documentId: doc.id,
      text: 'Hoàn thiện hạ tầng giao thông khu vực Khánh Hòa',
      leadAgencyId: b.id,
    });
    const task3 = await insertTask(t.db, {
      documentId: draft.id,
      text: 'Thủy lợi và chuyển đổi số nông nghiệp',
      leadAgencyId: b.id,
      supportAgencyIds: [a.id],
    });
    ids = { doc: doc.id, draft: draft.id, task1: task1.id, task2: task2.id, task3: task3.id, agencyA: a.id };
    return ids;
  };

  const run = async (headers: Record<string, string>, q: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Result;
  };

  it('finds the same documents and tasks with or without diacritics', async () => {
    const x = await setup();
    const officer = await loginAs(t, 'officer');
    const withMarks = await run(officer.headers, 'chuyển đổi số');
    const without = await run(officer.headers, 'chuyen doi so');
    const upper = await run(officer.headers, 'CHUYEN ĐOI SO');
    expect(withMarks.query).toBe('chuyen doi so');
    expect(withMarks.tasks.map((r) => r.id).sort()).toEqual([x.task1, x.task3].sort());
    expect(without.tasks.map((r) => r.id).sort()).toEqual([x.task1, x.task3].sort());
    expect(upper.tasks.map((r) => r.id).sort()).toEqual([x.task1, x.task3].sort());
    expect(without.documents.map((d) => d.id).sort()).toEqual([x.doc, x.draft].sort());
    const top = without.documents.find((d) => d.id === x.doc);
    expect(top?.snippet).toMatch(/chuyển đổi số/);
    expect(without.tasks.find((r) => r.id === x.task1)?.leadAgencyName).toBe('Sở Khoa học và Công nghệ');
  });

  it('matches either tone placement (hoà / hòa, thuỷ / thủy)', async () => {
    const x = await setup();
    const officer = await loginAs(t, 'officer');
    for (const q of ['Khánh Hòa', 'Khánh Hoà', 'khanh hoa']) {
      const r = await run(officer.headers, q);
      expect(
        r.tasks.map((k) => k.id),
        q,
      ).toEqual([x.task2]);
      expect(
        r.documents.map((d) => d.id),
        q,
      ).toEqual([x.doc]);
    }
    expect((await run(officer.headers, 'thuỷ lợi')).tasks.map((k) => k.id)).toEqual([x.task3]);
    expect((await run(officer.headers, '125/TB-UBND')).documents.map((d) => d.id)).toEqual([x.doc]);
    expect(await run(officer.headers, 'khong co gi ca xyz')).toMatchObject({ documents: [], tasks: [] });
  });

  it('respects visibility: drafts for the office only, agency officers see their own tasks', async () => {
    const x = await setup();
    const leader = await loginAs(t, 'leader');
    const r = await run(leader.headers, 'chuyen doi so');
    expect(r.documents.map((d) => d.id)).toEqual([x.doc]);
    const so = await loginAs(t, 'agency', { agencyId: x.agencyA });
    const mine = await run(so.headers, 'chuyen doi so');
    expect(mine.tasks.map((k) => k.id).sort()).toEqual([x.task1, x.task3].sort());
    expect(mine.documents.map((d) => d.id)).toEqual([x.doc]);
    const notMine = await run(so.headers, 'khanh hoa');
    expect(notMine.tasks).toEqual([]);
    const stranger = await loginAs(t, 'agency');
    expect(await run(stranger.headers, 'chuyen doi so')).toMatchObject({ documents: [], tasks: [] });
  });

  it('rejects empty and punctuation-only queries in Vietnamese; anonymous → 401', async () => {
    const officer = await loginAs(t, 'officer');
    const empty = await t.app.inject({ method: 'GET', url: '/api/search?q=', headers: officer.headers });
    expect(empty.statusCode).toBe(400);
    const punct = await t.app.inject({
      method: 'GET',
      url: '/api/search?q=%25%25__',
      headers: officer.headers,
    });
    expect(punct.statusCode).toBe(400);
    expect((punct.json() as { error: { message: string } }).error.message).toMatch(/Từ khóa/);
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=so' })).statusCode).toBe(401);
  });

  it('SQL folding (dondoc_fold) equals the core asciiKey on Vietnamese text', async () => {
    const samples = [
      'Sở Thông tin và Truyền thông tỉnh Đắk Lắk',
      'Ủy ban nhân dân thành phố Hồ Chí Minh — Uỷ ban',
      'Khánh Hoà, Thừa Thiên Huế; Bà Rịa - Vũng Tàu',
      'ĐỀ ÁN 06/2022 (chuyển đổi số) 30/6/2025',
      'Nghị định 09/2019/NĐ-CP',
    ];
    for (const s of samples) {
      const { rows } = await sql<{ f: string }>`SELECT dondoc_fold(${s}) AS f`.execute(t.db);
      expect(rows[0]?.f, s).toBe(asciiKey(s));
    }
  });

  it('builds snippets around the match on the original text', () => {
    const text = `${'Mở đầu. '.repeat(40)}Triển khai chuyển đổi số toàn diện. ${'Kết thúc. '.repeat(40)}`;
    const s = snippet(text, 'chuyen doi so', 80);
    expect(s).toContain('chuyển đổi số');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });
});
