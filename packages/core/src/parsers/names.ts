/**
 * Vietnamese personal names: family name first, then middle and given names — two to
 * five syllables, each capitalised. Family names are a small closed set, some of them
 * one or two letters (Hà, Lò, Vi, Y), and OCR may strip a name of its diacritics.
 */
import { asciiKey, isSpace } from '../text/fold.ts';

/** Common family names (general vocabulary). */
const SURNAMES = new Set(
  (
    'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm Phùng ' +
    'Mai Tô Hà Tạ Cao Lương Lưu Đinh Quách Châu Thái La Lại Kiều Khúc Giang Đàm Tăng Triệu Chu Nông Hứa Từ Thân Lò ' +
    'Lục Kim Diệp Tôn Quan Bạch Lạc Mạc Âu Ông Ninh Nghiêm Khổng Thạch Danh Y Trịnh Văn Tống Viên Lữ Đồng Lã Hầu Doãn ' +
    'Biện Cù Cung Đậu Đèo Hàn Khương Khuất Lục Mã Mẫn Nhan Phí Phó Quang Sầm Thang Thiều Tiêu Trình Ung Vi Vòng Yên Trang Sơn Bế Hoàng ' +
    // Family names of the northern mountain peoples (Mông, Thái, Tày, Nùng, Dao) and of the
    // Central Highlands (Ê Đê, Gia Rai, Ba Na, Cơ Ho), whose officers sign notices too.
    'Sùng Giàng Vàng Thào Lù Hờ Mùa Sình Tráng Chảo Hạng Cầm Lường Quàng Tòng Ma Lộc Ka Ksor Siu Rcom Rơ Niê Mlô Byă Kpă'
  ).split(' '),
);

/** The family names without diacritics, for names that OCR printed bare ("Nguyen Thi Thu"). */
const SURNAME_KEYS = new Set([...SURNAMES].map((n) => asciiKey(n)));

/**
 * The middle names that mark a personal name whatever the family name before them: "Thị"
 * for women, "Văn" for men. They let a family name outside the list above read as one.
 */
const MIDDLE_MARKS = new Set(['thi', 'van']);

/**
 * Words that begin the names of bodies and units, not of people: a title-cased line
 * "Phòng Văn Hóa" or "Sở Văn Thư" is not "<family name> Văn <given name>".
 */
const UNIT_HEADS = new Set(
  (
    'so phong ban uy cuc chi trung tinh thanh huyen quan xa phuong thi van cong hoi dang bo vien truong dai bao ' +
    'tong nha kho benh ngan doan mat to'
  ).split(' '),
);

const CAPITAL_WORD = /^\p{Lu}[\p{Ll}]*$/u;
const ASCII_WORD = /^[A-Za-z]+$/;

/**
 * True when the words from `i` on can open a personal name: a known family name (also
 * without its diacritics when OCR printed the word bare), or any capitalised word that is
 * no unit's head when a middle-name mark "Thị"/"Văn" follows it.
 */
function opensName(words: readonly string[], i: number): boolean {
  const w = words[i] as string;
  if (SURNAMES.has(w)) return true;
  // The key is taken only where it is read: it costs more than the tests before it.
  if (ASCII_WORD.test(w) && SURNAME_KEYS.has(asciiKey(w))) return true;
  const next = words[i + 1];
  return (
    next !== undefined &&
    i + 2 < words.length &&
    (next === 'Thị' || next === 'Văn' || (ASCII_WORD.test(next) && MIDDLE_MARKS.has(next.toLowerCase()))) &&
    !UNIT_HEADS.has(asciiKey(w))
  );
}

/**
 * Whether `s` may open with a capital, as a name does. Below U+00C0 only A–Z are capitals:
 * most lines are ruled out by their first character, without a regex.
 */
export function mayOpenName(s: string): boolean {
  const c = s.charCodeAt(0);
  return !(c < 0xc0 && (c < 65 || c > 90));
}

/** True when `s` reads as a personal name ("Nguyễn Văn An", "Đỗ Thị Minh Hà", "Tran Van Binh"). */
export function isPersonName(s: string): boolean {
  const t = s.trim();
  if (!mayOpenName(t)) return false;
  const words = t.split(/\s+/);
  return (
    words.length >= 2 && words.length <= 5 && words.every((w) => CAPITAL_WORD.test(w)) && opensName(words, 0)
  );
}

/**
 * Splits "Phó Chủ tịch UBND tỉnh Nguyễn Văn An" into title and name: the name is
 * the trailing run of capitalised words from its first family name, 2–4 words long.
 */
export function splitTitleAndName(s: string): { title: string | null; name: string | null } {
  const words = s.trim().split(/\s+/).filter(Boolean);
  // A name of at most four words opens at one of the last four: the run of capitalised words
  // is looked for no further back.
  const earliest = Math.max(0, words.length - 4);
  let runStart = words.length;
  while (runStart > earliest && CAPITAL_WORD.test(words[runStart - 1] as string)) runStart--;
  for (let i = runStart; i <= words.length - 2; i++) {
    if (opensName(words, i)) {
      const title = withoutTrailingCommas(words.slice(0, i).join(' '));
      return { title: title || null, name: words.slice(i).join(' ') };
    }
  }
  return { title: words.join(' ') || null, name: null };
}

/** `s.replace(/[,\s]+$/, '')`, read from the end: the regex would try every comma and space. */
function withoutTrailingCommas(s: string): string {
  let e = s.length;
  while (e > 0 && (s.charCodeAt(e - 1) === 0x2c || isSpace(s.charCodeAt(e - 1)))) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** A name at the end of a line: "Lưu: VT, TH. Trần Minh Khoa" → "Trần Minh Khoa". */
export function trailingName(s: string): { name: string; index: number } | null {
  const m = /(?:^|[.;,]\s*|\s)((?:\p{Lu}[\p{Ll}]+\s+){1,4}\p{Lu}[\p{Ll}]+)\s*$/u.exec(s);
  if (!m) return null;
  const name = m[1] as string;
  return isPersonName(name) ? { name, index: s.length - m[0].length + m[0].indexOf(name) } : null;
}
