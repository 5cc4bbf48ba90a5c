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

/** A node of the dictionary's trie: the phrases whose keys open with the same words. */
interface PhraseNode {
  /** The node one word further, by that word's key. */
  next: Map<string, PhraseNode>;
  /** The words of the phrase whose key ends here, if one does. */
  words?: readonly string[];
}

/**
 * The phrases by the words of their keys (a phrase's key is its words' keys joined by
 * spaces). Walking it a token at a time finds what a lookup of the tokens' keys joined by
 * spaces would, and stops as soon as no phrase opens with them.
 */
const PHRASE_TRIE: PhraseNode = { next: new Map() };
for (const p of PHRASES) {
  const words = p.split(/[^\p{L}\d]+/u).filter(Boolean);
  if (words.length === 0) continue;
  const key = words.map((w) => asciiKey(w)).join(' ');
  let node = PHRASE_TRIE;
  // The joined key is split again (a word's key may hold a space), so that the walk matches it exactly.
  for (const w of key.split(' ')) {
    let next = node.next.get(w);
    if (!next) {
      next = { next: new Map() };
      node.next.set(w, next);
    }
    node = next;
  }
  node.words = words;
}

/**
 * The node after the words of token `t`'s key (which holds several when a letter outside
 * Latin splits the token; never when the token is ASCII).
 */
function childOf(node: PhraseNode, t: Token): PhraseNode | undefined {
  if (t.ascii || !t.key.includes(' ')) return node.next.get(t.key);
  let at: PhraseNode | undefined = node;
  for (const w of t.key.split(' ')) {
    at = at.next.get(w);
    if (!at) return undefined;
  }
  return at;
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
    // Two sums, of the even and the odd characters, do not wait on each other: faster again.
    let even = 0;
    let odd = 0;
    for (let j = i; j < i + CHUNK; j += 2) {
      even += LETTER_KINDS[text.charCodeAt(j)] as number;
      odd += LETTER_KINDS[text.charCodeAt(j + 1)] as number;
    }
    const sum = even + odd;
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
/**
 * Per UTF-16 code: 1 for a letter, plus 256 for a marked one (countLetters' sums); 0 from
 * U+1EFA up. A table of every code spares the loop a test of the range.
 */
const LETTER_KINDS = (() => {
  const kinds = new Uint16Array(0x10000);
  for (let c = 65; c <= 122; c++) if (c <= 90 || c >= 97) kinds[c] = 1;
  for (let c = 0xc0; c < 0x1efa; c++) kinds[c] = 1 + 256 * (MARKED_CODES[c] as number);
  return kinds;
})();

/** A word in the three cases a restored word may take, worked out once. */
interface Forms {
  upper: string;
  lower: string;
  /** Lower case with a capital first letter. */
  capital: string;
}

const FORMS = new Map<string, Forms>();

/** The forms of `word`, remembered: the words restored are few (the dictionary's and a handful). */
function formsOf(word: string): Forms {
  let forms = FORMS.get(word);
  if (!forms) {
    const lower = word.toLowerCase();
    forms = { upper: word.toUpperCase(), lower, capital: lower.charAt(0).toUpperCase() + lower.slice(1) };
    FORMS.set(word, forms);
  }
  return forms;
}

/**
 * `word` in the case of text[start, end), a word printed in ASCII letters and digits only:
 * upper case when it has no lower-case letter and two letters in a row, capitalised when it
 * opens with a capital, else lower case. (For ASCII these are the tests `model ===
 * model.toUpperCase()`, `/\p{L}{2}/u` and `/^\p{Lu}/u` made on the printed word.)
 */
function withCase(text: string, start: number, end: number, word: string): string {
  const forms = formsOf(word);
  let lower = false;
  let twoLetters = false;
  let letterBefore = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && letterBefore) twoLetters = true;
    letterBefore = letter;
  }
  if (!lower && twoLetters) return forms.upper;
  const first = text.charCodeAt(start);
  return first >= 65 && first <= 90 ? forms.capital : forms.lower;
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
  // Most lines show three marked letters within their first words, which a sum without
  // branches tells sooner than the exact count (marks only add up: such a line is not bare).
  if (markedLetters(text, from, from + HEAD_OF_LINE) > 2) return false;
  const { letters, marked } = countLetters(text, from, to, Number.POSITIVE_INFINITY, 2);
  return letters >= MIN_BARE_LINE / 2 && marked <= 2;
}

