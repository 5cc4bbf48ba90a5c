/**
 * OCR that lost every diacritic ("So Xay dung chu tri, phoi hop voi ...") defeats
 * patterns written in Vietnamese. For such a text the parsers read a *view* with the
 * marks put back on the words of administrative writing they look for. Every
 * Vietnamese letter is one UTF-16 unit in NFC, so the view has the same length and the
 * same offsets as the text, which stays as printed in the record.
 */
import { AGENCY_HEADS, COLLECTIVE_NOUNS, DEPARTMENT_NAMES, DOC_TYPES } from '../agencies/lexicon.ts';
import { PROVINCES } from '../gazetteer/provinces.ts';
import { asciiKey } from './fold.ts';

/** Words and phrases the parsers rely on (general vocabulary of notices). */
const PHRASES: readonly string[] = [
  ...Object.keys(DOC_TYPES),
  ...AGENCY_HEADS,
  ...DEPARTMENT_NAMES,
  ...COLLECTIVE_NOUNS,
  ...PROVINCES.flatMap((p) => [p.name, ...p.aliases]),
  ...DEPARTMENT_NAMES.map((d) => `Sở ${d}`),
  'ỦY BAN NHÂN DÂN',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Việt Nam',
  'một thành viên',
  'khai thác',
  'công trình thủy lợi',
  'Độc lập',
  'Tự do',
  'Hạnh phúc',
  'Nơi nhận',
  'Như trên',
  'Lưu',
  'CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'CHÁNH VĂN PHÒNG',
  'PHÓ CHÁNH VĂN PHÒNG',
  'GIÁM ĐỐC',
  'PHÓ GIÁM ĐỐC',
  'Chủ tịch',
  'Phó Chủ tịch',
  'Giám đốc',
  'đồng chí',
  'Kết luận của',
  'kết luận như sau',
  'kết luận',
  'như sau',
  'cụ thể như sau',
  'các nội dung sau',
  'Trên đây là',
  'thông báo để',
  'biết, thực hiện',
  'tỉnh',
  'thành phố',
  'huyện',
  'thị xã',
  'phường',
  'cuộc họp',
  'buổi làm việc',
  'chủ trì',
  'chủ trì, phối hợp với',
  'phối hợp với',
  'phối hợp',
  'cùng với',
  'làm đầu mối',
  'là cơ quan đầu mối',
  'làm việc với',
  'thống nhất với',
  'giao',
  'Giao',
  'đề nghị',
  'yêu cầu',
  'khẩn trương',
  'tham mưu',
  'hướng dẫn',
  'rà soát',
  'báo cáo',
  'xây dựng',
  'triển khai',
  'thực hiện',
  'tăng cường',
  'theo dõi',
  'đôn đốc',
  'kiểm tra',
  'tổ chức',
  'tổng hợp',
  'đề xuất',
  'cân đối',
  'bố trí',
  'vận hành',
  'hoàn thành',
  'hoàn thành trước ngày',
  'trước ngày',
  'chậm nhất',
  'thời hạn',
  'trong tháng',
  'trong quý',
  'trong năm',
  'kể từ ngày ký',
  'ngày làm việc',
  'hằng tháng',
  'hằng tuần',
  'hằng quý',
  'hằng năm',
  'hằng ngày',
  'định kỳ',
  'đầu năm',
  'cuối năm',
  'Đánh giá chung',
  'đánh giá',
  'Về',
  'Đối với',
  'các cơ quan, đơn vị liên quan',
  'liên quan',
  'có liên quan',
  'trên địa bàn',
];

const DICT = new Map<string, string>();
let longest = 1;
for (const p of PHRASES) {
  const words = p.split(/[^\p{L}\d]+/u).filter(Boolean);
  if (words.length === 0) continue;
  DICT.set(words.map((w) => asciiKey(w)).join(' '), words.join(' '));
  longest = Math.max(longest, words.length);
}

