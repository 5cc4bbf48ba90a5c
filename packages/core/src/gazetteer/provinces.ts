/**
 * Vietnam's provincial-level units before and after 1 July 2025.
 *
 * Resolution 202/2025/QH15 (12 June 2025) merged the 63 provinces and centrally-run
 * cities into 34, effective 1 July 2025; 11 kept their borders. Documents written
 * before that date carry the old names, so a lookup must know both and say which new
 * unit an old one became.
 */
import { asciiKey } from '../text/fold.ts';

export type ProvinceKind = 'province' | 'city';

export interface Province {
  /** Canonical name without the kind word: "Kiên Giang", "Hồ Chí Minh". */
  name: string;
  kind: ProvinceKind;
  /** True for the 34 units in force since 1 July 2025. */
  current: boolean;
  /** For a unit dissolved on 1 July 2025: the unit it became part of. */
  successor: string | null;
  /** Other spellings met in documents. */
  aliases: string[];
}

/** The 34 units since 1 July 2025 and the old units merged into each (Resolution 202/2025/QH15). */
const MERGERS: ReadonlyArray<[current: string, kind: ProvinceKind, merged: readonly string[]]> = [
  ['Hà Nội', 'city', []],
  ['Huế', 'city', ['Thừa Thiên Huế']],
  ['Lai Châu', 'province', []],
  ['Điện Biên', 'province', []],
  ['Sơn La', 'province', []],
  ['Lạng Sơn', 'province', []],
  ['Quảng Ninh', 'province', []],
  ['Thanh Hóa', 'province', []],
  ['Nghệ An', 'province', []],
  ['Hà Tĩnh', 'province', []],
  ['Cao Bằng', 'province', []],
  ['Tuyên Quang', 'province', ['Hà Giang']],
  ['Lào Cai', 'province', ['Yên Bái']],
  ['Thái Nguyên', 'province', ['Bắc Kạn']],
  ['Phú Thọ', 'province', ['Vĩnh Phúc', 'Hòa Bình']],
  ['Bắc Ninh', 'province', ['Bắc Giang']],
  ['Hưng Yên', 'province', ['Thái Bình']],
  ['Hải Phòng', 'city', ['Hải Dương']],
  ['Ninh Bình', 'province', ['Hà Nam', 'Nam Định']],
  ['Quảng Trị', 'province', ['Quảng Bình']],
  ['Đà Nẵng', 'city', ['Quảng Nam']],
  ['Quảng Ngãi', 'province', ['Kon Tum']],
  ['Gia Lai', 'province', ['Bình Định']],
  ['Khánh Hòa', 'province', ['Ninh Thuận']],
  ['Lâm Đồng', 'province', ['Đắk Nông', 'Bình Thuận']],
  ['Đắk Lắk', 'province', ['Phú Yên']],
  ['Hồ Chí Minh', 'city', ['Bình Dương', 'Bà Rịa - Vũng Tàu']],
  ['Đồng Nai', 'province', ['Bình Phước']],
  ['Tây Ninh', 'province', ['Long An']],
  ['Cần Thơ', 'city', ['Sóc Trăng', 'Hậu Giang']],
  ['Vĩnh Long', 'province', ['Bến Tre', 'Trà Vinh']],
  ['Đồng Tháp', 'province', ['Tiền Giang']],
  ['Cà Mau', 'province', ['Bạc Liêu']],
  ['An Giang', 'province', ['Kiên Giang']],
];

/** Units that were centrally-run cities before 1 July 2025. */
const OLD_CITIES = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);

const ALIASES: Record<string, string[]> = {
  'Hồ Chí Minh': ['TP. Hồ Chí Minh', 'TP.HCM', 'TPHCM', 'Thành phố Hồ Chí Minh', 'Sài Gòn'],
  'Bà Rịa - Vũng Tàu': ['Bà Rịa Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'BR-VT'],
  'Thừa Thiên Huế': ['Thừa Thiên - Huế', 'TT Huế', 'T.T.Huế'],
  'Đắk Lắk': ['Đăk Lăk', 'Đắc Lắc', 'Đắk Lăk'],
  'Đắk Nông': ['Đăk Nông', 'Đắc Nông'],
  'Bắc Kạn': ['Bắc Cạn'],
  'Hòa Bình': ['Hoà Bình'],
  'Thanh Hóa': ['Thanh Hoá'],
  'Khánh Hòa': ['Khánh Hoà'],
  'Kon Tum': ['Kontum'],
};

export const PROVINCES: readonly Province[] = (() => {
  const list: Province[] = [];
  for (const [current, kind, merged] of MERGERS) {
    list.push({ name: current, kind, current: true, successor: null, aliases: ALIASES[current] ?? [] });
    for (const old of merged) {
      list.push({
        name: old,
        kind: OLD_CITIES.has(old) ? 'city' : 'province',
        current: false,
        successor: current,
        aliases: ALIASES[old] ?? [],
      });
    }
  }
  return list;
})();

const byKey = new Map<string, Province>();
for (const p of PROVINCES) {
  for (const n of [p.name, ...p.aliases]) byKey.set(asciiKey(n), p);
}

const KIND_PREFIX = /^(?:tinh|thanh pho|tp)\s+/;

/**
 * Finds a province by name, forgiving what OCR and typing do to the same letters:
 * lost or misplaced diacritics ("Vinh Long" → Vĩnh Long, "Thanh Hoá"), case, a leading
 * "tỉnh"/"thành phố"/"TP." and the aliases above ("TP.HCM"). A name that differs by a
 * letter is another place, not a slip: since 1 July 2025 wards and communes sign as the
 * place, and many lie one letter from a province, so no nearest-name guess is made.
 */
export function lookupProvince(name: string): Province | null {
  const full = asciiKey(name);
  const key = full.replace(KIND_PREFIX, '');
  if (!key) return null;
  return byKey.get(full) ?? byKey.get(key) ?? null;
}

/** The unit that an old or current province belongs to after 1 July 2025. */
export function currentProvinceOf(name: string): Province | null {
  const p = lookupProvince(name);
  if (!p) return null;
  return p.current ? p : (PROVINCES.find((q) => q.name === p.successor) ?? null);
}
