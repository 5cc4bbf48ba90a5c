import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { horizon, occurrenceDates, planOccurrences, RECURRENCES } from '../src/tasks/recurrence.ts';

describe('recurring task occurrences', () => {
  it('puts monthly occurrences on month ends for 12 months', () => {
    const d = planOccurrences('monthly', '2025-07-10', null);
    expect(d).toHaveLength(12);
    expect(d[0]).toBe('2025-07-31');
    expect(d).toContain('2026-02-28');
    expect(d.at(-1)).toBe('2026-06-30');
  });
  it('aligns quarters and halves to the calendar year', () => {
    expect(planOccurrences('quarterly', '2025-07-10', null)).toEqual([
      '2025-09-30',
      '2025-12-31',
      '2026-03-31',
      '2026-06-30',
    ]);
    expect(planOccurrences('half-yearly', '2025-01-02', null)).toEqual(['2025-06-30', '2025-12-31']);
    expect(planOccurrences('yearly', '2025-12-31', null)).toEqual(['2025-12-31', '2026-12-31']);
  });
  it('skips weekends for daily duties and uses Fridays for weekly ones', () => {
    expect(planOccurrences('daily', '2025-07-10', '2025-07-20')).toEqual([
      '2025-07-10',
      '2025-07-11',
      '2025-07-14',
      '2025-07-15',
      '2025-07-16',
      '2025-07-17',
      '2025-07-18',
    ]);
    expect(planOccurrences('weekly', '2025-07-10', '2025-08-01')).toEqual([
      '2025-07-11',
      '2025-07-18',
      '2025-07-25',
      '2025-08-01',
    ]);
  });
  it('stops at the parent due date', () => {
    expect(planOccurrences('monthly', '2025-07-10', '2025-09-15')).toEqual(['2025-07-31', '2025-08-31']);
    expect(planOccurrences('monthly', '2025-07-10', '2025-07-01')).toEqual([]);
  });
  it('yields ascending, distinct dates within [from, horizon] (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECURRENCES), fc.integer({ min: 0, max: 3000 }), (rec, n) => {
        const from = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const h = horizon(rec, from);
        const d = occurrenceDates(rec, from, h);
        expect(d.length).toBeGreaterThan(0);
        for (let i = 0; i < d.length; i++) {
          expect((d[i] as string) >= from && (d[i] as string) <= h).toBe(true);
          if (i > 0) expect((d[i - 1] as string) < (d[i] as string)).toBe(true);
        }
      }),
    );
  });
});
