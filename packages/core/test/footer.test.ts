// Closing components (src/parsers/footer.ts; Decree 30/2020, Art. 8 and 13): Nơi nhận and
// the signature block.
import { describe, expect, it } from 'vitest';
import { toDoc } from '../src/document.ts';
import { findRecipientsHead, parseRecipients, parseSigner } from '../src/parsers/footer.ts';

const lines = (...ls: string[]) => toDoc(ls.join('\n')).lines;

// Seed 000's footer as the cleaner leaves it.
const SEED_000 = lines(
  'Trên đây là ý kiến kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Lưu Trung./.',
  '',
  'Nơi nhận:',
  '',
  '- Như thành phần mời họp;',
  '- TT.TU, TT.HĐND tỉnh;',
  '- CT, các PCT.UBND tỉnh;',
  '- LĐVP, Phòng: KGVX, TH;',
  '- Lưu: VT, ltram.',
  '',
  'KT. CHÁNH VĂN PHÒNG',
  'PHÓ CHÁNH VĂN PHÒNG',
  '',
  'Trần Công Danh',
);

describe('recipients', () => {
  it('finds "Nơi nhận:" from the end', () => {
    expect(findRecipientsHead(SEED_000)).toBe(1);
    expect(findRecipientsHead(lines('Không có nơi nhận ở đây'))).toBe(-1);
  });

  it('one entry a line, list marks and trailing ";" removed (seed 000)', () => {
    const r = parseRecipients(SEED_000, 1);
    expect(r?.value.entries).toEqual([
      'Như thành phần mời họp',
      'TT.TU, TT.HĐND tỉnh',
      'CT, các PCT.UBND tỉnh',
      'LĐVP, Phòng: KGVX, TH',
      'Lưu: VT, ltram',
    ]);
    expect(r?.value.gluedName).toBeNull();
    expect(r?.value.endLine).toBe(6);
  });

  it('a line that OCR split continues the entry above (seed 001: "- Phòng VH TT; Trung tâm VH TT TT" / "- các huyện, thành phố (T/h);")', () => {
    const ls = lines(
      'Nơi nhận:',
      '- Báo Vĩnh Phúc, Đài PT-TH tỉnh (P/h);',
      '- Phòng VH TT; Trung tâm VH TT TT',
      '- các huyện, thành phố (T/h);',
      '- Lưu: VT; VP.',
      'TL. GIÁM ĐỐC',
    );
    expect(parseRecipients(ls, 0)?.value.entries).toEqual([
      'Báo Vĩnh Phúc, Đài PT-TH tỉnh (P/h)',
      'Phòng VH TT; Trung tâm VH TT TT các huyện, thành phố (T/h)',
      'Lưu: VT; VP',
    ]);
  });

  it('a signer\'s name glued to the archive line: "Lưu: VT, K9, K8. Lê Ngọc An"', () => {
    const ls = lines('Nơi nhận:', '- Như trên;', '- Lưu: VT, K9, K8. Lê Ngọc An');
    const r = parseRecipients(ls, 0);
    expect(r?.value.entries).toEqual(['Như trên', 'Lưu: VT, K9, K8']);
    expect(r?.value.gluedName).toBe('Lê Ngọc An');
  });

  it('a two-column layout keeps the left column of the entries (s28)', () => {
    const ls = lines(
      'Nơi nhận:',
      '- UBND tỉnh (b/c);                                        PHÓ GIÁM ĐỐC',
      '- Giám đốc, các PGĐ Sở;',
      '- Lưu: VT, NVYD.                                         Trịnh Thị Hồng Nhung',
    );
    expect(parseRecipients(ls, 0)?.value.entries).toEqual([
      'UBND tỉnh (b/c)',
      'Giám đốc, các PGĐ Sở',
      'Lưu: VT, NVYD',
    ]);
  });

  // Regression (was a bug): the rest of the "Nơi nhận:" line was taken whole, without splitting
  // off the right column, so the signer's authority "KT. GIÁM ĐỐC" became the first recipient (s28).
  it("the head line's right column is the signer, not a recipient (s28)", () => {
    const ls = lines(
      'Nơi nhận:                                                  KT. GIÁM ĐỐC',
      '- UBND tỉnh (b/c);                                        PHÓ GIÁM ĐỐC',
      '- Giám đốc, các PGĐ Sở;',
      '- Lưu: VT, NVYD.                                         Trịnh Thị Hồng Nhung',
    );
    const r = parseRecipients(ls, 0);
    expect(r?.value.entries).toEqual(['UBND tỉnh (b/c)', 'Giám đốc, các PGĐ Sở', 'Lưu: VT, NVYD']);
  });
});

