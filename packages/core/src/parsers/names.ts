/** Vietnamese personal names: family name first, two to four syllables, each capitalised. */

/** Common family names (general vocabulary). */
const SURNAMES = new Set(
  (
    'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm Phùng ' +
    'Mai Tô Hà Tạ Cao Lương Lưu Đinh Quách Châu Thái La Lại Kiều Khúc Giang Đàm Tăng Triệu Chu Nông Hứa Từ Thân Lò ' +
    'Lục Kim Diệp Tôn Quan Bạch Lạc Mạc Âu Ông Ninh Nghiêm Khổng Thạch Danh Y Trịnh Văn Tống Viên Lữ Đồng Lã Hầu Doãn ' +
    'Biện Cù Cung Đậu Đèo Hàn Khương Khuất Lục Mã Mẫn Nhan Phí Phó Quang Sầm Thang Thiều Tiêu Trình Ung Vi Vòng Yên Trang Sơn Bế Hoàng'
  ).split(' '),
);

const CAPITAL_WORD = /^\p{Lu}[\p{Ll}]*$/u;

/** True when `s` reads as a personal name ("Nguyễn Văn An", "Đỗ Thị Minh Hà"). */
export function isPersonName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    words.every((w) => CAPITAL_WORD.test(w)) &&
    SURNAMES.has(words[0] as string)
  );
}

/**
 * Splits "Phó Chủ tịch UBND tỉnh Nguyễn Văn An" into title and name: the name is
 * the trailing run of capitalised words from its first family name, 2–4 words long.
 */
export function splitTitleAndName(s: string): { title: string | null; name: string | null } {
  const words = s.trim().split(/\s+/).filter(Boolean);
  let runStart = words.length;
  while (runStart > 0 && CAPITAL_WORD.test(words[runStart - 1] as string)) runStart--;
  for (let i = runStart; i <= words.length - 2; i++) {
    const n = words.length - i;
    if (n <= 4 && SURNAMES.has(words[i] as string)) {
      const title = words
        .slice(0, i)
        .join(' ')
        .replace(/[,\s]+$/, '');
      return { title: title || null, name: words.slice(i).join(' ') };
    }
  }
  return { title: words.join(' ') || null, name: null };
}

/** A name at the end of a line: "Lưu: VT, TH. Trần Minh Khoa" → "Trần Minh Khoa". */
export function trailingName(s: string): { name: string; index: number } | null {
  const m = /(?:^|[.;,]\s*|\s)((?:\p{Lu}[\p{Ll}]+\s+){1,4}\p{Lu}[\p{Ll}]+)\s*$/u.exec(s);
  if (!m) return null;
  const name = m[1] as string;
  return isPersonName(name) ? { name, index: s.length - m[0].length + m[0].indexOf(name) } : null;
}
