// A line's columns and markup (src/text/layout.ts): the same as the regex split they replace.
import { describe, expect, it } from 'vitest';
import { isPlain, leftColumn, rightColumn, withoutMarkup } from '../src/text/layout.ts';

const split = (s: string) => s.split(/\s{3,}/);
const SAMPLES = [
  '',
  'Nơi nhận:',
  'Nơi nhận:      KT. CHÁNH VĂN PHÒNG',
  '- Như trên;   \t  PHÓ CHÁNH VĂN PHÒNG   ',
  '   UBND TỈNH',
  'a  b   c\u00a0\u3000\u2000d',
  '     ',
  '*SỞ Y TẾ*   # CỘNG HÒA',
];

describe('columns', () => {
  it('reads the first and the last piece of the split', () => {
    for (const s of SAMPLES) {
      const parts = split(s);
      expect(leftColumn(s)).toBe(parts[0]);
      expect(rightColumn(s)).toBe(parts[parts.length - 1]);
    }
  });

  it('removes the markup marks', () => {
    for (const s of SAMPLES) expect(withoutMarkup(s)).toBe(s.replace(/[*#]/g, ''));
  });

  it('calls plain a line that is its own column, without markup', () => {
    for (const s of SAMPLES)
      if (isPlain(s)) {
        expect(leftColumn(s)).toBe(s);
        expect(rightColumn(s)).toBe(s);
        expect(withoutMarkup(s)).toBe(s);
      }
    expect(isPlain('Nơi nhận:')).toBe(true);
    expect(isPlain('*SỞ Y TẾ*')).toBe(false);
  });
});