describe('parseSigner', () => {
  it('authority, title and name (seed 000)', () => {
    expect(parseSigner(SEED_000, 1, null)?.value).toEqual({
      name: 'Trần Công Danh',
      authority: 'KT. CHÁNH VĂN PHÒNG',
      title: 'PHÓ CHÁNH VĂN PHÒNG',
    });
  });

  it('two authority lines: "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG" (seed 004)', () => {
    const ls = lines(
      'Nơi nhận:',
      '- Lưu: VT, KGVX(Hậu)',
      'TL. CHỦ TỊCH',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      'Võ Văn Viên',
    );
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Võ Văn Viên',
      authority: 'TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG',
      title: 'PHÓ CHÁNH VĂN PHÒNG',
    });
  });

  it('"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" and "TUQ. CHỦ TỊCH / CHÁNH VĂN PHÒNG" (Decree 30/2020, Art. 13)', () => {
    expect(
      parseSigner(
        lines('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(Đã ký)', 'Nguyễn Văn An'),
        0,
        null,
      )?.value,
    ).toEqual({
      name: 'Nguyễn Văn An',
      authority: 'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH',
      title: 'PHÓ CHỦ TỊCH',
    });
    expect(
      parseSigner(lines('TUQ. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Lê Thị Bích Ngọc'), 0, null)?.value,
    ).toEqual({
      name: 'Lê Thị Bích Ngọc',
      authority: 'TUQ. CHỦ TỊCH',
      title: 'CHÁNH VĂN PHÒNG',
    });
  });

  it('a title without authority, "(Đã ký)" before the name', () => {
    const ls = lines('CHỦ TỊCH', '(Đã ký)', 'Nguyễn Văn An');
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Nguyễn Văn An',
      authority: null,
      title: 'CHỦ TỊCH',
    });
    const signed = lines('GIÁM ĐỐC', 'Đã ký Phạm Thị Bình');
    expect(parseSigner(signed, 0, null)?.value.name).toBe('Phạm Thị Bình');
  });

  it('the right column of a two-column block (s28)', () => {
    const ls = lines(
      'Nơi nhận:                                                  KT. GIÁM ĐỐC',
      '- UBND tỉnh (b/c);                                        PHÓ GIÁM ĐỐC',
      '- Lưu: VT, NVYD.                                         Trịnh Thị Hồng Nhung',
    );
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Trịnh Thị Hồng Nhung',
      authority: 'KT. GIÁM ĐỐC',
      title: 'PHÓ GIÁM ĐỐC',
    });
  });

  it('a name glued to the archive line, or alone on the last line, when the block lost it', () => {
    const ls = lines('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH');
    expect(parseSigner(ls, 0, 'Lê Ngọc An')?.value.name).toBe('Lê Ngọc An');
    const lastOnly = lines('Trên đây là kết luận./.', 'Đỗ Thị Lê Hảo');
    expect(parseSigner(lastOnly, 0, null)?.value).toEqual({
      name: 'Đỗ Thị Lê Hảo',
      authority: null,
      title: null,
    });
  });

  it('a family name outside the list: "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG / Mông Thị Kim Liên"', () => {
    const ls = lines('KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', '', '', 'Mông Thị Kim Liên');
    expect(parseSigner(ls, 0, null)?.value.name).toBe('Mông Thị Kim Liên');
  });

  it('a block that OCR printed without diacritics: "KT. CHU TICH / PHO CHU TICH / Tran Thi Ngoc Lan"', () => {
    const ls = lines('KT. CHANH VAN PHONG', 'PHO CHANH VAN PHONG', '', 'Tran Thi Ngoc Lan');
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Tran Thi Ngoc Lan',
      authority: 'KT. CHANH VAN PHONG',
      title: 'PHO CHANH VAN PHONG',
    });
    // In capitals too; the bare title lines are never read as a name.
    expect(parseSigner(lines('KT. CHU TICH', 'PHO CHU TICH', 'PHAM QUOC DUNG'), 0, null)?.value).toEqual({
      name: 'Pham Quoc Dung',
      authority: 'KT. CHU TICH',
      title: 'PHO CHU TICH',
    });
  });

  it('no block: null', () => {
    expect(parseSigner(lines('Trên đây là kết luận của Chủ tịch UBND tỉnh./.'), 0, null)).toBeNull();
  });
});