/** The marked letters of text[from, to). */
function markedLetters(text: string, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += LETTER_KINDS[text.charCodeAt(i)] as number;
  return sum >> 8;
}
/** Characters at the head of a line that isBareLine sums first (fewer than MIN_BARE_LINE). */
const HEAD_OF_LINE = 32;

/** Characters a line needs before its lack of marks says OCR dropped them. */
const MIN_BARE_LINE = 60;

interface Token {
  start: number;
  end: number;
  key: string;
  /** Whether the token is printed in ASCII alone (no mark, no letter outside Latin). */
  ascii: boolean;
}

/** Records `word` for token `k` of `text`, when it may replace the word printed there. */
function restoreToken(
  into: { text: string; tokens: Token[]; restored: string[] },
  k: number,
  word: string,
): void {
  // A key of a word that mixes scripts ("soβxay") holds a space: its phrase may run past
  // the last word.
  const t = into.tokens[k];
  // Only words printed without any mark are touched; a marked word is the printer's choice.
  if (!t || word.length !== t.end - t.start) return;
  if (t.ascii) into.restored[k] = withCase(into.text, t.start, t.end, word);
}

const LETTER = /\p{L}/u;
/** Per UTF-16 code: 0 not known yet, 1 a letter or digit (what `[\p{L}\d]` matches alone), 2 neither. */
const WORD_CODES = new Uint8Array(0x10000);

/** Whether the code point at text[i] (`width` units) is one `[\p{L}\d]` under the flag u matches. */
function isWordChar(text: string, i: number, c: number, width: number): boolean {
  if (width === 2) return LETTER.test(text.slice(i, i + 2));
  let kind = WORD_CODES[c] as number;
  if (kind === 0) {
    // A lone surrogate is no letter.
    kind = (c >= 48 && c <= 57) || LETTER.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CODES[c] = kind;
  }
  return kind === 1;
}

/**
 * The tokens of `text`: the matches of `/[\p{L}\d]+/gu`, found by a loop over the codes
 * (a regex call per word costs more). Like the regex, it steps by code points, a surrogate
 * pair being one.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let ascii = true;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) width = 2;
    }
    const word =
      c < 0x80 ? (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) : isWordChar(text, i, c, width);
    if (word) {
      if (start < 0) {
        start = i;
        ascii = true;
      }
      if (c >= 0x80) ascii = false;
    } else if (start >= 0) {
      tokens.push({ start, end: i, key: tokenKey(text.slice(start, i), ascii), ascii });
      start = -1;
    }
    i += width;
  }
  if (start >= 0) tokens.push({ start, end: text.length, key: tokenKey(text.slice(start), ascii), ascii });
  return tokens;
}

/**
 * `asciiKey(word)`. For a word of ASCII letters and digits alone that is its lower case
 * (the key keeps digits, lowers letters and has no space), which is cheaper to get.
 */
function tokenKey(word: string, ascii: boolean): string {
  return ascii ? word.toLowerCase() : asciiKey(word);
}

/**
 * The longest phrase of the dictionary that opens at token i: the number of tokens it
 * covers (0 for none) and its words.
 */
function phraseAt(text: string, tokens: readonly Token[], i: number): { n: number; hit: readonly string[] } {
  let best = NO_PHRASE;
  let node: PhraseNode | undefined = PHRASE_TRIE;
  for (let k = i; k < tokens.length; k++) {
    node = childOf(node, tokens[k] as Token);
    if (!node) break;
    // One word alone is restored only as a capitalised name head ("So", "Bao"): lower-case
    // single words are too ambiguous ("bao" is bão, báo or bao).
    if (node.words && (k > i || isNameHead(text, tokens[i] as Token)))
      best = { n: k - i + 1, hit: node.words };
  }
  return best;
}

const NO_PHRASE: { n: number; hit: readonly string[] } = { n: 0, hit: [] };

function isNameHead(text: string, t: Token): boolean {
  return /^\p{Lu}/u.test(text.charAt(t.start)) && !AMBIGUOUS_HEADS.has(t.key);
}

