// The gazetteer (src/gazetteer/provinces.ts): 63 units before and 34 after 1 July 2025
// (Resolution 202/2025/QH15), lookup that forgives OCR.
import { describe, expect, it } from 'vitest';
import { currentProvinceOf, lookupProvince, PROVINCES } from '../src/gazetteer/provinces.ts';

describe('PROVINCES', () => {
  it('has 63 units before 1 July 2025 and 34 after', () => {
    // Thừa Thiên Huế is listed as well: the name Huế carried until it became a city (1 January 2025).
    expect(PROVINCES.filter((p) => p.name !== 'Thừa Thiên Huế')).toHaveLength(63);
    expect(PROVINCES.filter((p) => p.current)).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(PROVINCES.length);
  });

  it('every dissolved unit has a current successor, every current one none', () => {
    const current = new Set(PROVINCES.filter((p) => p.current).map((p) => p.name));
    for (const p of PROVINCES) {
      if (p.current) expect(p.successor, p.name).toBeNull();
      else expect(current.has(p.successor as string), p.name).toBe(true);
    }
  });

  it('has six centrally-run cities among the 34', () => {
    const cities = PROVINCES.filter((p) => p.current && p.kind === 'city').map((p) => p.name);
    expect(cities.sort()).toEqual(['Cần Thơ', 'Huế', 'Hà Nội', 'Hải Phòng', 'Hồ Chí Minh', 'Đà Nẵng'].sort());
  });
});

describe('lookupProvince', () => {
  it('finds the place of a seed notice: "Kiên Giang, ngày 18 tháng 5 năm 2021"', () => {
    const p = lookupProvince('Kiên Giang');
    expect(p?.name).toBe('Kiên Giang');
    expect(p?.current).toBe(false);
    expect(p?.successor).toBe('An Giang');
  });

  it('forgives lost diacritics: "Vinh Phúc, ngày tháng 12 năm 2020"', () => {
    expect(lookupProvince('Vinh Phúc')?.name).toBe('Vĩnh Phúc');
    expect(lookupProvince('VINH PHUC')?.name).toBe('Vĩnh Phúc');
  });

  it('forgives tone placement and a leading kind word', () => {
    expect(lookupProvince('Thanh Hoá')?.name).toBe('Thanh Hóa');
    expect(lookupProvince('tỉnh Khánh Hoà')?.name).toBe('Khánh Hòa');
    expect(lookupProvince('Thành phố Hồ Chí Minh')?.name).toBe('Hồ Chí Minh');
    expect(lookupProvince('TP. Đà Nẵng')?.name).toBe('Đà Nẵng');
  });

  it('knows the aliases met in documents', () => {
    expect(lookupProvince('Bà Rịa-Vũng Tàu')?.name).toBe('Bà Rịa - Vũng Tàu');
    expect(lookupProvince('Đăk Lăk')?.name).toBe('Đắk Lắk');
    expect(lookupProvince('Bắc Cạn')?.name).toBe('Bắc Kạn');
  });

  it('does not turn another name one letter away into a province', () => {
    // After 1 July 2025 a ward or commune signs as the place: "Bình Minh" (one letter from
    // "Bình Định"), "Hà Nan", "Sơn Lâm" are names of their own, not slips of a province's.
    expect(lookupProvince('Bình Minh')).toBeNull();
    expect(lookupProvince('Hà Nan')).toBeNull();
    expect(lookupProvince('Lâm Đồnq')).toBeNull();
    expect(lookupProvince('Quảng Ngãii')).toBeNull();
    // The same letters with their diacritics lost or moved are a slip.
    expect(lookupProvince('Binh Dinh')?.name).toBe('Bình Định');
    expect(lookupProvince('QUANG NGAI')?.name).toBe('Quảng Ngãi');
  });

  it('does not guess: short keys and other words give null', () => {
    expect(lookupProvince('Quang Nai')).toBeNull();
    expect(lookupProvince('Hà')).toBeNull();
    expect(lookupProvince('Ủy ban nhân dân')).toBeNull();
    expect(lookupProvince('')).toBeNull();
  });
});

describe('lookupProvince, regressions', () => {
  // Regression (was a bug, fixed in 1c8412c): the "tp" kind prefix is stripped from the query ("tp hcm" → "hcm") but the alias
  // "TP.HCM" is stored under "tp hcm", so the alias never matches.
  it('finds the alias "TP.HCM" (as in "TP.HCM, ngày 05 tháng 11 năm 2025")', () => {
    expect(lookupProvince('TP.HCM')?.name).toBe('Hồ Chí Minh');
  });
});

describe('currentProvinceOf', () => {
  it('follows a dissolved unit to its successor after 1 July 2025', () => {
    expect(currentProvinceOf('Kiên Giang')?.name).toBe('An Giang');
    expect(currentProvinceOf('Vinh Phúc')?.name).toBe('Phú Thọ');
    expect(currentProvinceOf('Bình Định')?.name).toBe('Gia Lai');
    expect(currentProvinceOf('Thừa Thiên Huế')?.name).toBe('Huế');
    expect(currentProvinceOf('Bình Dương')?.name).toBe('Hồ Chí Minh');
    expect(currentProvinceOf('Sóc Trăng')?.name).toBe('Cần Thơ');
  });

  it('returns a current unit as itself, and null for an unknown name', () => {
    expect(currentProvinceOf('Hà Tĩnh')?.name).toBe('Hà Tĩnh');
    expect(currentProvinceOf('Lâm Đồng')?.current).toBe(true);
    expect(currentProvinceOf('Quy Nhơn')).toBeNull();
  });
});
