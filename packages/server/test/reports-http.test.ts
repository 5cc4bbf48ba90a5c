// Reports over HTTP on both backends: figures of the fixed data set (reports-support.ts)
// computed by hand, access by role, exports read back, the dashboard and the calendar feed.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, parseCsv, parseIcs, seedFixture, unescapeIcs, unzipEntry } from './reports-support.ts';
import { backends, createAgency, type LoggedIn, loginAs, setupTestApp } from './support/app.ts';

const Q3 = 'period=quarter&year=2021&index=3';

describe.each(backends())('reports over HTTP ($name)', ({ name }) => {
  const t = setupTestApp(name);
  let f: Fixture;
  let leader: LoggedIn;
  let officer: LoggedIn;
  let kttUser: LoggedIn;
  let tcUser: LoggedIn;

  beforeAll(async () => {
    f = await seedFixture(t);
    leader = await loginAs(t, 'leader');
    officer = await loginAs(t, 'officer');
    kttUser = await loginAs(t, 'agency', { agencyId: f.agencies.ktt });
    tcUser = await loginAs(t, 'agency', { agencyId: f.agencies.tc });
  });

  const get = (url: string, who?: LoggedIn) =>
    t.app.inject({ method: 'GET', url, headers: who ? who.headers : {} });

  it('GET /api/reports: Quý III/2021 for all agencies, counted by hand', async () => {
    const res = await get(`/api/reports?${Q3}`, leader);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.period).toMatchObject({
      label: 'Quý III/2021',
      from: '2021-06-15',
      to: '2021-09-14',
      mode: 'decree09',
    });
    expect(body.asOf).toBe('2021-09-14');
    expect(body.agency).toBeNull();
    expect(body.figures).toMatchObject({
      total: 14,
      done_on_time: 4,
      done_late: 3,
      open_on_time: 4,
      open_overdue: 3,
      due_soon: 1,
      no_deadline: 1,
      onTimeRate: 0.4,
    });
    expect(body.tasks).toHaveLength(14);
    expect(
      body.byAgency.map((a: { agency: { id: number }; total: number }) => [a.agency.id, a.total]),
    ).toEqual([
      [f.agencies.ktt, 11],
      [f.agencies.tc, 2],
      [f.agencies.tttt, 1],
    ]);
    expect([...body.lists.open_overdue].sort((a: number, b: number) => a - b)).toEqual(
      [f.t.T5, f.t.T11, f.t.T18].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('without a year: the period that holds today', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const res = await get('/api/reports?period=quarter', officer);
    expect(res.statusCode).toBe(200);
    const p = res.json().period;
    expect(p.from <= today && today <= p.to).toBe(true);
    const y = (await get('/api/reports?period=year', officer)).json().period;
    expect(y.from <= today && today <= y.to).toBe(true);
    expect(y.label).toMatch(/^Năm \d{4}$/);
  });

  it('calendar windows and months', async () => {
    const cal = (await get(`/api/reports?${Q3}&mode=calendar`, officer)).json();
    expect(cal.figures).toMatchObject({
      total: 13,
      done_on_time: 4,
      done_late: 3,
      open_on_time: 3,
      open_overdue: 3,
    });
    const month = (await get('/api/reports?period=month&year=2021&index=9', officer)).json();
    expect(month.period.label).toBe('Tháng 9/2021');
    expect(month.figures).toMatchObject({
      total: 9,
      done_on_time: 1,
      done_late: 1,
      open_on_time: 4,
      open_overdue: 3,
    });
  });

  it('an agency officer sees only their agency (and the one merged into it)', async () => {
    const own = await get(`/api/reports?${Q3}`, kttUser);
    expect(own.statusCode).toBe(200);
    expect(own.json().agency).toEqual({ id: f.agencies.ktt, name: 'Sở Khoa học và Công nghệ' });
    expect(own.json().figures).toMatchObject({
      total: 12,
      done_on_time: 4,
      done_late: 3,
      open_on_time: 3,
      open_overdue: 2,
    });
    const merged = await get(`/api/reports?${Q3}&agencyId=${f.agencies.tttt}`, kttUser);
    expect(merged.statusCode).toBe(200);
    expect(merged.json().figures).toMatchObject({ total: 1, done_on_time: 1 });
    const other = await get(`/api/reports?${Q3}&agencyId=${f.agencies.tc}`, kttUser);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/cơ quan, đơn vị mình/);
    const tc = await get(`/api/reports?${Q3}`, tcUser);
    expect(tc.json().figures).toMatchObject({ total: 2, open_on_time: 1, open_overdue: 1 });
    // the leader may pick any agency
    const byLeader = await get(`/api/reports?${Q3}&agencyId=${f.agencies.tc}`, leader);
    expect(byLeader.json().figures.total).toBe(2);
  });

  it('bad queries get a Vietnamese 4xx, never a 500', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/reports?period=quarter&year=2021&index=5', 400, /từ 1 đến 4/],
      ['/api/reports?period=week&year=2021', 400, /không hợp lệ/],
      ['/api/reports?period=month&year=2021', 400, /Thiếu chỉ số kỳ báo cáo/],
      ['/api/reports?period=month&index=3', 400, /phải có năm báo cáo/],
      ['/api/reports?period=year&year=2021&index=2', 400, /index phải là 1/],
      ['/api/reports?period=year&year=abc', 400, /không hợp lệ/],
      [`/api/reports?${Q3}&agencyId=999999`, 404, /Không tìm thấy cơ quan/],
      [`/api/reports/export?${Q3}&format=pdf`, 400, /không hợp lệ/],
      ['/api/dashboard?from=2021-05-01&to=2021-04-01', 400, /Ngày bắt đầu/],
      ['/api/dashboard?from=2021-02-30', 400, /không hợp lệ/],
      ['/api/dashboard?agencyId=999999', 404, /Không tìm thấy cơ quan/],
    ];
    for (const [url, status, message] of cases) {
      const res = await get(url, officer);
      expect(res.statusCode, url).toBe(status);
      expect(res.json().error.message, url).toMatch(message);
    }
    expect((await get(`/api/reports?${Q3}`)).statusCode).toBe(401);
    expect((await get('/api/dashboard')).statusCode).toBe(401);
  });

  it('random query strings never give a 500', async () => {
    const value = fc.oneof(
      fc.constantFrom(
        '',
        '0',
        '-1',
        '1',
        '4',
        '13',
        '2021',
        '99999999999',
        'abc',
        'Quý III',
        '2021-02-29',
        '2021-12-31',
      ),
      fc.string({ maxLength: 12 }),
    );
    const params = fc.dictionary(
      fc.constantFrom(
        'period',
        'year',
        'index',
        'mode',
        'agencyId',
        'from',
        'to',
        'format',
        'includePredecessors',
      ),
      value,
    );
    const urls = fc.sample(
      fc.tuple(fc.constantFrom('/api/reports', '/api/reports/export', '/api/dashboard'), params),
      { numRuns: 60, seed: 42 },
    );
    for (const [path, p] of urls) {
      const url = `${path}?${new URLSearchParams(p).toString()}`;
      const res = await get(url, officer);
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.json().error.message, url).toMatch(/\p{L}/u);
    }
  });

  it('exports XLSX with a Vietnamese file name, read back', async () => {
    const res = await get(`/api/reports/export?${Q3}&format=xlsx&agencyId=${f.agencies.ktt}`, leader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const cd = String(res.headers['content-disposition']);
    expect(cd).toContain('filename="Bao_cao_Quy_III-2021_-_So_Khoa_hoc_va_Cong_nghe.xlsx"');
    expect(decodeURIComponent(cd.split("filename*=UTF-8''")[1] ?? '')).toBe(
      'Báo cáo Quý III-2021 - Sở Khoa học và Công nghệ.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(1);
    const cells: string[] = [];
    ws?.eachRow((row) => {
      cells.push(
        row.values
          ? (row.values as unknown[])
              .map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))
              .join('|')
          : '',
      );
    });
    const text = cells.join('\n');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ');
    expect(text).toContain('Cơ quan, đơn vị: Sở Khoa học và Công nghệ');
    expect(text).toContain('Tổng số nhiệm vụ: 12, trong đó:');
    expect(text).toContain('- Chưa hoàn thành quá hạn: 2');
    expect(text).toContain('Tỷ lệ hoàn thành đúng hạn: 44,4%'); // 4 / (4 + 3 + 2)
    const t5 = cells.find((c) => c.includes('Triển khai nền tảng chia sẻ dữ liệu'));
    expect(t5).toContain('Thông báo số 312/TB-VP ngày 18/05/2021');
    expect(t5).toContain('2021-09-10T00:00:00.000Z');
    expect(t5).toContain('Đang triển khai, đã hoàn thành khảo sát (40%)');
    expect(t5).toContain('Chưa hoàn thành quá hạn');
    // 12 task rows after the header
    expect(cells.filter((c) => /^\|?\d+\|Nhiệm vụ|^\|?\d+\|Triển khai/.test(c))).toHaveLength(12);
  });

  it('exports DOCX and CSV, read back', async () => {
    const docx = await get(`/api/reports/export?${Q3}&format=docx`, leader);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(docx.headers['content-disposition'])).toContain('.docx');
    const xml = await unzipEntry(docx.rawPayload, 'word/document.xml');
    expect(xml).toMatch(/w:orient="landscape"/);
    const { value } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(value).toContain('Kỳ báo cáo: Quý III/2021 (số liệu từ ngày 15/06/2021 đến ngày 14/09/2021)');
    expect(value).toContain('Tổng số nhiệm vụ: 14, trong đó:');
    expect(value).toContain('- Hoàn thành đúng hạn: 4');
    expect(value).toContain('Tỷ lệ hoàn thành đúng hạn: 40%');

    const csv = await get(`/api/reports/export?${Q3}&format=csv`, kttUser);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.rawPayload.toString('utf8').slice(1));
    expect(rows).toHaveLength(1 + 12);
    const t5 = rows.find((r) => r[1] === 'Triển khai nền tảng chia sẻ dữ liệu');
    expect(t5?.[4]).toBe('10/09/2021');
    expect(t5?.[6]).toBe('Chưa hoàn thành quá hạn');
    expect(t5?.[9]).toBe('Sở Tài chính');
  });

  it('GET /api/dashboard as of today, counted by hand', async () => {
    // Today (2026 or later) every dated open task of the fixture is overdue. The dashboard
    // counts every countable task (T1–T15, T17–T19; not the recurring container T16).
    const res = await get('/api/dashboard', leader);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.buckets).toMatchObject({
      total: 18,
      done_on_time: 6, // T1 T3 T9 T15 T17 T19
      done_late: 4, // T2 T4 T10 T11
      open_on_time: 1, // T8, no deadline
      open_overdue: 7, // T5 T6 T7 T12 T13 T14 T18
      no_deadline: 1,
      due_soon: 0,
      onTimeRate: 0.3529, // 6 / 17
    });
    const byAgency = new Map(d.byAgency.map((a: { agency: { id: number } }) => [a.agency.id, a]));
    expect(byAgency.get(f.agencies.ktt)).toMatchObject({
      total: 15,
      done_on_time: 5,
      done_late: 4,
      open_overdue: 5,
    });
    expect(byAgency.get(f.agencies.tc)).toMatchObject({ total: 2, open_overdue: 2 });
    expect(d.ranking.map((r: { agency: { id: number }; rank: number }) => [r.agency.id, r.rank])).toEqual([
      [f.agencies.tttt, 1],
      [f.agencies.ktt, 2],
      [f.agencies.tc, 3],
    ]);
    expect(d.byMonth.find((m: { month: string }) => m.month === '2021-08')).toMatchObject({
      total: 3, // T3, T4 (31/08), T14 (01/08); T16 is not counted
      done_on_time: 1,
      done_late: 1,
      open_overdue: 1,
    });
    // most overdue first
    expect(d.overdue.map((x: { id: number }) => x.id)).toEqual(
      ['T18', 'T14', 'T5', 'T6', 'T12', 'T13', 'T7'].map((n) => f.t[n]),
    );
    expect(d.overdue[0]).toMatchObject({
      id: f.t.T18,
      due: '2021-06-14',
      documentNumber: '45/TB-UBND',
      leadAgency: { id: f.agencies.tc, name: 'Sở Tài chính' },
      status: 'paused',
      bucket: 'open_overdue',
      dueSoon: false,
    });
    expect(d.overdue[0].days).toBeGreaterThan(1900);
    expect(d.overdue).toHaveLength(7);
    expect(d.byDocument[0].document).toMatchObject({ id: f.documents.d3, number: '501/TB-VP' });

    const mine = (await get('/api/dashboard', tcUser)).json();
    expect(mine.buckets).toMatchObject({ total: 2, open_overdue: 2 });
    const ktt = (
      await get(`/api/dashboard?agencyId=${f.agencies.ktt}&from=2021-07-01&to=2021-09-30`, leader)
    ).json();
    // due in Q3 (calendar), ktt and the merged tttt: T1 T2 T3 T4 T5 T6 T11 T14 T15 T17
    expect(ktt.buckets).toMatchObject({
      total: 10,
      done_on_time: 4,
      done_late: 3,
      open_overdue: 3,
      no_deadline: 0,
    });
    expect((await get(`/api/dashboard?agencyId=${f.agencies.tc}`, kttUser)).statusCode).toBe(403);
  });

  it('calendar feed: token issued, feed read without a session, token rotated and revoked', async () => {
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/calendar/${f.agencies.ktt}/token`,
      headers: tcUser.headers,
    });
    expect(denied.statusCode).toBe(403);
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/calendar/${f.agencies.ktt}/token`,
      headers: officer.headers,
    });
    expect(issued.statusCode).toBe(200);
    const { token, path } = issued.json();
    expect(path).toBe(`/api/calendar/${f.agencies.ktt}.ics?token=${encodeURIComponent(token)}`);

    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseIcs(feed.body);
    expect(unescapeIcs(calendar.get('X-WR-CALNAME') ?? '')).toBe('Hạn nhiệm vụ - Sở Khoa học và Công nghệ');
    // open tasks with a deadline, led by ktt (or the merged tttt) or supported, by deadline: T5 T6 T13 T7; done
    // tasks of 2021 are long past the 180 days kept; T14 is on a draft
    expect(events.map((e) => e.get('UID'))).toEqual(
      ['T5', 'T6', 'T13', 'T7'].map((n) => `task-${f.t[n]}@dondoc`),
    );
    expect(events[0]?.get('DTSTART;VALUE=DATE')).toBe('20210910');
    expect(unescapeIcs(events[0]?.get('DESCRIPTION') ?? '')).toContain('Trạng thái: Chưa hoàn thành quá hạn');

    // Sở Tài chính: T12 T18 as lead, T5 as support
    const tcToken = await t.app.inject({
      method: 'POST',
      url: `/api/calendar/${f.agencies.tc}/token`,
      headers: tcUser.headers,
    });
    const tcFeed = parseIcs((await t.app.inject({ method: 'GET', url: tcToken.json().path })).body);
    expect(tcFeed.events.map((e) => e.get('UID'))).toEqual(
      ['T18', 'T5', 'T12'].map((n) => `task-${f.t[n]}@dondoc`),
    );
    expect(unescapeIcs(tcFeed.events[1]?.get('SUMMARY') ?? '')).toMatch(/^\[Phối hợp\] Hạn: /);

    const wrong = await t.app.inject({
      method: 'GET',
      url: `/api/calendar/${f.agencies.ktt}.ics?token=x${token}`,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toMatch(/Mã truy cập lịch không hợp lệ/);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/calendar/${f.agencies.ktt}.ics` })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/calendar/${f.agencies.tc}.ics?token=${token}` }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/abc' })).statusCode).toBe(404);

    // a new token replaces the old one; revoking ends the feed
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/calendar/${f.agencies.ktt}/token`,
      headers: officer.headers,
    });
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: again.json().path })).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/calendar/${f.agencies.ktt}/token`,
      headers: officer.headers,
    });
    expect(revoked.json()).toEqual({ revoked: true });
    expect((await t.app.inject({ method: 'GET', url: again.json().path })).statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/999999/token',
      headers: officer.headers,
    });
    expect(missing.statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'calendar.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'calendar.token_issue',
      'calendar.token_issue',
      'calendar.token_issue',
      'calendar.token_revoke',
    ]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/docs/json')).json();
    for (const p of ['/api/reports', '/api/reports/export', '/api/dashboard', '/api/calendar/{feed}'])
      expect(doc.paths[p], p).toBeDefined();
  });

  it('long lists: DOCX lists 1,000 tasks and says so, CSV lists all', async () => {
    const a = await createAgency(t.db, { name: 'Sở Xây dựng' });
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      document_id: f.documents.d1,
      lead_agency_id: a.id,
      text: `Nhiệm vụ dài ${i + 1}`,
      due: '2021-08-20',
      status: 'in_progress' as const,
    }));
    await t.db.insertInto('tasks').values(rows).execute();
    const q = `${Q3}&agencyId=${a.id}`;
    const json = (await get(`/api/reports?${q}`, leader)).json();
    expect(json.figures).toMatchObject({ total: 1005, open_overdue: 1005 });
    expect(json.truncated).toBe(false);
    const docx = await get(`/api/reports/export?${q}&format=docx`, leader);
    expect(docx.statusCode).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(value).toContain('Tổng số nhiệm vụ: 1005, trong đó:');
    expect(value).toContain('Ghi chú: danh mục chỉ liệt kê 1.000 trong tổng số 1.005 nhiệm vụ');
    expect(value).toContain('xuất tệp Excel (xlsx) hoặc CSV');
    const csv = await get(`/api/reports/export?${q}&format=csv`, leader);
    expect(parseCsv(csv.rawPayload.toString('utf8').slice(1))).toHaveLength(1 + 1005);
  });

  it('a new agency with no tasks has empty figures, not an error', async () => {
    const a = await createAgency(t.db, { name: 'Sở Nội vụ' });
    const res = await get(`/api/reports?period=year&year=2021&agencyId=${a.id}`, leader);
    expect(res.json().figures).toMatchObject({ total: 0, onTimeRate: null, completionRate: null });
    const xlsx = await get(`/api/reports/export?period=year&year=2021&agencyId=${a.id}&format=xlsx`, leader);
    expect(xlsx.statusCode).toBe(200);
  });
});
