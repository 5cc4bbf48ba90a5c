// OCR that lost its diacritics (src/text/accents.ts): parsers read a view with the marks put
// back on the words of administrative writing; same length and offsets as the text (s08).
import { describe, expect, it } from 'vitest';
import { lostDiacritics, newTonePlacement, restoreDiacritics } from '../src/text/accents.ts';
import { toneKey } from '../src/text/fold.ts';

// s08 (Thanh Hóa), as its OCR printed it.
const S08_BODY =
  'Nam 2020, theo du bao cua Trung tam Du bao khi tuong thuy van quoc gia, mua mua bao co kha nang xuat hien som, dien bien phuc tap. Cac cap, cac nganh khong duoc chu quan, lo la trong cong tac phong, chong thien tai.';
const S08 = [
  'UY BAN NHAN DAN TINH THANH HOA',
  'So: 97 /TB-VP',
  'Thanh Hoa, ngay 24 thang 4 nam 2020',
  'THONG BAO',
  S08_BODY,
  '2. Giao So Nong nghiep va PTNT:',
  '3. So Xay dung chu tri huong dan cac dia phuong ra soat, gia co nha o.',
  '6. Bo Chi huy Quan su tinh xay dung ke hoach huy dong luc luong, phuong tien.',
  '- Chu tri, phoi hop voi cac don vi lien quan kiem tra hien trang de dieu; hoan thanh truoc ngay 15/5/2020.',
].join('\n');

describe('lostDiacritics', () => {
  it('true for s08, false for a seed paragraph and for short texts', () => {
    expect(lostDiacritics(S08)).toBe(true);
    const seed =
      'Ngày 11 tháng 5 năm 2021, tại Văn phòng Ủy ban nhân dân tỉnh, Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Lưu Trung chủ trì tổ chức buổi họp với Sở Thông tin và Truyền thông nghe báo cáo tình hình thực hiện nhiệm vụ 04 tháng đầu năm và nhiệm vụ năm 2021.';
    expect(lostDiacritics(seed.repeat(2))).toBe(false);
    expect(lostDiacritics('So: 97 /TB-VP')).toBe(false);
  });
});

describe('restoreDiacritics', () => {
  const view = restoreDiacritics(S08);
  const line = (start: string) => view.split('\n').find((l) => asciiStart(l, start)) as string;
  const asciiStart = (l: string, start: string) =>
    l
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
      .startsWith(start);

  it('keeps the length and every offset', () => {
    expect(view.length).toBe(S08.length);
    expect(view.split('\n').map((l) => l.length)).toEqual(S08.split('\n').map((l) => l.length));
  });

  it('restores the header words: "Số: 97 /TB-VP", "ngày 24 tháng 4 năm 2020", "THÔNG BÁO"', () => {
    expect(line('So: 97')).toBe('Số: 97 /TB-VP');
    // Either tone placement (Thanh Hoá / Thanh Hóa) is right.
    expect(toneKey(line('Thanh Hoa'))).toBe(toneKey('Thanh Hóa, ngày 24 tháng 4 năm 2020'));
    expect(line('THONG BAO')).toBe('THÔNG BÁO');
  });

  it('restores agency names and deadline cues', () => {
    expect(line('3. So')).toMatch(/^3\. Sở Xây dựng /);
    expect(line('6. Bo')).toMatch(/^6\. Bộ Chỉ huy Quân sự tỉnh /);
    expect(line('2. Giao')).toMatch(/Sở Nông nghiệp và PTNT/);
    expect(line('- Chu tri')).toMatch(/hoàn thành trước ngày 15\/5\/2020\.$/);
  });

  it('"truoc" before a date is "trước" (a deadline without "ngày")', () => {
    const t = `${S08}\nSo Tai chinh trinh UBND tinh truoc 30/9.`;
    // "trinh" alone is left as printed: the scanners do not need it.
    expect(restoreDiacritics(t).split('\n').at(-1)).toBe('Sở Tài chính trinh UBND tỉnh trước 30/9.');
  });

  it('"Viet Nam" in a name is "Việt Nam"', () => {
    const t = `${S08}\nDe nghi Uy ban Mat tran To quoc Viet Nam tinh tuyen truyen.`;
    expect(restoreDiacritics(t).split('\n').at(-1)).toMatch(
      /^Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh /,
    );
  });

  it('"So" before a number is "Số", before a name "Sở"', () => {
    expect(line('So: 97').startsWith('Số')).toBe(true);
    expect(line('3. So').slice(3, 5)).toBe('Sở');
  });

  it('leaves a text that kept its diacritics unchanged, and words printed with marks', () => {
    const seed = 'Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với UBND thành phố Quy Nhơn. '.repeat(
      5,
    );
    expect(restoreDiacritics(seed)).toBe(seed);
    const mixed = `${S08}\nXây dựng phương án ứng phó với các cấp độ rủi ro thiên tai.`;
    expect(
      restoreDiacritics(mixed).endsWith('Xây dựng phương án ứng phó với các cấp độ rủi ro thiên tai.'),
    ).toBe(true);
  });

  // Regression (was a bug, fixed in b7638d2/19da6ee): "Quỹ" (a fund) is an agency head, so the bare place word "Quy" of "Quy Nhon" becomes
  // "Quỹ" and the lead reads "UBND thành phố Quỹ Nhon" (our own sentence in s08's style).
  it('"UBND thanh pho Quy Nhon bao cao ket qua" keeps "Quy"', () => {
    const v = restoreDiacritics(`${S08}\nUBND thanh pho Quy Nhon bao cao ket qua thuc hien.`);
    expect(v).toContain(' Quy Nh');
  });
});

