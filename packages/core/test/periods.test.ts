// Time expressions of deadlines (src/deadlines/periods.ts): the last day of the period
// (CONTRACT, Deadlines: "tháng 5/2021" → 2021-05-31, "quý III/2021" → 2021-09-30).
import { describe, expect, it } from 'vitest';
import { parsePeriodAt } from '../src/deadlines/periods.ts';

const doc = { y: 2021, m: 5, d: 18 };
const due = (s: string, ctx: { y: number; m: number; d: number } | null = doc) =>
  parsePeriodAt(s, ctx)?.due ?? null;

describe('parsePeriodAt', () => {
  it('a full date, with or without "ngày" and an hour', () => {
    expect(parsePeriodAt('ngày 10/12/2022.', doc)).toEqual({
      due: '2022-12-10',
      length: 'ngày 10/12/2022'.length,
      day: true,
      inferredYear: false,
    });
    expect(due('17h00 ngày 05/9/2025')).toBe('2025-09-05');
    expect(due('16 giờ ngày 24/9/2025')).toBe('2025-09-24');
    expect(due('ngày 10 tháng 12 năm 2022')).toBe('2022-12-10');
  });

  it('a day and month without year take the document year, or the next one when past', () => {
    const p = parsePeriodAt('ngày 30/6 để tổng hợp', doc);
    expect(p).toMatchObject({ due: '2021-06-30', day: true, inferredYear: true });
    // "trước ngày 05/01" in a notice of 18/5/2021 is January 2022.
    expect(due('ngày 05/01 để')).toBe('2022-01-05');
    // Without the document's date the year cannot be known.
    expect(due('ngày 30/6 để', null)).toBeNull();
  });

  it('a month: "tháng 5/2021", "tháng 6 năm 2021", "cuối tháng 11/2022", "tháng 12" (year inferred)', () => {
    expect(parsePeriodAt('tháng 5/2021).', doc)).toEqual({
      due: '2021-05-31',
      length: 'tháng 5/2021'.length,
      day: false,
      inferredYear: false,
    });
    expect(due('tháng 6 năm 2021')).toBe('2021-06-30');
    expect(due('cuối tháng 11/2022')).toBe('2022-11-30');
    expect(due('tháng 2/2024')).toBe('2024-02-29');
    expect(parsePeriodAt('tháng 12', doc)).toMatchObject({ due: '2021-12-31', inferredYear: true });
    expect(due('tháng 3')).toBe('2022-03-31');
    expect(due('tháng 13/2021')).toBeNull();
  });

  it('a quarter: "quý III/2021", "quý IV năm 2025", "quý 3 năm 2021", "cuối quý I"', () => {
    expect(due('quý III/2021).')).toBe('2021-09-30');
    expect(due('quý IV năm 2025')).toBe('2025-12-31');
    expect(due('quý 3 năm 2021')).toBe('2021-09-30');
    expect(due('quý I/2026')).toBe('2026-03-31');
    expect(due('cuối quý II')).toBe('2021-06-30');
    // Quarter I already ended in May 2021: the next one.
    expect(due('quý I')).toBe('2022-03-31');
  });

  it('part of a year: "6 tháng đầu năm 2021", "6 tháng cuối năm 2025", "9 tháng năm 2021"', () => {
    expect(due('6 tháng đầu năm 2021')).toBe('2021-06-30');
    expect(due('6 tháng cuối năm 2025')).toBe('2025-12-31');
    expect(due('9 tháng năm 2021')).toBe('2021-09-30');
    expect(due('nửa đầu năm 2024')).toBe('2024-06-30');
  });

  it('a year: "năm 2021", "cuối năm 2023", "cuối năm" (the document year); not "năm" alone', () => {
    expect(due('năm 2021')).toBe('2021-12-31');
    expect(due('cuối năm 2023')).toBe('2023-12-31');
    expect(due('cuối năm')).toBe('2021-12-31');
    expect(due('năm nay')).toBeNull();
  });

  it('a range of years is a stage, not a deadline: "năm 2021-2025"', () => {
    expect(due('năm 2021-2025')).toBeNull();
    expect(due('năm 2021 - 2025')).toBeNull();
  });

  it('no period at other words', () => {
    expect(due('Quyết định số 468/QĐ-TTg')).toBeNull();
    expect(due('giai đoạn 2021-2025')).toBeNull();
    expect(due('31/02/2022')).toBeNull();
  });
});

describe('regressions', () => {
  // Regression (was a bug, fixed in 1c8412c): DAY_MONTH rejects a day/month followed by "." (the lookahead [\d/.-] is meant for
  // "24/9/2025"), so a deadline at the end of a sentence is lost (s29).
  it('"17 giờ ngày 24/9." at the end of a sentence is 24 September', () => {
    expect(due('17 giờ ngày 24/9.', { y: 2025, m: 9, d: 23 })).toBe('2025-09-24');
  });
});
