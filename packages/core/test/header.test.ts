// Header components (src/parsers/header.ts; Decree 30/2020, Art. 8 and Phụ lục I).
import { describe, expect, it } from 'vitest';
import { DOC_TYPE_CODES } from '../src/agencies/lexicon.ts';
import { toDoc } from '../src/document.ts';
import {
  canonicalPlace,
  docTypeFromNotation,
  parseIssuerBlock,
  parseNumber,
  parsePlaceDate,
  parseReceived,
  parseSubject,
  parseTypeLine,
  placeCorrected,
} from '../src/parsers/header.ts';

const lines = (...ls: string[]) => toDoc(ls.join('\n')).lines;

describe('parseNumber', () => {
  it('"Số: 312 /TB-VP" (seed 000), "Số: 316/TB-UBND" (seed 003)', () => {
    const text = 'Số: 312 /TB-VP';
    const r = parseNumber(lines(text));
    expect(r?.value).toEqual({ number: '312', notation: 'TB-VP' });
    expect(text.slice(r?.span.start, r?.span.end)).toBe('Số: 312 /TB-VP');
    expect(parseNumber(lines('Số: 316/TB-UBND'))?.value).toEqual({ number: '316', notation: 'TB-UBND' });
  });

  it('a blank number: "Số: /TB-STTTT" (seed 001)', () => {
    expect(parseNumber(lines('Số: /TB-STTTT'))?.value).toEqual({ number: null, notation: 'TB-STTTT' });
  });

  it('a year in the notation and digits split by OCR', () => {
    expect(parseNumber(lines('Số 33/2014/QĐ-UBND'))?.value).toEqual({
      number: '33',
      notation: '2014/QĐ-UBND',
    });
    expect(parseNumber(lines('Số: 1 86/TB-VP'))?.value.number).toBe('186');
  });

  it('beside the issuer in a two-column line, but not a reference inside a sentence', () => {
    expect(parseNumber(lines('UBND TỈNH NINH BÌNH    Số: 58/KH-SYT'))?.value.notation).toBe('KH-SYT');
    expect(
      parseNumber(lines('Thành phần tham dự cuộc họp theo Giấy mời số 249/GM-UBND ngày 05/5/2021')),
    ).toBeNull();
  });

  it('gives the line it was found on', () => {
    expect(parseNumber(lines('ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NAM', 'Số: 46 /TB-UBND'))?.line).toBe(2);
  });
});

describe('parseNumber: notation forms of Decree 30/2020, Phụ lục III (our own lines)', () => {
  it.each([
    ['Số:312/TB-VP', '312', 'TB-VP'],
    ['SỐ: 12/BC-UBND', '12', 'BC-UBND'],
    ['Số: 15/QĐ-UBND', '15', 'QĐ-UBND'],
    ['Số: 07/2025/NQ-HĐND', '07', '2025/NQ-HĐND'],
    ['Số: 12a/TB-UBND', '12a', 'TB-UBND'],
    ['Số: 123/TB-SNNMT-VP', '123', 'TB-SNNMT-VP'],
  ])('%s', (line, number, notation) => {
    expect(parseNumber(lines(line))?.value).toEqual({ number, notation });
  });
});

describe('docTypeFromNotation (Decree 30/2020, Phụ lục III)', () => {
  it('the type code before the issuer code; a công văn has none', () => {
    expect(docTypeFromNotation('TB-VP')).toBe('TB');
    expect(docTypeFromNotation('2014/QĐ-UBND')).toBe('QĐ');
    expect(docTypeFromNotation('KH-SYT')).toBe('KH');
    expect(docTypeFromNotation('CTr-UBND')).toBe('CTr');
    expect(docTypeFromNotation('UBND-KGVX')).toBe('CV');
    expect(docTypeFromNotation('tb-ubnd')).toBe('TB');
    expect(docTypeFromNotation('UBND')).toBeNull();
    expect(docTypeFromNotation(null)).toBeNull();
  });
});

