import { describe, expect, it } from 'vitest';
import {
  addDays,
  agencyLabel,
  compareVi,
  fold,
  formatDate,
  parseDmy,
  sortAgencies,
  urgencyOf,
} from '../src/format.ts';

describe('dates as users write them (dd/mm/yyyy)', () => {
  it('formats ISO dates, months and timestamps', () => {
    expect(formatDate('2021-05-31')).toBe('31/05/2021');
    expect(formatDate('2020-12')).toBe('12/2020');
    expect(formatDate(null)).toBe('');
    expect(formatDate('không phải ngày')).toBe('không phải ngày');
  });
  it('parses dd/mm/yyyy and refuses dates that do not exist', () => {
    expect(parseDmy('5/3/2025')).toBe('2025-03-05');
    expect(parseDmy(' 31/12/2030 ')).toBe('2030-12-31');
    expect(parseDmy('29/02/2024')).toBe('2024-02-29');
    expect(parseDmy('29/02/2025')).toBeNull();
    expect(parseDmy('31/04/2025')).toBeNull();
    expect(parseDmy('2025-03-05')).toBeNull();
    expect(parseDmy('')).toBeNull();
  });
  it('round-trips through formatDate', () => {
    for (const iso of ['2024-01-01', '2025-02-28', '2030-12-31']) expect(parseDmy(formatDate(iso))).toBe(iso);
  });
  it('adds days across months and years', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('urgency (red overdue, orange within 3 days)', () => {
  const today = '2025-07-10';
  const open = { status: 'in_progress' as const, bucket: 'open_on_time' as const };
  it('marks overdue, due soon, normal, none and done', () => {
    expect(urgencyOf({ ...open, due: '2025-07-09' }, today)).toBe('overdue');
    expect(urgencyOf({ ...open, due: '2025-07-10' }, today)).toBe('soon');
    expect(urgencyOf({ ...open, due: '2025-07-13' }, today)).toBe('soon');
    expect(urgencyOf({ ...open, due: '2025-07-14' }, today)).toBe('normal');
    expect(urgencyOf({ ...open, due: null }, today)).toBe('none');
    expect(urgencyOf({ status: 'done', bucket: 'done_late', due: '2025-01-01' }, today)).toBe('done');
  });
  it('trusts the server when it says overdue', () => {
    expect(urgencyOf({ status: 'returned', bucket: 'open_overdue', due: '2025-07-20' }, today)).toBe(
      'overdue',
    );
  });
});

describe('Vietnamese text', () => {
  it('folds diacritics and đ for search without accents', () => {
    expect(fold('Sở Nội vụ')).toBe('so noi vu');
    expect(fold('ĐÔN ĐỐC')).toBe('don doc');
  });
  it('sorts agencies with the Vietnamese collation', () => {
    const names = sortAgencies([
      { name: 'Sở Y tế' },
      { name: 'Ban Dân tộc' },
      { name: 'Sở Ngoại vụ' },
      { name: 'Công an tỉnh' },
    ]).map((a) => a.name);
    expect(names).toEqual(['Ban Dân tộc', 'Công an tỉnh', 'Sở Ngoại vụ', 'Sở Y tế']);
    expect(compareVi('Đà Nẵng', 'Dak Lak')).toBeGreaterThan(0);
  });
  it('labels same-named agencies with their province', () => {
    expect(agencyLabel({ name: 'Công an tỉnh', province: 'An Giang' })).toBe('Công an tỉnh (An Giang)');
    expect(agencyLabel({ name: 'Sở Nội vụ tỉnh An Giang', province: 'An Giang' })).toBe(
      'Sở Nội vụ tỉnh An Giang',
    );
    expect(agencyLabel({ name: 'Sở Nội vụ' })).toBe('Sở Nội vụ');
  });
});
