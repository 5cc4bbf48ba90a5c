// Vietnamese personal names (src/parsers/names.ts).
import { describe, expect, it } from 'vitest';
import { isPersonName, splitTitleAndName, trailingName } from '../src/parsers/names.ts';

describe('isPersonName', () => {
  it("names of the seeds' signers and presiders", () => {
    for (const n of [
      'Trần Công Danh',
      'Nguyễn Lưu Trung',
      'Đỗ Thị Lê Hảo',
      'Phạm Anh Tuấn',
      'Võ Văn Viên',
      'Nguyễn Ngọc Sinh',
    ])
      expect(isPersonName(n), n).toBe(true);
  });

  it('not a title, an agency, one word or a lower-case word', () => {
    expect(isPersonName('PHÓ CHÁNH VĂN PHÒNG')).toBe(false);
    expect(isPersonName('Sở Tài chính')).toBe(false);
    expect(isPersonName('Nguyễn')).toBe(false);
    expect(isPersonName('Nguyễn văn An')).toBe(false);
    expect(isPersonName('Kiên Giang')).toBe(false);
  });
});

describe('isPersonName, family names outside the list and bare names', () => {
  it('a family name the list lacks, marked by the middle name "Thị"/"Văn": "Mông Thị Kim Liên", "Lù Văn Páo"', () => {
    expect(isPersonName('Mông Thị Kim Liên')).toBe(true);
    expect(isPersonName('Lù Văn Páo')).toBe(true);
    // Short family names are names too.
    expect(isPersonName('Vi Thị Hạnh')).toBe(true);
    expect(isPersonName('Lò Minh Tú')).toBe(true);
  });

  it('a name that OCR printed without diacritics: "Tran Thi Ngoc Lan", "Pham Quoc Dung"', () => {
    expect(isPersonName('Tran Thi Ngoc Lan')).toBe(true);
    expect(isPersonName('Pham Quoc Dung')).toBe(true);
    expect(isPersonName('Giang Van Tho')).toBe(true);
  });

  it('a unit read in title case is no name, even with "Văn" after its head word', () => {
    expect(isPersonName('Phòng Văn Hóa')).toBe(false);
    expect(isPersonName('Sở Văn Thư Lưu')).toBe(false);
    expect(isPersonName('Phong Van Hoa')).toBe(false);
    expect(isPersonName('Kien Giang')).toBe(false);
    // The mark alone is not a name: "X Văn" needs a given name after it.
    expect(isPersonName('Mông Văn')).toBe(false);
  });
});

describe('splitTitleAndName', () => {
  it('"Phó Chủ tịch UBND tỉnh Nguyễn Lưu Trung" (seed 000 subject)', () => {
    expect(splitTitleAndName('Phó Chủ tịch UBND tỉnh Nguyễn Lưu Trung')).toEqual({
      title: 'Phó Chủ tịch UBND tỉnh',
      name: 'Nguyễn Lưu Trung',
    });
  });

  it('"Chủ tịch UBND tỉnh Phạm Vũ Hồng" — a name with a surname-like middle word', () => {
    expect(splitTitleAndName('Chủ tịch UBND tỉnh Phạm Vũ Hồng')).toEqual({
      title: 'Chủ tịch UBND tỉnh',
      name: 'Phạm Vũ Hồng',
    });
  });

  it('a title without a name: "Giám đốc Sở Thông tin và Truyền thông"', () => {
    expect(splitTitleAndName('Giám đốc Sở Thông tin và Truyền thông')).toEqual({
      title: 'Giám đốc Sở Thông tin và Truyền thông',
      name: null,
    });
  });

  it('a trailing comma before the name is dropped from the title', () => {
    expect(splitTitleAndName('Trưởng Ban Chỉ đạo, Võ Minh Hoàng')).toEqual({
      title: 'Trưởng Ban Chỉ đạo',
      name: 'Võ Minh Hoàng',
    });
  });
});

describe('trailingName', () => {
  it('"Lưu: VT, K9, K8. Lê Ngọc An" → "Lê Ngọc An" and where it starts', () => {
    const s = 'Lưu: VT, K9, K8. Lê Ngọc An';
    const r = trailingName(s);
    expect(r).toEqual({ name: 'Lê Ngọc An', index: s.indexOf('Lê Ngọc An') });
  });

  it('no name at the end: null', () => {
    expect(trailingName('Lưu: VT, ltram.')).toBeNull();
    expect(trailingName('Lưu: VT, KGVX(Hậu)')).toBeNull();
  });
});

describe('family names of the mountain and highland peoples', () => {
  it('"Sùng A Lử", "Ka Sơ Hiền", "Lường Văn Pọm" read as names', () => {
    for (const n of ['Sùng A Lử', 'Ka Sơ Hiền', 'Lường Văn Pọm', 'Giàng Thị Mỷ'])
      expect(isPersonName(n)).toBe(true);
    expect(isPersonName('Phòng Kinh Tế')).toBe(false);
  });
});