/** The word counts of the phrases' keys, by their first word. */
const PHRASE_SIZES = new Map<string, Set<number>>();
for (const key of DICT.keys()) {
  const sizes = PHRASE_SIZES.get(firstWord(key)) ?? new Set<number>();
  sizes.add(key.split(' ').length);
  PHRASE_SIZES.set(firstWord(key), sizes);
}
/** The most words of a phrase that opens with each word. */
const PHRASE_MAX_WORDS = new Map([...PHRASE_SIZES].map(([w, sizes]) => [w, Math.max(...sizes)]));

function firstWord(key: string): string {
  const space = key.indexOf(' ');
  return space < 0 ? key : key.slice(0, space);
}

/**
 * The keys of tokens i, i..i+1, ..., i..i+n-1, each run joined by spaces, with its count of
 * words (a token's key holds more than one when a letter outside Latin splits it); only
 * runs of at most `maxWords` words, the longest phrase there is to find.
 */
function joinedKeys(
  tokens: readonly { key: string }[],
  i: number,
  n: number,
  maxWords: number,
): { key: string; words: number }[] {
  const runs: { key: string; words: number }[] = [];
  let key = '';
  let words = 0;
  for (let k = 0; k < n; k++) {
    const next = (tokens[i + k] as { key: string }).key;
    key = k === 0 ? next : `${key} ${next}`;
    words += next.includes(' ') ? next.split(' ').length : 1;
    if (words > maxWords) break;
    runs.push({ key, words });
  }
  return runs;
}

/** Heads whose bare spelling is also a common name part ("Quy Nhơn", "Hoi An"). */
const AMBIGUOUS_HEADS = new Set(['quy', 'hoi', 'doi', 'tram', 'bo', 'cuc']);

/** Lower-case words that are safe to restore alone in administrative writing. */
const SAFE_SINGLE = new Map([
  ['cac', 'các'],
  ['va', 'và'],
  ['cua', 'của'],
  ['voi', 'với'],
  ['tinh', 'tỉnh'],
  ['huyen', 'huyện'],
  ['nganh', 'ngành'],
  ['nhung', 'những'],
  ['duoc', 'được'],
]);

const MARKED_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
/** 1 at the code of each marked letter (all below U+1EFA). */
const MARKED_CODES = new Uint8Array(0x1efa);
for (const ch of MARKED_LETTERS + MARKED_LETTERS.toUpperCase()) MARKED_CODES[ch.charCodeAt(0)] = 1;

const MAX_LETTERS = 4000;

/**
 * True when a text has lost many of its diacritics. In Vietnamese about a quarter of all
 * letters carry a mark (0.27 in the seed notices); well under that, OCR dropped them.
 */
export function lostDiacritics(text: string): boolean {
  // The first few thousand letters tell as well as the whole text; a fifth of the most
  // letters ever counted marked already, and the answer is known.
  const { letters, marked } = countLetters(text, 0, text.length, MAX_LETTERS, MAX_LETTERS / 5 - 1);
  return letters >= 200 && marked / letters < 0.2;
}

/**
 * Letters and marked letters of text[from, to), counted in one pass without building
 * arrays (this runs on every notice), until `maxLetters` letters or more than `maxMarked`
 * marked ones are counted.
 */
