/**
 * GET /api/tasks after the million-task work (ids first, window count for bounded sets,
 * capped count with an estimate above the cap): every filter's pages, walked to the end, give
 * exactly the rows and order the definition gives (classify() in JS), `total` is exact below
 * the cap, and above it `totalExact` is false with a total no lower than the cap.
 */
import { describe, expect, it } from 'vitest';
import { classify, vietnamDate } from '../src/tasks/buckets.ts';
import { listTasks } from '../src/tasks/service.ts';
import { backends, createAgency, loginAs, setupTestApp } from './support/app.ts';

// The HTTP list reads "today" from the clock.
const ASOF = vietnamDate();
const STATUSES = [
  'not_started',
  'in_progress',
  'done',
  'returned',
  'paused',
  'awaiting_confirmation',
] as const;

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

interface Row {
  id: number;
  due: string | null;
  status: (typeof STATUSES)[number];
  completedAt: Date | null;
  agencies: number[];
}

describe.each(backends())('task list pages ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('walks every filter to the end with the same rows and totals as the definition', async () => {
    const a = await createAgency(t.db, {});
    const b = await createAgency(t.db, {});
    const doc = await t.db
      .insertInto('documents')
      .values({
        status: 'published',
        file_name: 'tb.txt',
        format: 'txt',
        content_hash: `pages-${Math.random()}`,
        text: 'Thông báo kết luận',
        record: JSON.stringify({}),
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows: Row[] = [];
    for (let i = 0; i < 73; i++) {
      const status = STATUSES[(i * 5) % STATUSES.length] as Row['status'];
      // Many equal deadlines, so the id tie-break decides the order across pages.
      const due = i % 9 === 0 ? null : addDays(ASOF, (i % 13) - 6);
      const completedAt =
        status === 'done' ? new Date(`${addDays(due ?? ASOF, (i % 3) - 1)}T03:00:00Z`) : null;
      const lead = i % 2 === 0 ? a.id : b.id;
      const task = await t.db
        .insertInto('tasks')
        .values({
          document_id: doc.id,
          ref: String(i + 1),
          text: i % 4 === 0 ? `Chuyển đổi số nhiệm vụ ${i}` : `Cải cách hành chính nhiệm vụ ${i}`,
          lead_agency_id: lead,
          due,
          original_due: due,
          status,
          completed_at: completedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const agencies = [lead];
      await t.db
        .insertInto('task_agencies')
        .values({ task_id: task.id, agency_id: lead, role: 'lead' })
        .execute();
      if (i % 3 === 0) {
        const support = lead === a.id ? b.id : a.id;
        agencies.push(support);
        await t.db
          .insertInto('task_agencies')
          .values({ task_id: task.id, agency_id: support, role: 'support' })
          .execute();
      }
      rows.push({ id: task.id, due, status, completedAt, agencies });
    }

    const officer = await loginAs(t, 'officer');
    const agencyOfficer = await loginAs(t, 'agency', { agencyId: b.id });
    const byDue = (x: Row, y: Row) =>
      x.due === y.due ? x.id - y.id : x.due === null ? 1 : y.due === null ? -1 : x.due < y.due ? -1 : 1;
    const byDueDesc = (x: Row, y: Row) =>
      x.due === y.due ? y.id - x.id : x.due === null ? 1 : y.due === null ? -1 : x.due > y.due ? -1 : 1;
    const cls = (r: Row) => classify({ status: r.status, due: r.due, completedAt: r.completedAt }, ASOF, 7);
    const cases: Array<{ url: string; who: typeof officer; expected: Row[] }> = [
      { url: '', who: officer, expected: [...rows].sort(byDue) },
      {
        url: 'status=in_progress,returned',
        who: officer,
        expected: rows.filter((r) => r.status === 'in_progress' || r.status === 'returned').sort(byDue),
      },
      {
        url: 'bucket=open_overdue',
        who: officer,
        expected: rows.filter((r) => cls(r).bucket === 'open_overdue').sort(byDue),
      },
      {
        url: 'bucket=due_soon&sort=-due',
        who: officer,
        expected: rows.filter((r) => cls(r).dueSoon).sort(byDueDesc),
      },
      {
        url: `agencyId=${a.id}&bucket=open_on_time`,
        who: officer,
        expected: rows
          .filter((r) => r.agencies.includes(a.id) && cls(r).bucket === 'open_on_time')
          .sort(byDue),
      },
      {
        url: `dueFrom=${addDays(ASOF, -2)}&dueTo=${addDays(ASOF, 3)}&sort=-due`,
        who: officer,
        expected: rows
          .filter((r) => r.due !== null && r.due >= addDays(ASOF, -2) && r.due <= addDays(ASOF, 3))
          .sort(byDueDesc),
      },
      {
        url: 'q=chuyen doi so',
        who: officer,
        expected: rows.filter((_r, i) => i % 4 === 0).sort(byDue),
      },
      { url: '', who: agencyOfficer, expected: rows.filter((r) => r.agencies.includes(b.id)).sort(byDue) },
    ];
    for (const c of cases) {
      expect(c.expected.length).toBeGreaterThan(0);
      const seen: number[] = [];
      for (let page = 1; page <= 20; page++) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/tasks?${c.url}&pageSize=7&page=${page}`,
          headers: c.who.headers,
        });
        expect(res.statusCode, c.url).toBe(200);
        const body = res.json() as { items: Array<{ id: number }>; total: number; totalExact: boolean };
        expect(body.total, `${c.url} page ${page}`).toBe(c.expected.length);
        expect(body.totalExact).toBe(true);
        if (body.items.length === 0) break;
        seen.push(...body.items.map((i) => i.id));
      }
      expect(seen, c.url).toEqual(c.expected.map((r) => r.id));
    }

    // Above the cap the count stops early: totalExact false, total at least the cap + 1.
    const user = officer.user;
    const capped = await listTasks(t.db, user, { page: 1, pageSize: 5, countCap: 10, asOf: ASOF });
    expect(capped.totalExact).toBe(false);
    expect(capped.total).toBeGreaterThanOrEqual(11);
    expect(capped.items.map((i) => i.id)).toEqual(
      [...rows]
        .sort(byDue)
        .slice(0, 5)
        .map((r) => r.id),
    );
    // A short page is counted exactly whatever the cap.
    const short = await listTasks(t.db, user, { page: 3, pageSize: 30, countCap: 10, asOf: ASOF });
    expect(short).toMatchObject({ total: 73, totalExact: true });
    expect(short.items).toHaveLength(13);
    // Below the cap: exact.
    const exact = await listTasks(t.db, user, { page: 2, pageSize: 5, countCap: 100, asOf: ASOF });
    expect(exact).toMatchObject({ total: 73, totalExact: true });
  });
});
