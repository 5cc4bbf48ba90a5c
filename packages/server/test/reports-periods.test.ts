import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInMonth,
  formatDateVi,
  isValidIsoDate,
  monthsBetween,
  PeriodError,
  periodContaining,
  periodLabel,
  reportPeriod,
  todayInVietnam,
} from '../src/reports/periods.ts';

describe('Decree 09/2019 Art. 12 cut-off windows', () => {
  it('monthly: 15th of previous month to 14th of the month', () => {
    expect(reportPeriod('month', 2021, 5)).toMatchObject({
      from: '2021-04-15',
      to: '2021-05-14',
      label: 'Tháng 5/2021',
    });
    // January crosses the year boundary
    expect(reportPeriod('month', 2021, 1)).toMatchObject({ from: '2020-12-15', to: '2021-01-14' });
    expect(reportPeriod('month', 2021, 12)).toMatchObject({ from: '2021-11-15', to: '2021-12-14' });
    // March in a leap year still starts on 15 February (the cut-off ignores month length)
    expect(reportPeriod('month', 2024, 3)).toMatchObject({ from: '2024-02-15', to: '2024-03-14' });
  });

  it('quarterly', () => {
    expect(reportPeriod('quarter', 2021, 1)).toMatchObject({
      from: '2020-12-15',
      to: '2021-03-14',
      label: 'Quý I/2021',
    });
    expect(reportPeriod('quarter', 2021, 2)).toMatchObject({
      from: '2021-03-15',
      to: '2021-06-14',
      label: 'Quý II/2021',
    });
    expect(reportPeriod('quarter', 2021, 3)).toMatchObject({
      from: '2021-06-15',
      to: '2021-09-14',
      label: 'Quý III/2021',
    });
    expect(reportPeriod('quarter', 2021, 4)).toMatchObject({
      from: '2021-09-15',
      to: '2021-12-14',
      label: 'Quý IV/2021',
    });
  });

  it('6 months, 9 months, year', () => {
    expect(reportPeriod('half', 2021, 1)).toMatchObject({
      from: '2020-12-15',
      to: '2021-06-14',
      label: '6 tháng đầu năm 2021',
    });
    expect(reportPeriod('half', 2021, 2)).toMatchObject({
      from: '2021-06-15',
      to: '2021-12-14',
      label: '6 tháng cuối năm 2021',
    });
    expect(reportPeriod('nine-months', 2021)).toMatchObject({
      from: '2020-12-15',
      to: '2021-09-14',
      label: '9 tháng năm 2021',
    });
    expect(reportPeriod('year', 2021)).toMatchObject({
      from: '2020-12-15',
      to: '2021-12-14',
      label: 'Năm 2021',
    });
  });

  it('consecutive monthly windows tile the year with no gap and no overlap', () => {
    for (const year of [2020, 2023, 2024, 2100]) {
      let expectedFrom = `${year - 1}-12-15`;
      for (let m = 1; m <= 12; m++) {
        const p = reportPeriod('month', year, m);
        expect(p.from).toBe(expectedFrom);
        expectedFrom = addDays(p.to, 1);
      }
      expect(expectedFrom).toBe(reportPeriod('year', year + 1).from);
    }
  });
});

describe('calendar windows', () => {
  it('uses whole months, leap years included', () => {
    expect(reportPeriod('month', 2024, 2, 'calendar')).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(reportPeriod('month', 2023, 2, 'calendar')).toMatchObject({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(reportPeriod('month', 2000, 2, 'calendar').to).toBe('2000-02-29');
    expect(reportPeriod('month', 2100, 2, 'calendar').to).toBe('2100-02-28');
    expect(reportPeriod('quarter', 2021, 3, 'calendar')).toMatchObject({
      from: '2021-07-01',
      to: '2021-09-30',
    });
    expect(reportPeriod('half', 2021, 2, 'calendar')).toMatchObject({ from: '2021-07-01', to: '2021-12-31' });
    expect(reportPeriod('nine-months', 2021, 1, 'calendar')).toMatchObject({
      from: '2021-01-01',
      to: '2021-09-30',
    });
    expect(reportPeriod('year', 2021, 1, 'calendar')).toMatchObject({ from: '2021-01-01', to: '2021-12-31' });
  });
});

describe('periodContaining', () => {
  it('a day from the 15th on belongs to the next period under Decree 09', () => {
    expect(periodContaining('month', '2021-12-20').label).toBe('Tháng 1/2022');
    expect(periodContaining('year', '2021-12-20').label).toBe('Năm 2022');
    expect(periodContaining('month', '2021-12-14').label).toBe('Tháng 12/2021');
    expect(periodContaining('quarter', '2021-03-15').label).toBe('Quý II/2021');
    expect(periodContaining('quarter', '2021-03-14').label).toBe('Quý I/2021');
    expect(periodContaining('half', '2021-06-15').label).toBe('6 tháng cuối năm 2021');
    expect(periodContaining('month', '2021-12-20', 'calendar').label).toBe('Tháng 12/2021');
  });

  it('every day of several years lies inside the month window that contains it', () => {
    let day = '2019-12-01';
    while (day < '2025-01-31') {
      for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
        for (const mode of ['decree09', 'calendar'] as const) {
          const p = periodContaining(kind, day, mode);
          expect(p.from <= day && day <= p.to, `${kind} ${mode} ${day} in ${p.from}..${p.to}`).toBe(true);
        }
      }
      day = addDays(day, 1);
    }
  });
});

describe('validation and helpers', () => {
  it('rejects bad input with Vietnamese messages', () => {
    expect(() => reportPeriod('quarter', 2021, 5)).toThrow(PeriodError);
    expect(() => reportPeriod('quarter', 2021, 5)).toThrow(/từ 1 đến 4/);
    expect(() => reportPeriod('month', 2021, 0)).toThrow(/từ 1 đến 12/);
    expect(() => reportPeriod('year', 2021, 2)).toThrow(/index phải là 1/);
    expect(() => reportPeriod('year', 20211)).toThrow(/Năm báo cáo không hợp lệ/);
    expect(() => reportPeriod('month', 2021.5, 1)).toThrow(PeriodError);
    expect(() => periodContaining('month', '2021-02-29')).toThrow(/không tồn tại/);
    expect(() => periodContaining('month', '21-2-3')).toThrow(/định dạng/);
  });

  it('labels, dates', () => {
    expect(periodLabel('quarter', 2021, 4)).toBe('Quý IV/2021');
    expect(formatDateVi('2021-05-07')).toBe('07/05/2021');
    expect(formatDateVi('2021-05-07T10:00:00Z')).toBe('07/05/2021');
    expect(formatDateVi(null)).toBe('');
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(monthsBetween('2020-12-15', '2021-03-14')).toEqual(['2020-12', '2021-01', '2021-02', '2021-03']);
    // 17:30 UTC on 31 Dec is already 1 Jan in Vietnam
    expect(todayInVietnam(new Date('2021-12-31T17:30:00Z'))).toBe('2022-01-01');
    expect(todayInVietnam(new Date('2021-12-31T16:59:00Z'))).toBe('2021-12-31');
  });
});
