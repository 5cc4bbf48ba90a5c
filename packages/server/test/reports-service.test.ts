// Report figures against the fixed data set (reports-support.ts), counted by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/reports/service.ts';
import { classify } from '../src/tasks/buckets.ts';
import { backends, type Fixture, seedFixture } from './reports-support.ts';

for (const backend of backends()) {
  describe(`report figures (${backend.name})`, () => {
    let h: Awaited<ReturnType<typeof backend.open>>;
    let f: Fixture;
    const closed = new Date('2021-10-01T03:00:00Z');

    beforeAll(async () => {
      h = await backend.open();
      f = await seedFixture(h);
    });
    afterAll(async () => {
      await h?.drop();
    });

    const ids = (names: string[]) => names.map((n) => f.t[n]).sort((a, b) => (a ?? 0) - (b ?? 0));

    it('Quý III/2021, all agencies, as of the window end', async () => {
      const r = await buildReport(h.db, {
        kind: 'quarter',
        year: 2021,
        index: 3,
        mode: 'decree09',
        agencyId: null,
        now: closed,
      });
      expect(r.period).toMatchObject({ from: '2021-06-15', to: '2021-09-14', label: 'Quý III/2021' });
      expect(r.asOf).toBe('2021-09-14');
      // By hand: in  T1 T2 T3 T4 T5 T6 T7 T8 T10 T11 T12 T15 T17 T18;
      // out T9 (done and due before the window), T13 (notice after it), T14 (draft),
      //     T16 (recurring container), T19 (done, no completion date, due before).
      expect(r.figures).toMatchObject({
        total: 14,
        done_on_time: 4, // T1, T3 (23:30 Vietnam on its due day), T15, T17
        done_late: 3, // T2, T4 (00:30 Vietnam the day after), T10
        open_on_time: 4, // T6 (due on the window end), T7, T8 (no deadline), T12
        open_overdue: 3, // T5, T11 (completed after the window end), T18 (paused)
        due_soon: 1, // T6: 14/09 ≤ due ≤ 21/09
        no_deadline: 1,
        onTimeRate: 0.4, // 4 / (4 + 3 + 3)
        completionRate: 0.5,
      });
      const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
      expect(sorted(r.lists.done_on_time)).toEqual(ids(['T1', 'T3', 'T15', 'T17']));
      expect(sorted(r.lists.done_late)).toEqual(ids(['T2', 'T4', 'T10']));
      expect(sorted(r.lists.open_on_time)).toEqual(ids(['T6', 'T7', 'T8', 'T12']));
      expect(sorted(r.lists.open_overdue)).toEqual(ids(['T5', 'T11', 'T18']));
      expect(r.lists.due_soon).toEqual(ids(['T6']));
      expect(r.tasks).toHaveLength(14);
      expect(r.truncated).toBe(false);
      // per lead agency, sorted by name (Vietnamese collation): Khoa học…, Tài chính, Thông tin…
      expect(r.byAgency).toEqual([
        // T1 T3 T17 | T2 T4 T10 | T6 T7 T8 | T5 T11
        {
          agency: { id: f.agencies.ktt, name: 'Sở Khoa học và Công nghệ' },
          done_on_time: 3,
          done_late: 3,
          open_on_time: 3,
          open_overdue: 2,
          total: 11,
          onTimeRate: 0.375,
        },
        {
          agency: { id: f.agencies.tc, name: 'Sở Tài chính' },
          done_on_time: 0,
          done_late: 0,
          open_on_time: 1,
          open_overdue: 1,
          total: 2,
          onTimeRate: 0,
        },
        {
          agency: { id: f.agencies.tttt, name: 'Sở Thông tin và Truyền thông' },
          done_on_time: 1,
          done_late: 0,
          open_on_time: 0,
          open_overdue: 0,
          total: 1,
          onTimeRate: 1,
        },
      ]);

      const t5 = r.tasks.find((t) => t.id === f.t.T5);
      expect(t5).toMatchObject({
        text: 'Triển khai nền tảng chia sẻ dữ liệu',
        documentNumber: '312/TB-VP',
        documentDate: '2021-05-18',
        leadAgencyName: 'Sở Khoa học và Công nghệ',
        supportAgencyNames: ['Sở Tài chính'],
        // the report written at the window end, not the later one
        progressNote: 'Đang triển khai, đã hoàn thành khảo sát',
        progressPercent: 40,
      });
      const t11 = r.tasks.find((t) => t.id === f.t.T11);
      expect(t11).toMatchObject({ status: 'done', completedOn: null, bucket: 'open_overdue' });
      expect(r.tasks.find((t) => t.id === f.t.T3)?.completedOn).toBe('2021-08-31');
      expect(r.tasks.find((t) => t.id === f.t.T4)?.completedOn).toBe('2021-09-01');

      // the SQL agrees with the pure definition, row by row
      for (const t of r.tasks) {
        // done by the window end ⇔ a completion day ≤ the window end (no legacy rows without one here)
        const input = {
          status: t.completedOn ? 'done' : 'in_progress',
          due: t.due,
          completedAt: t.completedOn ? `${t.completedOn}T05:00:00Z` : null,
        };
        expect(classify(input, r.asOf).bucket, `task ${t.id}`).toBe(t.bucket);
      }
    });

    it('one agency, with and without the agency merged into it', async () => {
      const base = { kind: 'quarter', year: 2021, index: 3, mode: 'decree09', now: closed } as const;
      const r = await buildReport(h.db, { ...base, agencyId: f.agencies.ktt });
      expect(r.agency).toEqual({ id: f.agencies.ktt, name: 'Sở Khoa học và Công nghệ' });
      expect(r.agencyIds).toEqual([f.agencies.ktt, f.agencies.tttt].sort((a, b) => a - b));
      // T12 and T18 belong to Sở Tài chính; T15 to the merged Sở Thông tin và Truyền thông
      expect(r.figures).toMatchObject({
        total: 12,
        done_on_time: 4,
        done_late: 3,
        open_on_time: 3,
        open_overdue: 2,
      });
      const own = await buildReport(h.db, { ...base, agencyId: f.agencies.ktt, includePredecessors: false });
      expect(own.figures).toMatchObject({ total: 11, done_on_time: 3 });
      const tc = await buildReport(h.db, { ...base, agencyId: f.agencies.tc });
      expect(tc.figures).toMatchObject({
        total: 2,
        open_on_time: 1,
        open_overdue: 1,
        done_on_time: 0,
        done_late: 0,
      });
      expect(tc.figures.onTimeRate).toBe(0);
      await expect(buildReport(h.db, { ...base, agencyId: 999_999 })).rejects.toThrow(
        /Không tìm thấy cơ quan/,
      );
    });

    it('Tháng 9/2021 (15/08–14/09): tasks settled earlier are not repeated', async () => {
      const r = await buildReport(h.db, {
        kind: 'month',
        year: 2021,
        index: 9,
        mode: 'decree09',
        agencyId: null,
        now: closed,
      });
      expect(r.period).toMatchObject({ from: '2021-08-15', to: '2021-09-14' });
      // in: T3 T4 (due in window), T5 T11 (due in window), T6, T7 T8 T12 T18 (open at the end)
      expect(r.figures).toMatchObject({
        total: 9,
        done_on_time: 1,
        done_late: 1,
        open_on_time: 4,
        open_overdue: 3,
      });
    });

    it('calendar quarter window', async () => {
      // 01/07–30/09: T11's completion on 20/09 is inside, so it is done (late: due 01/09)
      const r = await buildReport(h.db, {
        kind: 'quarter',
        year: 2021,
        index: 3,
        mode: 'calendar',
        agencyId: null,
        now: closed,
      });
      expect(r.period).toMatchObject({ from: '2021-07-01', to: '2021-09-30' });
      expect(r.asOf).toBe('2021-09-30');
      // T10 (done 20/06, due 10/06) now falls before the window; T12 (due 30/09) is on time at 30/09;
      // T6 (14/09) and T5 (10/09) are overdue at 30/09.
      expect(r.figures).toMatchObject({
        done_on_time: 4,
        done_late: 3,
        open_on_time: 3,
        open_overdue: 3,
        total: 13,
      });
      expect(r.lists.done_late).toContain(f.t.T11);
      expect(r.lists.done_late).not.toContain(f.t.T10);
    });

    it('a window still running is taken as of today', async () => {
      const r = await buildReport(h.db, {
        kind: 'quarter',
        year: 2021,
        index: 3,
        mode: 'decree09',
        agencyId: null,
        now: new Date('2021-09-01T02:00:00Z'),
      });
      expect(r.asOf).toBe('2021-09-01');
      // same 14 tasks; only T18 (due 14/06) is overdue on 01/09; T11 (due 01/09) is due soon
      expect(r.figures).toMatchObject({ total: 14, open_overdue: 1, open_on_time: 6, due_soon: 1 });
      expect(r.lists.due_soon).toEqual([f.t.T11]);
    });

    it('cuts long lists but keeps complete figures', async () => {
      const r = await buildReport(h.db, {
        kind: 'year',
        year: 2021,
        index: 1,
        mode: 'decree09',
        agencyId: null,
        now: closed,
        limit: 5,
      });
      expect(r.tasks).toHaveLength(5);
      expect(r.truncated).toBe(true);
      expect(r.figures.total).toBeGreaterThan(5);
    });
  });
}
