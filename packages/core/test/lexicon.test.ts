// Agency vocabulary (src/agencies/lexicon.ts): abbreviations expanded for comparison.
import { describe, expect, it } from 'vitest';
import {
  AGENCY_HEADS,
  DEPARTMENT_NAMES,
  DEPARTMENT_SUCCESSORS,
  expandAbbreviations,
  ISSUER_ABBREVIATIONS,
} from '../src/agencies/lexicon.ts';

describe('expandAbbreviations', () => {
  it('expands the abbreviations of agency names met in notices', () => {
    expect(expandAbbreviations('Văn phòng UBND tỉnh')).toBe('Văn phòng Ủy ban nhân dân tỉnh');
    expect(expandAbbreviations('TT.HĐND tỉnh')).toBe('TT.Hội đồng nhân dân tỉnh');
    expect(expandAbbreviations('Sở TT&TT')).toBe('Sở Thông tin và Truyền thông');
    expect(expandAbbreviations('Sở TTTT')).toBe('Sở Thông tin và Truyền thông');
    expect(expandAbbreviations('Sở KH&ĐT')).toBe('Sở Kế hoạch và Đầu tư');
    expect(expandAbbreviations('Sở NN&PTNT')).toBe('Sở Nông nghiệp và Phát triển nông thôn');
    expect(expandAbbreviations('Sở GD&ĐT')).toBe('Sở Giáo dục và Đào tạo');
    expect(expandAbbreviations('Đài PT-TH tỉnh')).toBe('Đài Phát thanh - Truyền hình tỉnh');
    expect(expandAbbreviations('Ủy ban MTTQ Việt Nam tỉnh')).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(expandAbbreviations('BQL các khu công nghiệp')).toBe('Ban Quản lý các khu công nghiệp');
  });

  it('expands every occurrence and only whole words', () => {
    expect(expandAbbreviations('UBND tỉnh, UBND các xã')).toBe(
      'Ủy ban nhân dân tỉnh, Ủy ban nhân dân các xã',
    );
    // "VPN" and "UBNDX" are no abbreviations of ours.
    expect(expandAbbreviations('mạng VPN của UBNDX')).toBe('mạng VPN của UBNDX');
  });

  it('leaves a name without abbreviations unchanged', () => {
    const s = 'Sở Nông nghiệp và Môi trường';
    expect(expandAbbreviations(s)).toBe(s);
  });
});

describe('vocabulary tables', () => {
  it('heads and department names are sorted longest first, so that the longest wins', () => {
    for (const list of [AGENCY_HEADS, DEPARTMENT_NAMES])
      for (let i = 1; i < list.length; i++)
        expect((list[i - 1] as string).length).toBeGreaterThanOrEqual((list[i] as string).length);
  });

  it('merged departments follow their successors (Decree 45/2025)', () => {
    expect(DEPARTMENT_SUCCESSORS['Sở Thông tin và Truyền thông']).toBe('Sở Khoa học và Công nghệ');
    expect(DEPARTMENT_SUCCESSORS['Sở Kế hoạch và Đầu tư']).toBe('Sở Tài chính');
    // A successor is never itself merged away.
    for (const to of Object.values(DEPARTMENT_SUCCESSORS)) expect(DEPARTMENT_SUCCESSORS[to]).toBeUndefined();
  });

  it('a notation issuer code names its department: "TB-STTTT"', () => {
    expect(ISSUER_ABBREVIATIONS.STTTT).toBe('Sở Thông tin và Truyền thông');
    expect(ISSUER_ABBREVIATIONS.VP).toBe('Văn phòng Ủy ban nhân dân');
  });
});
