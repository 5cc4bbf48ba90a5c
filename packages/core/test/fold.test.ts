// Folding keys (src/text/fold.ts): tone placement and lost diacritics must not matter
// when comparing names (CONTRACT, "Agencies": hoà = hòa, uỷ = ủy).
import { describe, expect, it } from 'vitest';
import { asciiKey, squash, toneKey } from '../src/text/fold.ts';

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