describe('restoreDiacritics on a word of two scripts', () => {
  it('"soβxay dung" at the end of a bare text neither throws nor changes length', () => {
    const bare = `${'Giao So Tai chinh chu tri phoi hop voi cac so nganh lien quan thuc hien. '.repeat(8)}soβxay dung`;
    const view = restoreDiacritics(bare);
    expect(view).toHaveLength(bare.length);
  });
});

describe('restoreDiacritics on one bare line of a marked text', () => {
  const marked = 'Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tham mưu bố trí vốn.';
  const bare =
    '7. Cac so, ban, nganh theo chuc nang, nhiem vu chu dong phoi hop voi cac dia phuong trong quy III nam 2024.';

  it('restores the bare line alone, offsets kept', () => {
    const text = `${marked}\n${bare}\n${marked}`;
    const view = restoreDiacritics(text);
    expect(view).toHaveLength(text.length);
    const [first, second, third] = view.split('\n');
    expect(first).toBe(marked);
    expect(third).toBe(marked);
    expect(second).toContain('quý III năm 2024');
  });

  it('leaves a short bare line alone ("Luu: VT, TH.")', () => {
    const text = `${marked}\nLuu: VT, TH.`;
    expect(restoreDiacritics(text)).toBe(text);
  });
});

// The view's exact output on words that split or mix scripts, pinned when restoreWords left its
// regex and joined-key lookups for a code loop and a trie: any change here changes records.
describe('restoreDiacritics, exact output on edge cases of a bare line', () => {
  const marked = 'Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tham mưu bố trí vốn.';
  const viewOf = (line: string) => restoreDiacritics(`${marked}\n${line}`).split('\n')[1];

  it('a token split by a Greek letter counts as two words of a phrase, but is not rewritten', () => {
    expect(viewOf('Giao Soβxay dung chu tri, phoi hop voi cac so nganh lien quan thuc hien ngay.')).toBe(
      'Giao Soβxay dung chủ trì, phối hợp với các sở ngành liên quan thực hiện ngay.',
    );
  });

  it('a letter outside the BMP (a surrogate pair) is one letter inside a token', () => {
    expect(
      viewOf('Giao So\u{1D400}Xay dung chu tri, phoi hop voi cac so nganh lien quan thuc hien ngay.'),
    ).toBe('Giao So\u{1D400}Xay dung chủ trì, phối hợp với các sở ngành liên quan thực hiện ngay.');
  });

  it('a lone surrogate ends a token', () => {
    expect(
      viewOf('Giao So Xay\ud800dung chu tri, phoi hop voi cac so nganh lien quan thuc hien ngay 5.'),
    ).toBe('Giao Sở Xây\ud800dựng chủ trì, phối hợp với các sở ngành liên quan thực hiện ngày 5.');
  });

  it('upper-case and lower-case lines keep their case; a lower-case word alone is left', () => {
    expect(viewOf('Giao SO XAY DUNG CHU TRI, PHOI HOP VOI CAC SO NGANH LIEN QUAN THUC HIEN NGAY 5.')).toBe(
      'Giao SỞ XÂY DỰNG CHỦ TRÌ, PHỐI HỢP VỚI CÁC SỞ NGÀNH LIÊN QUAN THỰC HIỆN NGÀY 5.',
    );
    expect(
      viewOf('bo tri von cho cac du an, so xay dung chu tri, hoan thanh truoc ngay 30/9/2024 nhe.'),
    ).toBe('bố trí von cho các dự án, sở xây dựng chủ trì, hoàn thành trước ngày 30/9/2024 nhe.');
  });
});

