// isUpperCase (src/text/caps.ts) must agree with s === s.toUpperCase() on every string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUpperCase } from '../src/text/caps.ts';

describe('isUpperCase', () => {
  it('reads lines in capitals and lines that are not', () => {
    expect(isUpperCase('ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM')).toBe(true);
    expect(isUpperCase('KT. CHỦ TỊCH')).toBe(true);
    expect(isUpperCase('Số: 312/TB-VP')).toBe(false);
    expect(isUpperCase('ỦY BAN NHÂN DÂn')).toBe(false);
    expect(isUpperCase('ĐOÀN ĐẠI BIỂU QUỐC HỘI ư')).toBe(false);
    expect(isUpperCase('123 - 456')).toBe(true);
  });

  it('agrees with s === s.toUpperCase() on Vietnamese and on any text', () => {
    const viet = fc.string({
      unit: fc.constantFrom(
        ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBĐÊÔƠƯàáảãạằắẳẵặầấẩẫậÀÁẢÃẠẰẮẲẴẶỲÝỶỸỴỳýỷỹỵ ,.:-ßÿŸǅΣσ\u0301',
      ),
    });
    for (const arb of [viet, fc.string({ unit: 'binary' })])
      fc.assert(
        fc.property(arb, (s) => isUpperCase(s) === (s === s.toUpperCase())),
        { numRuns: 2000 },
      );
  });
});
