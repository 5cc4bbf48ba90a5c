// Sentence case for names printed in capitals (src/parsers/case.ts).
import { describe, expect, it } from 'vitest';
import { titleCaseAgency } from '../src/parsers/case.ts';

describe('titleCaseAgency', () => {
  it('the receiving body of seed 004\'s stamp: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG QUẢNG NAM"', () => {
    expect(titleCaseAgency('SỞ THÔNG TIN VÀ TRUYỀN THÔNG QUẢNG NAM')).toBe(
      'Sở Thông tin và Truyền thông Quảng Nam',
    );
  });

  it('issuers: "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM", "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"', () => {
    expect(titleCaseAgency('ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM')).toBe('Ủy ban nhân dân tỉnh Quảng Nam');
    expect(titleCaseAgency('VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG')).toBe(
      'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang',
    );
    // "Thành phố Hồ Chí Minh" is the city's name as its own documents print it.
    expect(titleCaseAgency('ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH')).toBe(
      'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    );
  });

  it('department names after the 2025 reorganisation', () => {
    expect(titleCaseAgency('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG')).toBe('Sở Nông nghiệp và Môi trường');
    expect(titleCaseAgency('SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC NINH')).toBe(
      'Sở Khoa học và Công nghệ tỉnh Bắc Ninh',
    );
  });

  it('whole words only; whitespace is folded', () => {
    // Only whole words: "PHÒNG" in the committee's field is not the head "Phòng".
    expect(titleCaseAgency('BAN  CHỈ ĐẠO PHÒNG THỦ DÂN SỰ TỈNH HÀ TĨNH')).toBe(
      'Ban Chỉ đạo Phòng thủ dân sự tỉnh Hà Tĩnh',
    );
  });

  it('"Ban Chỉ đạo" / "Ban Chỉ huy" and the field that names the committee (Decree 30/2020, Phụ lục II)', () => {
    expect(titleCaseAgency('BAN CHỈ ĐẠO 138 TỈNH LẠNG SƠN')).toBe('Ban Chỉ đạo 138 tỉnh Lạng Sơn');
    expect(titleCaseAgency('BAN CHỈ HUY QUÂN SỰ HUYỆN BÌNH GIA')).toBe('Ban Chỉ huy Quân sự huyện Bình Gia');
    expect(titleCaseAgency('BAN CHỈ ĐẠO TỈNH')).toBe('Ban Chỉ đạo tỉnh');
  });

  it('the proper name after an administrative unit keeps its capitals', () => {
    expect(titleCaseAgency('ỦY BAN NHÂN DÂN PHƯỜNG HÒA XUÂN')).toBe('Ủy ban nhân dân phường Hòa Xuân');
    expect(titleCaseAgency('ỦY BAN NHÂN DÂN HUYỆN CHƯ PRÔNG')).toBe('Ủy ban nhân dân huyện Chư Prông');
    expect(titleCaseAgency('ỦY BAN NHÂN DÂN THỊ XÃ BA ĐỒN')).toBe('Ủy ban nhân dân thị xã Ba Đồn');
    expect(titleCaseAgency('PHÒNG VĂN HÓA - THÔNG TIN HUYỆN ĐÔNG SƠN')).toBe(
      'Phòng Văn hóa - Thông tin huyện Đông Sơn',
    );
    // "xã hội" is no commune; a unit with nothing after it is left alone.
    expect(titleCaseAgency('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')).toBe(
      'Sở Lao động - Thương binh và Xã hội',
    );
    expect(titleCaseAgency('HỘI ĐỒNG NHÂN DÂN XÃ')).toBe('Hội đồng nhân dân xã');
  });

  it('a province spelled with old tone marks takes its canonical spelling', () => {
    expect(titleCaseAgency('ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ')).toBe('Ủy ban nhân dân tỉnh Khánh Hòa');
  });
});