describe("the signer's other office", () => {
  // Regression (was a bug, fixed on the agency branch): every capitalised line after the
  // authority joined the title, also one after a blank line that names the signer's other
  // office (s29: the deputy head of the steering committee is also director of the Sở).
  // Gold keeps the title under the authority line.
  it('"KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN THƯỜNG TRỰC / (blank) / GIÁM ĐỐC SỞ ... / Bùi Việt Hà" (s29)', () => {
    const ls = lines(
      'Nơi nhận:',
      '- UBND các xã, phường ven biển;',
      '- Lưu: VT, VPTT.',
      '',
      'KT. TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN THƯỜNG TRỰC',
      '',
      'GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      'Bùi Việt Hà',
    );
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Bùi Việt Hà',
      authority: 'KT. TRƯỞNG BAN',
      title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC',
    });
  });

  it('a title line after a blank line that names no office still joins the title', () => {
    const ls = lines('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', 'THƯỜNG TRỰC', '', 'Nguyễn Văn An');
    expect(parseSigner(ls, 0, null)?.value.title).toBe('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
  });
});

describe('parseSigner, title lines', () => {
  it('a title on two lines with no blank between them stays whole', () => {
    const ls = lines(
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'THƯỜNG TRỰC',
      '',
      'Lục Văn Sáng',
    );
    expect(parseSigner(ls, 0, null)?.value.title).toBe('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
    const apart = lines('KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '', 'CHÁNH VĂN PHÒNG SỞ', '', 'Lục Văn Sáng');
    expect(parseSigner(apart, 0, null)?.value).toEqual({
      name: 'Lục Văn Sáng',
      authority: 'KT. GIÁM ĐỐC',
      title: 'PHÓ GIÁM ĐỐC',
    });
  });
});

describe("the signer block of the Party's documents and of ministries", () => {
  it('"T/M BAN THƯỜNG VỤ" is the authority, as "TM." is', () => {
    const ls = lines(
      'Nơi nhận:',
      '- Lưu Văn phòng Đảng ủy.',
      '',
      'T/M BAN THƯỜNG VỤ',
      'BÍ THƯ',
      '',
      'Hà Minh Tuấn',
    );
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Hà Minh Tuấn',
      authority: 'T/M BAN THƯỜNG VỤ',
      title: 'BÍ THƯ',
    });
  });

  it('"PHÓ CHỦ NHIỆM" is a title, not the name "Phó Chủ Nhiệm" (Phó is also a family name)', () => {
    const ls = lines('KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM', '', 'Lê Thị Thu Trang');
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Lê Thị Thu Trang',
      authority: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
      title: 'PHÓ CHỦ NHIỆM',
    });
  });
});

describe("the seal's text among the title's lines", () => {
  it('"VĂN PHÒNG" / "* UBND TỈNH *" printed by the seal are no part of the title', () => {
    const ls = lines(
      'TL. CHỦ TỊCH',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      '   VĂN PHÒNG',
      ' * UBND TỈNH *',
      '(Đã ký)',
      'Lê Văn Bình',
    );
    expect(parseSigner(ls, 0, null)?.value).toEqual({
      name: 'Lê Văn Bình',
      authority: 'TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG',
      title: 'PHÓ CHÁNH VĂN PHÒNG',
    });
  });

  it('a title on two lines still reads whole: "PHÓ CHỦ TỊCH" / "THƯỜNG TRỰC"', () => {
    const ls = lines('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'THƯỜNG TRỰC', '', 'Lê Văn Bình');
    expect(parseSigner(ls, 0, null)?.value.title).toBe('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
  });
});