function countLetters(
  text: string,
  from: number,
  to: number,
  maxLetters: number,
  maxMarked: number,
): { letters: number; marked: number } {
  let letters = 0;
  let marked = 0;
  let i = from;
  // Whole chunks are summed without branches (letter or not, marked or not, in Vietnamese
  // text a branch a character mispredicts often): about twice as fast. The chunk that
  // would reach a limit is left to the exact loop below. (A count that stops after a few
  // marked letters stops sooner in the exact loop.)
  for (; maxMarked >= CHUNK && i + CHUNK <= to; i += CHUNK) {
    let sum = 0;
    for (let j = i; j < i + CHUNK; j++) {
      const c = text.charCodeAt(j);
      sum += c < LETTER_KINDS.length ? (LETTER_KINDS[c] as number) : 0;
    }
    const chunkLetters = sum & 0xff;
    const chunkMarked = sum >> 8;
    if (letters + chunkLetters >= maxLetters || marked + chunkMarked > maxMarked) break;
    letters += chunkLetters;
    marked += chunkMarked;
  }
  for (; i < to && letters < maxLetters; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c >= 0xc0 && c <= 0x1ef9) {
      letters++;
      marked += MARKED_CODES[c] as number;
      if (marked > maxMarked) break;
    }
  }
  return { letters, marked };
}
const CHUNK = 64;
/** Per char code below U+1EFA: 1 for a letter, plus 256 for a marked one (countLetters' sums). */
const LETTER_KINDS = (() => {
  const kinds = new Uint16Array(0x1efa);
  for (let c = 65; c <= 122; c++) if (c <= 90 || c >= 97) kinds[c] = 1;
  for (let c = 0xc0; c < 0x1efa; c++) kinds[c] = 1 + 256 * (MARKED_CODES[c] as number);
  return kinds;
})();

function withCase(model: string, word: string): string {
  if (model === model.toUpperCase() && /\p{L}{2}/u.test(model)) return word.toUpperCase();
  const lower = word.toLowerCase();
  return /^\p{Lu}/u.test(model) ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
}

/** The text with diacritics restored on known words; same length and offsets. */
export function restoreDiacritics(text: string): string {
  if (lostDiacritics(text)) return restoreWords(text);
  // A text that kept its marks may hold a line OCR printed bare ("Cac so, ban, nganh ..."):
  // such lines are restored alone.
  let out = '';
  let done = 0;
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    if (isBareLine(text, from, to)) {
      out += text.slice(done, from) + restoreWords(text.slice(from, to));
      done = to;
    }
    from = to + 1;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** A line of some length in which hardly a letter carries a mark (a quarter do in Vietnamese). */
function isBareLine(text: string, from: number, to: number): boolean {
  if (to - from < MIN_BARE_LINE) return false;
  const { letters, marked } = countLetters(text, from, to, Number.POSITIVE_INFINITY, 2);
  return letters >= MIN_BARE_LINE / 2 && marked <= 2;
}

/** Characters a line needs before its lack of marks says OCR dropped them. */
const MIN_BARE_LINE = 60;

interface Token {
  start: number;
  end: number;
  key: string;
}

/** Records `word` for token `k` of `text`, when it may replace the word printed there. */
function restoreToken(
  into: { text: string; tokens: Token[]; restored: Map<number, string> },
  k: number,
  word: string,
): void {
  // A key of a word that mixes scripts ("soβxay") holds a space: its phrase may run past
  // the last word.
  const t = into.tokens[k];
  // Only words printed without any mark are touched; a marked word is the printer's choice.
  if (!t || word.length !== t.end - t.start) return;
  const printed = into.text.slice(t.start, t.end);
  if (!/[^ -~]/.test(printed)) into.restored.set(k, withCase(printed, word));
}

/** The text with diacritics put back on the words of the dictionary; same length. */
function restoreWords(text: string): string {
  const tokens: Token[] = [];
  const re = /[\p{L}\d]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text))
    tokens.push({ start: m.index, end: m.index + m[0].length, key: asciiKey(m[0]) });
  // Restored words by token (a later one for the same token wins), spliced in at the end.
  const restored = new Map<number, string>();
  const restoring = { text, tokens, restored };
  for (let i = 0; i < tokens.length; ) {
    let used = 0;
    const t0 = tokens[i] as (typeof tokens)[number];
    const after = text.slice(t0.end, t0.end + 6);
    // Short words that differ by context: "So: 97" is a number, "So Xay dung" a department.
    if (t0.key === 'so' && /^\s*[:.]?\s*\d|^\s*:/.test(after)) {
      restoreToken(restoring, i, 'số');
      i++;
      continue;
    }
    // Phrases are looked up longest first; only a word that opens one can start one, and
    // only runs as long (in words) as one of those are worth a lookup.
    const sizes = PHRASE_SIZES.get(firstWord(t0.key));
    const runs = sizes
      ? joinedKeys(
          tokens,
          i,
          Math.min(longest, tokens.length - i),
          PHRASE_MAX_WORDS.get(firstWord(t0.key)) as number,
        )
      : [];
    for (let n = runs.length; n >= 1 && !used; n--) {
      // One word alone is restored only as a capitalised name head ("So", "Bao"): lower-case
      // single words are too ambiguous ("bao" is bão, báo or bao).
      if (n === 1 && (!/^\p{Lu}/u.test(text.charAt(t0.start)) || AMBIGUOUS_HEADS.has(t0.key))) continue;
      const run = runs[n - 1] as { key: string; words: number };
      if (!sizes?.has(run.words)) continue;
      const hit = DICT.get(run.key);
      if (!hit) continue;
      for (const [k, w] of hit.split(' ').entries()) restoreToken(restoring, i + k, w);
      used = n;
    }
    if (!used) {
      // Short words that differ by context: "So: 97" is a number, "So Xay dung" a department.
      const safe = SAFE_SINGLE.get(t0.key);
      if (safe) restoreToken(restoring, i, safe);
      else if (t0.key === 'ngay' && /^\s*\d/.test(after)) restoreToken(restoring, i, 'ngày');
      else if (t0.key === 'truoc' && /^\s*\d/.test(after)) restoreToken(restoring, i, 'trước');
      else if (t0.key === 'thang' && /^\s*\d/.test(after)) restoreToken(restoring, i, 'tháng');
      else if (t0.key === 'nam' && /^\s*\d{4}/.test(after)) restoreToken(restoring, i, 'năm');
      else if (t0.key === 'quy' && /^\s*(?:[IV]+|\d)(?![\p{L}])/u.test(after))
        restoreToken(restoring, i, 'quý');
      used = 1;
    }
    i += used;
  }
  if (restored.size === 0) return text;
  let out = '';
  let done = 0;
  for (const k of [...restored.keys()].sort((a, b) => a - b)) {
    const t = tokens[k] as (typeof tokens)[number];
    out += text.slice(done, t.start) + (restored.get(k) as string);
    done = t.end;
  }
  return out + text.slice(done);
}