describe('newTonePlacement', () => {
  it('moves the old tone of "oa", "oe", "uy" at a syllable\'s end, not after "q" nor before a letter', () => {
    expect(
      newTonePlacement('Thanh Hoá, QUÝ, quý, uỷ ban, THUỶ LỢI, hoàn, Qoà, hoà\u{1D400}, hoàβ, thoả.'),
    ).toBe('Thanh Hóa, QUÝ, quý, ủy ban, THỦY LỢI, hoàn, Qoà, hoà\u{1D400}, hoàβ, thỏa.');
  });
});

describe('newTonePlacement, against the one regex replace it was', () => {
  const OLD_RE = /(?<![qQ])([oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}])/gu;
  const MOVES: Record<string, string> = {};
  for (const [first, second, toned, firstToned] of [
    ['o', 'a', 'àáảãạ', 'òóỏõọ'],
    ['o', 'e', 'èéẻẽẹ', 'òóỏõọ'],
    ['u', 'y', 'ỳýỷỹỵ', 'ùúủũụ'],
  ] as const) {
    for (let k = 0; k < 5; k++) {
      MOVES[first + toned[k]] = firstToned[k] + second;
      MOVES[(first + toned[k]).toUpperCase()] = (firstToned[k] + second).toUpperCase();
      MOVES[first.toUpperCase() + toned[k]] = firstToned[k]?.toUpperCase() + second;
    }
  }
  const oldTonePlacement = (text: string): string =>
    /[àáảãạèéẻẽẹỳýỷỹỵ]/iu.test(text) ? text.replace(OLD_RE, (m) => MOVES[m] ?? m) : text;

  // Letters around the pairs, q and Q, marks, digits, an astral letter, lone surrogates.
  const PIECES = [
    'o',
    'O',
    'u',
    'U',
    'q',
    'Q',
    'à',
    'á',
    'ả',
    'ã',
    'ạ',
    'è',
    'é',
    'ẹ',
    'ỳ',
    'ý',
    'ỷ',
    'ỹ',
    'ỵ',
    'À',
    'Á',
    'Ẻ',
    'Ỳ',
    'Ý',
    'Ỵ',
    'a',
    'e',
    'y',
    'h',
    'β',
    '\u{1D400}',
    '\uD835',
    '\uDC00',
    '1',
    ' ',
    ',',
    '\n',
    '-',
    'hoà',
    'thuỷ',
    'Qoà',
    'QUÝ',
    'quý',
    'HOÀ',
    'Hoà',
    'hOà',
    'oÀ',
    'uỷ',
  ];
  let seed = 20251126;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };

  it('gives the same text for random strings of pairs, q, letters and surrogates', () => {
    let moved = 0;
    for (let n = 0; n < 20000; n++) {
      let text = '';
      const length = random(12);
      for (let k = 0; k < length; k++) text += PIECES[random(PIECES.length)];
      const old = oldTonePlacement(text);
      expect(newTonePlacement(text)).toBe(old);
      if (old !== text) moved++;
    }
    // The strings try the moves, not only texts without them.
    expect(moved).toBeGreaterThan(1000);
  });
});
