// Calendar helpers (src/dates.ts).
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  daysInMonth,
  fullYear,
  iso,
  isValidYMD,
  lastDayOfMonth,
  parseDateAt,
  parseIso,
} from '../src/dates.ts';

describe('calendar', () => {
  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(lastDayOfMonth(2021, 9)).toBe('2021-09-30');
    expect(lastDayOfMonth(2021, 12)).toBe('2021-12-31');
  });

  it('validates dates and keeps years in a plausible range', () => {
    expect(isValidYMD(2021, 2, 29)).toBe(false);
    expect(isValidYMD(2024, 2, 29)).toBe(true);
    expect(isValidYMD(2021, 13, 1)).toBe(false);
    expect(isValidYMD(2021, 4, 31)).toBe(false);
    expect(isValidYMD(1900, 1, 1)).toBe(false);
    expect(iso(2021, 5, 1)).toBe('2021-05-01');
  });

  it('reads two-digit stamp years as this century: "Ngày: 9/2/18"', () => {
    expect(fullYear(18)).toBe(2018);
    expect(fullYear(2018)).toBe(2018);
  });

  it('parses ISO dates and months', () => {
    expect(parseIso('2021-05-18')).toEqual({ y: 2021, m: 5, d: 18 });
    expect(parseIso('2020-12')).toEqual({ y: 2020, m: 12, d: 1 });
    expect(parseIso(null)).toBeNull();
    expect(parseIso('18/5/2021')).toBeNull();
  });

  it('adds calendar days across months and years', () => {
    // "trong 15 ngày kể từ ngày ký" on a notice of 18/5/2021.
    expect(addDays({ y: 2021, m: 5, d: 18 }, 15)).toBe('2021-06-02');
    expect(addDays({ y: 2025, m: 12, d: 25 }, 10)).toBe('2026-01-04');
    expect(addDays({ y: 2021, m: 3, d: 1 }, -1)).toBe('2021-02-28');
  });

  it('adds working days, skipping Saturdays and Sundays', () => {
    // Friday 5 September 2025 + 1 working day = Monday 8 September.
    expect(addWorkingDays({ y: 2025, m: 9, d: 5 }, 1)).toBe('2025-09-08');
    // Wednesday 3 September 2025 + 5 working days = Wednesday 10 September.
    expect(addWorkingDays({ y: 2025, m: 9, d: 3 }, 5)).toBe('2025-09-10');
    expect(addWorkingDays({ y: 2025, m: 9, d: 3 }, 0)).toBe('2025-09-03');
  });
});

describe('parseDateAt', () => {
  it('numeric forms: "27/3/2021", "06-5-2021", "30.9.2014", two-digit years', () => {
    expect(parseDateAt('27/3/2021 của Thủ tướng')).toEqual({ date: '2021-03-27', length: 9 });
    expect(parseDateAt('06-5-2021')?.date).toBe('2021-05-06');
    expect(parseDateAt('30.9.2014')?.date).toBe('2014-09-30');
    expect(parseDateAt('9/2/18')?.date).toBe('2018-02-09');
  });

  it('words: "ngày 11 tháng 5 năm 2021", "18 tháng 5 năm 2021"', () => {
    expect(parseDateAt('ngày 11 tháng 5 năm 2021, tại Văn phòng')).toEqual({
      date: '2021-05-11',
      length: 24,
    });
    expect(parseDateAt('18 tháng 5 năm 2021')?.date).toBe('2021-05-18');
  });

  it('only at the start, and only real dates', () => {
    expect(parseDateAt('Ngày 25/12/2020')).toBeNull();
    expect(parseDateAt('31/02/2022')).toBeNull();
    expect(parseDateAt('5/2021')).toBeNull();
    expect(parseDateAt('27/3/20210')).toBeNull();
  });
});