/** The tone mark of "oa", "oe", "uy" at a syllable's end, moved from the second vowel to the first. */
const TONE_MOVES: Record<string, [string, string]> = {};
for (const [first, second, toned] of [
  ['o', 'a', 'àáảãạ'],
  ['o', 'e', 'èéẻẽẹ'],
  ['u', 'y', 'ỳýỷỹỵ'],
] as const) {
  const firstToned = { o: 'òóỏõọ', u: 'ùúủũụ' }[first];
  for (let k = 0; k < 5; k++) {
    const from = first + toned[k];
    const to = (firstToned?.[k] ?? first) + second;
    TONE_MOVES[from] = [to, ''];
    TONE_MOVES[from.toUpperCase()] = [to.toUpperCase(), ''];
    TONE_MOVES[first.toUpperCase() + toned[k]] = [(firstToned?.[k] ?? first).toUpperCase() + second, ''];
  }
}
const OLD_TONE_RE = /(?<![qQ])([oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}])/gu;

/**
 * One tone placement for the parsers: the old style ("hoà", "uỷ", "thuỷ") read as the
 * new one the patterns are written in ("hòa", "ủy", "thủy"). Same length, same offsets;
 * "quý" keeps its mark, the "u" belonging to "qu".
 */
export function newTonePlacement(text: string): string {
  if (!/[àáảãạèéẻẽẹỳýỷỹỵ]/iu.test(text)) return text;
  return text.replace(OLD_TONE_RE, (m) => TONE_MOVES[m]?.[0] ?? m);
}
