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

const escapeRe = (s: string) => s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One pass over the lower-cased name finds every proper name in it, longest first. */
const PROPER_RE = new RegExp(`(?<![\\p{L}])(?:${PROPER.map(escapeRe).join('|')})(?![\\p{L}])`, 'gu');
const CANONICAL = new Map(PROPER.map((p) => [p.toLowerCase(), p]));

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
  let s = upper
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(PROPER_RE, (m) => CANONICAL.get(m) ?? m);
  for (const h of HEADS) {
    const low = h.toLowerCase();
    if (s.startsWith(`${low} `)) s = h + s.slice(low.length);
  }
  return s.charAt(0).toUpperCase() + s.slice(1);
}
