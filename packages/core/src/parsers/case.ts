/** Sentence case for names printed in capitals ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"). */
import { DEPARTMENT_NAMES } from '../agencies/lexicon.ts';
import { PROVINCES } from '../gazetteer/provinces.ts';

const PROPER: string[] = [
  ...DEPARTMENT_NAMES,
  ...PROVINCES.flatMap((p) => [p.name, ...p.aliases]),
  'Ủy ban nhân dân',
  'Hội đồng nhân dân',
  'Văn phòng',
  'Tỉnh ủy',
  'Trung ương',
  'Việt Nam',
].sort((a, b) => b.length - a.length);

const HEADS = [
  'Sở',
  'Ban',
  'Bộ',
  'Cục',
  'Chi cục',
  'Phòng',
  'Trung tâm',
  'Đài',
  'Báo',
  'Công an',
  'Văn phòng',
];

/** "SỞ THÔNG TIN VÀ TRUYỀN THÔNG QUẢNG NAM" → "Sở Thông tin và Truyền thông Quảng Nam". */
export function titleCaseAgency(upper: string): string {
  let s = upper.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const p of PROPER) {
    const low = p.toLowerCase();
    let i = s.indexOf(low);
    while (i >= 0) {
      const before = i === 0 || /[\s(,-]/.test(s[i - 1] as string);
      const after = i + low.length >= s.length || /[\s),.-]/.test(s[i + low.length] as string);
      if (before && after) s = s.slice(0, i) + p + s.slice(i + low.length);
      i = s.indexOf(low, i + low.length);
    }
  }
  for (const h of HEADS) {
    const low = h.toLowerCase();
    if (s.startsWith(`${low} `)) s = h + s.slice(low.length);
  }
  return s.charAt(0).toUpperCase() + s.slice(1);
}