describe('parseTypeLine', () => {
  it('"THÔNG BÁO", "KẾ HOẠCH", "THÔNG BÁO KẾT LUẬN" standing alone', () => {
    expect(parseTypeLine(lines('THÔNG BÁO'))?.value).toBe('TB');
    expect(parseTypeLine(lines('Số: 58/KH-SYT', 'KẾ HOẠCH'))).toMatchObject({ value: 'KH', line: 1 });
    expect(parseTypeLine(lines('THÔNG BÁO KẾT LUẬN'))?.value).toBe('TB');
    expect(parseTypeLine(lines('CHỈ THỊ'))?.value).toBe('CT');
  });

  it('not a sentence that starts with the word', () => {
    expect(parseTypeLine(lines('Thông báo kết luận của Chủ tịch UBND tỉnh'))).toBeNull();
    expect(parseTypeLine(lines('THÔNG BÁO TUYỂN DỤNG VIÊN CHỨC'))).toBeNull();
  });
});

describe('parsePlaceDate', () => {
  it('"Kiên Giang, ngày 18 tháng 5 năm 2021" (seed 000)', () => {
    const text = 'Kiên Giang, ngày 18 tháng 5 năm 2021';
    const r = parsePlaceDate(lines(text));
    expect(r?.value).toEqual({
      place: 'Kiên Giang',
      printedPlace: 'Kiên Giang',
      date: '2021-05-18',
      blankDay: false,
    });
    expect(text.slice(r?.span.start, r?.span.end)).toBe(text);
  });

  it('a blank day and an OCR slip: "Vinh Phúc, ngày tháng 12 năm 2020" (seed 001)', () => {
    const r = parsePlaceDate(lines('Vinh Phúc, ngày tháng 12 năm 2020'));
    expect(r?.value).toEqual({
      place: 'Vĩnh Phúc',
      printedPlace: 'Vinh Phúc',
      date: '2020-12',
      blankDay: true,
    });
    expect(placeCorrected('Vinh Phúc', 'Vĩnh Phúc')).toBe(true);
    expect(placeCorrected('Kiên Giang', 'Kiên Giang')).toBe(false);
  });

  it('beside the number in a two-column line, and a numeric date', () => {
    const r = parsePlaceDate(lines('Số: 316/TB-UBND        Bình Định, ngày 08 tháng 11 năm 2022'));
    expect(r?.value.place).toBe('Bình Định');
    expect(r?.value.date).toBe('2022-11-08');
    expect(parsePlaceDate(lines('Hà Nội, ngày 05/11/2025'))?.value.date).toBe('2025-11-05');
  });

  it('a place that is no province keeps its printed name; "TP. Hồ Chí Minh" becomes "Thành phố Hồ Chí Minh"', () => {
    expect(parsePlaceDate(lines('Yên Lập, ngày 02 tháng 10 năm 2025'))?.value.place).toBe('Yên Lập');
    expect(canonicalPlace('TP. Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(canonicalPlace('Thanh Hoá')).toBe('Thanh Hóa');
  });

  it('places after 1 July 2025: a ward with no district, a city "TP."', () => {
    expect(parsePlaceDate(lines('Phường Sài Gòn, ngày 2 tháng 12 năm 2025'))?.value).toMatchObject({
      place: 'Phường Sài Gòn',
      date: '2025-12-02',
    });
    expect(parsePlaceDate(lines('TP. Hồ Chí Minh, ngày 05 tháng 11 năm 2025'))?.value).toMatchObject({
      place: 'Thành phố Hồ Chí Minh',
      printedPlace: 'TP. Hồ Chí Minh',
    });
    expect(parsePlaceDate(lines('Huế, ngày 3 tháng 3 năm 2025'))?.value.place).toBe('Huế');
  });

  it('a ward one letter from a province stays the ward: "Bình Minh, ngày 14 tháng 11 năm 2025"', () => {
    const r = parsePlaceDate(lines('Bình Minh, ngày 14 tháng 11 năm 2025'));
    expect(r?.value.place).toBe('Bình Minh');
    expect(placeCorrected(r?.value.printedPlace ?? '', r?.value.place ?? '')).toBe(false);
    // Printed in capitals, an unknown place takes a place name's capitals.
    expect(parsePlaceDate(lines('HÒA XUÂN, ngày 03 tháng 12 năm 2025'))?.value.place).toBe('Hòa Xuân');
    expect(canonicalPlace('BINH DINH')).toBe('Bình Định');
  });

  it('an impossible date gives no date', () => {
    expect(parsePlaceDate(lines('Kiên Giang, ngày 31 tháng 2 năm 2021'))?.value.date).toBeNull();
  });

  // s28: in a pdftotext layout line the notation's tail ("H-SYT") must not join the place.
  it('"Số: 58/KH-SYT                           Ninh Bình, ngày 08 tháng 01 năm 2026" is in Ninh Bình', () => {
    const r = parsePlaceDate(
      lines('     Số: 58/KH-SYT                           Ninh Bình, ngày 08 tháng 01 năm 2026'),
    );
    expect(r?.value.place).toBe('Ninh Bình');
  });
});

describe('parseIssuerBlock', () => {
  it('"ỦY BAN NHÂN DÂN / TỈNH QUẢNG NAM" above the number (seed 004)', () => {
    const ls = lines(
      'ỦY BAN NHÂN DÂN',
      'TỈNH QUẢNG NAM',
      'Số: 46 /TB-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    );
    expect(parseIssuerBlock(ls, 2)?.value).toBe('Ủy ban nhân dân tỉnh Quảng Nam');
  });

  it('"UBND TỈNH X / VĂN PHÒNG": the body is the lower line, part of the upper', () => {
    const ls = lines('UBND TỈNH KIÊN GIANG', 'VĂN PHÒNG', 'Số: 312 /TB-VP');
    expect(parseIssuerBlock(ls, 2)?.value).toBe('Văn phòng Ủy ban nhân dân tỉnh Kiên Giang');
  });

  // Regression (was a bug, fixed in 1c8412c): /^(VĂN PHÒNG|SỞ|BAN|PHÒNG)\b/u — \b is ASCII-only, so it never holds after "SỞ"
  // (Ở is no \w), and the department is put after its parent in lower case (s28).
  it('"UBND TỈNH NINH BÌNH / SỞ Y TẾ" is the Sở Y tế (s28)', () => {
    const ls = lines('UBND TỈNH NINH BÌNH', 'SỞ Y TẾ', 'Số: 58/KH-SYT');
    expect(parseIssuerBlock(ls, 2)?.value).toMatch(/^Sở Y tế/);
  });

  it('a ward or district issuer keeps its name\'s capitals: "ỦY BAN NHÂN DÂN / PHƯỜNG HÒA XUÂN"', () => {
    const ls = lines('ỦY BAN NHÂN DÂN', 'PHƯỜNG HÒA XUÂN', 'Số: 77/TB-UBND');
    expect(parseIssuerBlock(ls, 2)?.value).toBe('Ủy ban nhân dân phường Hòa Xuân');
    const district = lines('UỶ BAN NHÂN DÂN', 'HUYỆN THẠCH HÀ', 'Số: 90/TB-UBND');
    expect(parseIssuerBlock(district, 2)?.value).toBe('Ủy ban nhân dân huyện Thạch Hà');
  });

  it('a governing body on two lines: "ỦY BAN NHÂN DÂN / THÀNH PHỐ ĐÀ NẴNG / SỞ TÀI CHÍNH"', () => {
    const ls = lines('ỦY BAN NHÂN DÂN', 'THÀNH PHỐ ĐÀ NẴNG', 'SỞ TÀI CHÍNH', 'Số: 501/STC-NS');
    expect(parseIssuerBlock(ls, 3)?.value).toBe('Sở Tài chính thành phố Đà Nẵng');
    const office = lines('ỦY BAN NHÂN DÂN', 'THÀNH PHỐ ĐÀ NẴNG', 'VĂN PHÒNG', 'Số: 44/TB-VP');
    expect(parseIssuerBlock(office, 3)?.value).toBe('Văn phòng Ủy ban nhân dân thành phố Đà Nẵng');
  });

  it('a committee whose name ends in its unit, under the province: the unit is named once', () => {
    const ls = lines('UBND TỈNH LẠNG SƠN', 'BAN CHỈ ĐẠO PHÒNG, CHỐNG THIÊN TAI TỈNH', 'Số: 12/TB-BCĐ');
    expect(parseIssuerBlock(ls, 2)?.value).toBe('Ban Chỉ đạo Phòng, chống thiên tai tỉnh Lạng Sơn');
    const wrapped = lines('UBND TỈNH LẠNG SƠN', 'BAN CHỈ ĐẠO 138', 'Số: 9/TB-BCĐ138');
    expect(parseIssuerBlock(wrapped, 2)?.value).toBe('Ban Chỉ đạo 138 tỉnh Lạng Sơn');
  });

  it('skips the national motto and stops at a line in lower case', () => {
    const ls = lines(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ CẦN THƠ',
      'Số: 318/TB-UBND',
    );
    expect(parseIssuerBlock(ls, 4)?.value).toBe('Ủy ban nhân dân thành phố Cần Thơ');
    expect(parseIssuerBlock(lines('Số: 312 /TB-VP'), 0)).toBeNull();
  });
});

describe('parseSubject', () => {
  it('the lines after the type line, up to the opening paragraph (seed 004)', () => {
    const ls = lines(
      'THÔNG BÁO',
      '',
      'Kết luận của Phó Chủ tịch UBND tỉnh Lê Văn Thanh',
      'tại buổi làm việc với Sở Thông tin và Truyền thông',
      '',
      'Ngày 31/01/2018, Phó Chủ tịch UBND tỉnh Lê Văn Thanh chủ trì buổi làm việc.',
    );
    expect(parseSubject(ls, 0, 0)?.value).toBe(
      'Kết luận của Phó Chủ tịch UBND tỉnh Lê Văn Thanh tại buổi làm việc với Sở Thông tin và Truyền thông',
    );
  });

  it('"V/v ..." in a công văn without a type line', () => {
    const ls = lines(
      'Số: 1520/UBND-NNMT',
      'V/v tăng cường công tác phòng cháy,',
      'chữa cháy rừng mùa khô năm 2025',
      '',
      'Kính gửi:',
    );
    expect(parseSubject(ls, null, 0)?.value).toBe(
      'V/v tăng cường công tác phòng cháy, chữa cháy rừng mùa khô năm 2025',
    );
  });

  it('a subject stops at "Thực hiện", "Ngày ...", and no subject without type line or V/v', () => {
    const ls = lines(
      'KẾ HOẠCH',
      'Phòng, chống dịch bệnh truyền nhiễm năm 2026',
      'Thực hiện Kế hoạch số 12/KH-UBND.',
    );
    expect(parseSubject(ls, 0, 0)?.value).toBe('Phòng, chống dịch bệnh truyền nhiễm năm 2026');
    expect(parseSubject(lines('Số: 1/TB-UBND', 'Ngày 31/01/2018'), null, 0)).toBeNull();
  });

  // Regression (was a bug, fixed in 1c8412c): SUBJECT_STOP ends with an ASCII-only \b, which never holds after "Căn cứ", "Kính gửi",
  // "Tham dự", "Dự họp" (last letter not in \w); the opening sentence joins the subject
  // when no blank line separates them.
  it('a subject stops at "Căn cứ ..." on the next line', () => {
    const ls = lines(
      'KẾ HOẠCH',
      'Phòng, chống dịch bệnh truyền nhiễm năm 2026',
      'Căn cứ Kế hoạch số 12/KH-UBND.',
    );
    expect(parseSubject(ls, 0, 0)?.value).toBe('Phòng, chống dịch bệnh truyền nhiễm năm 2026');
  });
});

describe('parseReceived', () => {
  it('the incoming stamp of seed 004: "SỞ ... / ĐẾN Lúc: / Số: 416 Ngày: 9/2/18"', () => {
    const ls = lines(
      'Quảng Nam, ngày 07 tháng 02 năm 2018',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG QUẢNG NAM',
      'ĐẾN   Lúc:.....giờ:.....',
      'Số: 416   Ngày: 9/2/18',
      'THÔNG BÁO',
    );
    const r = parseReceived(ls);
    expect(r?.value).toEqual({
      by: 'Sở Thông tin và Truyền thông Quảng Nam',
      number: '416',
      date: '2018-02-09',
    });
    expect(r?.line).toBe(2);
  });

  it('no stamp: null', () => {
    expect(parseReceived(lines('Số: 312 /TB-VP', 'THÔNG BÁO'))).toBeNull();
  });

  // Regression (was a bug, fixed in 1c8412c): /Số\s*...(\d{1,7})(?!\s*\/)/ backtracks to "4" in "46/TB-UBND" (the lookahead then
  // sees "6"), so the document number under a stamp reads as stamp number "4".
  it('a number with a slash near the stamp is the document number, not the stamp', () => {
    expect(parseReceived(lines('ĐẾN', 'Số: 46/TB-UBND'))).toBeNull();
  });
});

describe("the Party's numbers (Hướng dẫn 36-HD/VPTW)", () => {
  it('"Số 57-TB/TU": the number, then the type and the issuer\'s code after a hyphen', () => {
    expect(parseNumber(lines('Số 57-TB/TU'))?.value).toEqual({ number: '57', notation: 'TB/TU' });
    expect(parseNumber(lines('Số 1203 - KL/HU             Đông Hà, ngày 2 tháng 3 năm 2024'))?.value).toEqual(
      {
        number: '1203',
        notation: 'KL/HU',
      },
    );
    expect(parseNumber(lines('Số    -TB/ĐU'))?.value).toEqual({ number: null, notation: 'TB/ĐU' });
  });

  it('the type comes before the slash: TB/TU is a thông báo, KH/TU a kế hoạch', () => {
    expect(docTypeFromNotation('TB/TU')).toBe('TB');
    expect(docTypeFromNotation('KH/HU')).toBe('KH');
    expect(docTypeFromNotation('33/2014/QĐ-UBND')).toBe('QĐ');
  });

  it('a party document cited in the body is no number: "thực hiện Nghị quyết số 57-NQ/TW"', () => {
    expect(parseNumber(lines('Tiếp tục thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị'))).toBeNull();
  });
});

describe('docTypeFromNotation, against its search of the codes in any case', () => {
  const old = (notation: string): string | null => {
    const party = /^([A-ZĐ][A-Za-zĐđ]*)\//u.exec(notation)?.[1];
    if (party && DOC_TYPE_CODES.has(party)) return party;
    const parts = notation.split('/').pop()?.split('-') ?? [];
    const head = parts[0] ?? '';
    if (DOC_TYPE_CODES.has(head)) return head;
    const ci = [...DOC_TYPE_CODES].find((c) => c.toLowerCase() === head.toLowerCase());
    if (ci) return ci;
    return parts.length >= 2 ? 'CV' : null;
  };
  it('reads every code in lower, upper and mixed case alike', () => {
    const heads = [...DOC_TYPE_CODES].flatMap((c) => [
      c,
      c.toLowerCase(),
      c.toUpperCase(),
      c.charAt(0).toLowerCase() + c.slice(1),
    ]);
    for (const h of [...heads, 'UBND', 'ubnd', 'Tb', 'tTr', 'hđ', 'HĐ', 'İ', 'ẞ', '']) {
      for (const notation of [`${h}-VP`, `12/${h}-UBND`, `${h}/TU`, h, `${h}/`])
        expect(docTypeFromNotation(notation)).toBe(old(notation));
    }
  });
});
