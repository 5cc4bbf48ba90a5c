import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildDigest,
  DEFAULT_REMINDER_SETTINGS,
  daysBetween,
  formatDateVi,
  localDate,
  localDateTime,
  localHour,
  reminderPlan,
  remindersOn,
  sendTimeFor,
} from '../src/reminders/schedule.ts';

const task = (due: string | null, status = 'in_progress') => ({ id: '42', status, due });

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('turns an instant into the Vietnamese calendar date', () => {
    expect(localDate(new Date('2026-03-09T16:59:59Z'))).toBe('2026-03-09');
    expect(localDate(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
    expect(localHour(new Date('2026-03-09T17:00:00Z'))).toBe(0);
    expect(localHour(new Date('2026-03-10T00:30:00Z'))).toBe(7);
    expect(localDateTime('2026-03-10', 7).toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });
  it('counts days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-02-20', '2026-03-02')).toBe(10);
    expect(formatDateVi('2026-03-05')).toBe('05/03/2026');
  });
});

describe('reminder rules', () => {
  it('reminds 7, 3 and 1 days before, on the day, and every 3 days while overdue', () => {
    const plan = reminderPlan(task('2026-03-20'), '2026-03-01', '2026-04-05');
    expect(plan.map((r) => `${r.date} ${r.kind} ${r.daysLeft} ${r.audience}`)).toEqual([
      '2026-03-13 before 7 lead_and_support',
      '2026-03-17 before 3 lead_and_support',
      '2026-03-19 before 1 lead_and_support',
      '2026-03-20 due_today 0 lead',
      '2026-03-21 overdue -1 lead_and_officers',
      '2026-03-24 overdue -4 lead_and_officers',
      '2026-03-27 overdue -7 lead_and_officers',
      '2026-03-30 overdue -10 lead_and_officers',
      '2026-04-02 overdue -13 lead_and_officers',
      '2026-04-05 overdue -16 lead_and_officers',
    ]);
    expect(new Set(plan.map((r) => r.dedupeKey)).size).toBe(plan.length);
  });

  it('follows the settings', () => {
    const s = { ...DEFAULT_REMINDER_SETTINGS, daysBefore: [10, 2], overdueEveryDays: 1 };
    const plan = reminderPlan(task('2026-01-01'), '2025-12-01', '2026-01-03', s);
    expect(plan.map((r) => r.date)).toEqual([
      '2025-12-22',
      '2025-12-30',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
    ]);
  });

  it('does not chase finished, paused, awaiting or deadline-less tasks', () => {
    for (const status of ['done', 'paused', 'awaiting_confirmation']) {
      expect(reminderPlan(task('2026-03-20', status), '2026-03-01', '2026-04-30')).toEqual([]);
    }
    expect(reminderPlan(task(null), '2026-03-01', '2026-04-30')).toEqual([]);
    expect(remindersOn(task('2026-03-20', 'returned'), '2026-03-20')).toHaveLength(1);
    expect(remindersOn(task('2026-03-20', 'not_started'), '2026-03-13')).toHaveLength(1);
  });

  it('announces occurrences of recurring duties only within their own period', () => {
    const occ = (recurrence: string) => ({ id: '9', status: 'not_started', due: '2026-03-20', recurrence });
    const kinds = (recurrence: string) =>
      reminderPlan(occ(recurrence), '2026-03-01', '2026-03-21').map((r) => `${r.kind}${r.daysLeft}`);
    expect(kinds('daily')).toEqual(['due_today0', 'overdue-1']);
    expect(kinds('weekly')).toEqual(['before3', 'before1', 'due_today0', 'overdue-1']);
    expect(kinds('monthly')).toEqual(['before7', 'before3', 'before1', 'due_today0', 'overdue-1']);
  });

  it('holds properties for any deadline and any day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (offset, shift, every) => {
          const due = addDays('2025-01-01', offset);
          const today = addDays(due, shift);
          const s = { ...DEFAULT_REMINDER_SETTINGS, overdueEveryDays: every };
          const rs = remindersOn(task(due), today, s);
          expect(rs.length).toBeLessThanOrEqual(1);
          const r = rs[0];
          if (shift === 0) expect(r?.kind).toBe('due_today');
          if (shift === 1) expect(r?.kind).toBe('overdue');
          if (shift < 0) expect(Boolean(r)).toBe(s.daysBefore.includes(-shift));
          if (shift > 0) expect(Boolean(r)).toBe((shift - 1) % every === 0);
          if (r) expect(r.daysLeft + shift).toBe(0);
        },
      ),
    );
  });

  it('sends at the configured local hour, or now when later', () => {
    const s = DEFAULT_REMINDER_SETTINGS;
    expect(sendTimeFor('2026-03-10', new Date('2026-03-09T18:00:00Z'), s).toISOString()).toBe(
      '2026-03-10T00:00:00.000Z',
    );
    const late = new Date('2026-03-10T05:00:00Z');
    expect(sendTimeFor('2026-03-10', late, s)).toBe(late);
  });
});

describe('leaders digest', () => {
  it('counts the four buckets and lists overdue tasks, most overdue first', () => {
    const today = '2026-03-20';
    const d = buildDigest(
      [
        { id: '1', status: 'done', due: '2026-03-10', completedAt: new Date('2026-03-10T16:00:00Z') }, // 23:00 VN: on time
        { id: '2', status: 'done', due: '2026-03-10', completedAt: new Date('2026-03-10T17:30:00Z') }, // next day VN: late
        { id: '3', status: 'in_progress', due: '2026-03-20', text: 'Hôm nay' },
        {
          id: '4',
          status: 'not_started',
          due: '2026-03-18',
          text: 'Quá 2 ngày',
          leadAgencyName: 'Sở Xây dựng',
        },
        { id: '5', status: 'paused', due: '2026-03-01', text: 'Quá 19 ngày' },
        { id: '6', status: 'in_progress', due: null },
      ],
      today,
    );
    expect(d.counts).toEqual({ done_on_time: 1, done_late: 1, open_on_time: 2, open_overdue: 2 });
    expect(d.total).toBe(6);
    expect(d.overdue.map((o) => [o.taskId, o.daysOverdue])).toEqual([
      ['5', 19],
      ['4', 2],
    ]);
    expect(d.overdue[1]?.leadAgencyName).toBe('Sở Xây dựng');
  });
});
