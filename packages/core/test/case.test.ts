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
    // Only whole words: "BAN CHỈ ĐẠO" keeps "Ban" as the head, the rest in lower case.
    expect(titleCaseAgency('BAN  CHỈ ĐẠO PHÒNG THỦ DÂN SỰ TỈNH HÀ TĨNH')).toBe(
      'Ban chỉ đạo phòng thủ dân sự tỉnh Hà Tĩnh',
    );
  });
});