/** The text with diacritics put back on the words of the dictionary; same length. */
function restoreWords(text: string): string {
  const tokens = tokenize(text);
  // Restored words by token (a later one for the same token wins), spliced in at the end.
  const restored: string[] = [];
  const restoring = { text, tokens, restored };
  for (let i = 0; i < tokens.length; ) {
    const t0 = tokens[i] as Token;
    // Short words that differ by context: "So: 97" is a number, "So Xay dung" a department.
    if (t0.key === 'so' && /^\s*[:.]?\s*\d|^\s*:/.test(textAfter(text, t0))) {
      restoreToken(restoring, i, 'số');
      i++;
      continue;
    }
    // The longest phrase that opens here wins.
    const used = phraseAt(text, tokens, i);
    if (used.n > 0) {
      for (let k = 0; k < used.hit.length; k++) restoreToken(restoring, i + k, used.hit[k] as string);
      i += used.n;
      continue;
    }
    const safe = SAFE_SINGLE.get(t0.key);
    if (safe) restoreToken(restoring, i, safe);
    else {
      const before = BEFORE_NUMBER.get(t0.key);
      if (before?.[1].test(textAfter(text, t0))) restoreToken(restoring, i, before[0]);
    }
    i++;
  }
  if (restored.length === 0) return text;
  let out = '';
  let done = 0;
  for (let k = 0; k < restored.length; k++) {
    const word = restored[k];
    if (word === undefined) continue;
    const t = tokens[k] as Token;
    out += text.slice(done, t.start) + word;
    done = t.end;
  }
  return out + text.slice(done);
}

/** The six characters after a token, which tell a number that follows. */
function textAfter(text: string, t: Token): string {
  return text.slice(t.end, t.end + 6);
}

/** Words restored alone when a number follows ("ngay 5", "nam 2020", "quy IV"), with the test of what follows. */
const BEFORE_NUMBER = new Map<string, [string, RegExp]>([
  ['ngay', ['ngày', /^\s*\d/]],
  ['truoc', ['trước', /^\s*\d/]],
  ['thang', ['tháng', /^\s*\d/]],
  ['nam', ['năm', /^\s*\d{4}/]],
  ['quy', ['quý', /^\s*(?:[IV]+|\d)(?![\p{L}])/u]],
]);

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
/**
 * The pairs a tone moves in, at a syllable's end. (The "q" before them, which keeps a tone in
 * place, is tested by movedTone: a lookbehind opening the pattern made every scan slower.
 * A match refused for its "q" leaves nothing else to match, as no pair opens with its second
 * letter.)
 */
const OLD_TONE_RE = /[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ](?![\p{L}])|[uU][ỳýỷỹỵỲÝỶỸỴ](?![\p{L}])/gu;

/** The replacement of `pair` found at `offset` of `text`: the pair as printed after "q" or "Q". */
function movedTone(pair: string, offset: number, text: string): string {
  // Only "q" (113) and "Q" (81) give 113 with bit 5 set; a surrogate before is no "q".
  if (offset > 0 && (text.charCodeAt(offset - 1) | 32) === 113) return pair;
  return TONE_MOVES[pair]?.[0] ?? pair;
}

/**
 * One tone placement for the parsers: the old style ("hoà", "uỷ", "thuỷ") read as the
 * new one the patterns are written in ("hòa", "ủy", "thủy"). Same length, same offsets;
 * "quý" keeps its mark, the "u" belonging to "qu".
 */
export function newTonePlacement(text: string): string {
  if (!/[àáảãạèéẻẽẹỳýỷỹỵ]/iu.test(text)) return text;
  // String.replace with a function, in an exec loop that builds a new text only for a change.
  let out = '';
  let done = 0;
  OLD_TONE_RE.lastIndex = 0;
  for (let m = OLD_TONE_RE.exec(text); m; m = OLD_TONE_RE.exec(text)) {
    const moved = movedTone(m[0], m.index, text);
    if (moved === m[0]) continue;
    out += text.slice(done, m.index) + moved;
    done = m.index + m[0].length;
  }
  return done === 0 ? text : out + text.slice(done);
}
