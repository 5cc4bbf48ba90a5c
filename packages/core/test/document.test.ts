// Lines with offsets (src/document.ts), which every parser reads and every span points into.
import { describe, expect, it } from 'vitest';
import { spanIn, toDoc } from '../src/document.ts';

describe('toDoc', () => {
  const text = '\n  Số: 312 /TB-VP\n\nKiên Giang, ngày 18 tháng 5 năm 2021\nTHÔNG BÁO\n';
  const doc = toDoc(text);

  it('keeps non-blank lines, trimmed, with their offsets in the text', () => {
    expect(doc.text).toBe(text);
    expect(doc.lines.map((l) => l.text)).toEqual([
      'Số: 312 /TB-VP',
      'Kiên Giang, ngày 18 tháng 5 năm 2021',
      'THÔNG BÁO',
    ]);
    for (const l of doc.lines) expect(text.slice(l.start, l.end)).toBe(l.text);
    expect(doc.lines.map((l) => l.index)).toEqual([0, 1, 2]);
  });

  it('marks the lines that open a block (after a blank line, or the first)', () => {
    expect(doc.lines.map((l) => l.opensBlock)).toEqual([true, true, false]);
  });

  it('trims what String.prototype.trim trims, offsets still pointing at the text', () => {
    const odd = '\u3000\u00a0 Giao Sở Tài chính\u2009\t\nx';
    const [first, second] = toDoc(odd).lines;
    expect(first?.text).toBe('Giao Sở Tài chính');
    expect(odd.slice(first?.start, first?.end)).toBe(first?.text);
    expect(second).toMatchObject({ text: 'x', start: odd.length - 1, opensBlock: false });
  });

  it('an empty text has no lines', () => {
    expect(toDoc('').lines).toEqual([]);
    expect(toDoc('\n \n\t\n').lines).toEqual([]);
  });
});

describe('spanIn', () => {
  it('turns an offset inside a line into a span of the text', () => {
    const text = 'THÔNG BÁO\n   Số: 312 /TB-VP';
    const line = toDoc(text).lines[1] as ReturnType<typeof toDoc>['lines'][number];
    const s = spanIn(line, line.text.indexOf('312'), 3);
    expect(text.slice(s.start, s.end)).toBe('312');
  });
});
