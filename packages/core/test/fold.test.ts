// Folding keys (src/text/fold.ts): tone placement and lost diacritics must not matter
// when comparing names (CONTRACT, "Agencies": hoà = hòa, uỷ = ủy).
import { describe, expect, it } from 'vitest';
import {
  asciiKey,
  containsAny,
  execAtWordStart,
  foldLines,
  foldSpaces,
  indexAfter,
  isSpace,
  lowerCase,
  squash,
  toneKey,
} from '../src/text/fold.ts';

describe('squash', () => {
  it('folds whitespace and composes to NFC', () => {
    // "Số: 312 /TB-VP" as OCR prints it, with a decomposed "ố" and a tab.
    const decomposed = 'So\u0302\u0301:\t312  /TB-VP \n';
    expect(squash(decomposed)).toBe('Số: 312 /TB-VP');
    expect(squash(decomposed)).toBe(squash(decomposed).normalize('NFC'));
  });

  it('keeps an empty string empty', () => {
    expect(squash(' \n\t ')).toBe('');
  });
});

describe('toneKey', () => {
  it('makes the old and the new tone placement one: hoà = hòa, uỷ = ủy', () => {
    expect(toneKey('hoà')).toBe(toneKey('hòa'));
    expect(toneKey('Uỷ ban nhân dân')).toBe(toneKey('Ủy ban nhân dân'));
    expect(toneKey('Thanh Hoá')).toBe(toneKey('Thanh Hóa'));
    expect(toneKey('thuỷ lợi')).toBe(toneKey('thủy lợi'));
  });

  it('is lower case and folds whitespace', () => {
    expect(toneKey('  Sở  Khoa học và   Công nghệ ')).toBe(toneKey('sở khoa học và công nghệ'));
    expect(toneKey('Sở Y tế')).toBe(toneKey('sở y tế'));
  });

  it('keeps different tones and different letters apart', () => {
    // "Hòa Bình" and "Hóa" are different words; so are "Nam Định" and "Nam Đinh".
    expect(toneKey('hòa')).not.toBe(toneKey('hóa'));
    expect(toneKey('Nam Định')).not.toBe(toneKey('Nam Đinh'));
    expect(toneKey('Sở Nội vụ')).not.toBe(toneKey('Sở Nội vũ'));
  });
});

describe('asciiKey', () => {
  it('forgives lost diacritics: "Vinh Phúc, ngày tháng 12 năm 2020" names Vĩnh Phúc', () => {
    expect(asciiKey('Vinh Phúc')).toBe(asciiKey('Vĩnh Phúc'));
    expect(asciiKey('Vĩnh Phúc')).toBe('vinh phuc');
  });

  it('maps đ/Đ to d and drops punctuation', () => {
    expect(asciiKey('Đắk Lắk')).toBe('dak lak');
    expect(asciiKey('Bà Rịa - Vũng Tàu')).toBe('ba ria vung tau');
    expect(asciiKey('TP.HCM')).toBe('tp hcm');
  });

  it('keeps digits and separates words', () => {
    expect(asciiKey('Số: 312 /TB-VP')).toBe('so 312 tb vp');
  });
});

describe('asciiKey outside the NFC-stable ranges', () => {
  it('normalises decomposed marks and keeps other scripts as separators', () => {
    expect(asciiKey('Vi\u0303nh Phu\u0301c')).toBe('vinh phuc');
    expect(asciiKey('Sở Ωmega – Тест 12')).toBe('so mega 12');
    expect(asciiKey('\u212Bngstr\u00f6m')).toBe('angstrom');
  });
});

describe('scanning helpers give what the slower forms give', () => {
  it('foldSpaces returns a folded string as it is and folds any other whitespace', () => {
    for (const s of ['Sở Tài chính', ' Sở  Tài\tchính ', 'a\u00a0b', 'a\u2028b', '', ' ', 'x\n'])
      expect(foldSpaces(s)).toBe(s.replace(/\s+/g, ' ').trim());
  });

  it('foldLines folds as foldSpaces does, line breaks or not', () => {
    const texts = [
      'Sở Tài chính',
      'Sở Tài\nchính ',
      'a\r\n b',
      'a\u3000b\n',
      '\ufeffx',
      'x\u2000 y',
      'a\n',
      '\n',
      '',
    ];
    for (const s of texts) expect(foldLines(s)).toBe(foldSpaces(s));
  });

  it('execAtWordStart moves past a refused match a whole character on: a capital outside the BMP after a letter', () => {
    // Resumed from the middle of the pair, a search with the flag u finds the pair again.
    const re = /(?=\p{Lu})/gu;
    re.lastIndex = 0;
    expect(execAtWordStart(re, 'a\u{1D400} Sở')?.index).toBe(4);
    expect(indexAfter('a\u{1D400}', 1)).toBe(3);
    expect(indexAfter('a\ud835', 1)).toBe(2);
    expect(indexAfter('ab', 0)).toBe(1);
  });

  it('execAtWordStart reads surrogates as the lookbehind does (a lone one is no letter)', () => {
    const texts = ['ông An', 'bông An, ông Ba', 'a\udc00ông', '\ud835\udc00ông', 'x\ud800ông', 'Ông ông'];
    for (const t of texts) {
      const re = /ông/gu;
      re.lastIndex = 0;
      expect(execAtWordStart(re, t)?.index).toBe(/(?<![\p{L}])ông/u.exec(t)?.index);
    }
  });

  it('execAtWordStart matches only where no letter precedes, like (?<![\\p{L}])', () => {
    const text = 'hạn chót: xong trước ngày 5/6; ngoài hạn, thời hạn là 10 ngày, 𝐀hạn';
    const slow = /(?<![\p{L}])hạn/gu;
    const fast = /hạn/gu;
    const a = [...text.matchAll(slow)].map((m) => m.index);
    const b: number[] = [];
    for (let m = execAtWordStart(fast, text); m; m = execAtWordStart(fast, text)) b.push(m.index);
    expect(b).toEqual(a);
    expect(b.length).toBe(3);
  });

  it('lowerCase remembers recent strings and still lower-cases each', () => {
    for (const s of ['Giao Sở', 'ĐỀ NGHỊ', 'Giao Sở', 'Yêu Cầu']) expect(lowerCase(s)).toBe(s.toLowerCase());
  });
});

describe('isSpace', () => {
  it('holds for exactly the codes that \\s matches', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpace(c)).toBe(/\s/u.test(String.fromCharCode(c)));
    expect(isSpace(Number.NaN)).toBe(false);
  });
});

describe('containsAny', () => {
  it('tells whether any word occurs, as includes would', () => {
    const has = containsAny(['giao', 'đề nghị', ' với ']);
    expect(has('sở tài chính phối hợp với công an')).toBe(true);
    expect(has('đề nghị sở')).toBe(true);
    expect(has('bàn giao')).toBe(true);
    // The rare letter alone is not enough: "ới" without the rest of the word.
    expect(has('mới triển khai, tới đây')).toBe(false);
    expect(has('đề xuất')).toBe(false);
    expect(has('')).toBe(false);
  });
});
