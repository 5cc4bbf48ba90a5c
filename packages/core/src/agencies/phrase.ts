/**
 * Recognises the noun phrase that names an agency at a position in a sentence:
 * a named body ("Sở Kế hoạch và Đầu tư", "UBND thành phố Vinh", "Công an tỉnh"),
 * a group ("các cơ quan, đơn vị liên quan", "các doanh nghiệp viễn thông"), or the
 * bare "Sở" that stands for the department the meeting was held with.
 */

import { DIRECTIVE_VERBS } from '../tasks/verbs.ts';
import { asciiKey, foldSpaces, isSpace } from '../text/fold.ts';
import { AGENCY_HEADS, COLLECTIVE_NOUNS, DEPARTMENT_NAMES } from './lexicon.ts';

export interface AgencyMatch {
  name: string;
  start: number;
  end: number;
  /** A bare "Sở"/"Ngành"/"Công ty" that refers to an agency named elsewhere. */
  anaphor?: boolean;
  /** The head word of an anaphor ("Sở", "Công ty"), which the agency it refers to starts with. */
  head?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** Where a pattern's first character stands: at the position, or after the spaces it opens with. */
type Opening = 'at' | 'after-spaces' | 'after-space';

/** Where a pattern's first character is, from `pos` and its opening; -1 when a required space is missing. */
function firstAt(text: string, pos: number, opening: Opening): number {
  if (opening === 'at') return pos;
  if (opening === 'after-space' && !isSpace(text.charCodeAt(pos))) return -1;
  return skipSpaces(text, pos);
}

/** Whether `s` holds the UTF-16 unit `code` (no string made for it, as `charAt` would). */
function hasCode(s: string, code: number): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === code) return true;
  return false;
}

/**
 * A sticky regex run only where it can match: `openers` are the strings it can begin with
 * (after its opening spaces), each as it stands in the text (a space in an opener is a
 * space the regex writes as ' ', not `\s`); a one-character opener allows anything after
 * it. Most positions asked about cannot begin it, and testing a few characters costs far
 * less than running the regex.
 */
class Pattern {
  /** Indexed by character code: 0 where the regex cannot begin, 1 where it can, 2 where the rest of an opener decides. */
  private readonly starts: Uint8Array;
  /** For a first character that needs more: the rests of its openers, one of which must follow it. */
  private readonly rests: string[][];
  constructor(
    private readonly re: RegExp,
    openers: readonly string[],
    private readonly opening: Opening,
  ) {
    this.starts = new Uint8Array(Math.max(...openers.map((o) => o.charCodeAt(0))) + 1);
    // Dense, for fast look-ups by code.
    this.rests = Array.from({ length: this.starts.length }, () => []);
    for (const o of openers) {
      const c = o.charCodeAt(0);
      if (o.length === 1) this.starts[c] = 1;
      else if (this.starts[c] !== 1) {
        this.starts[c] = 2;
        (this.rests[c] as string[]).push(o.slice(1));
      }
    }
  }

  at(text: string, pos: number): RegExpExecArray | null {
    const i = firstAt(text, pos, this.opening);
    if (i < 0) return null;
    // Past the end the code is NaN: no start.
    const c = text.charCodeAt(i);
    const s = c < this.starts.length ? this.starts[c] : 0;
    if (!s) return null;
    if (s === 2 && !restFollows(text, i + 1, this.rests[c] as string[])) return null;
    return at(this.re, text, pos);
  }
}

/** Whether one of `rests` stands at `i` (none past the end of the text). */
function restFollows(text: string, i: number, rests: readonly string[]): boolean {
  for (let k = 0; k < rests.length; k++) if (standsAt(text, i, rests[k] as string)) return true;
  return false;
}

/** `text.startsWith(s, i)` for a short `s`, compared by code: cheaper than the call when most fail at once. */
function standsAt(text: string, i: number, s: string): boolean {
  if (i + s.length > text.length) return false;
  for (let j = 0; j < s.length; j++) if (text.charCodeAt(i + j) !== s.charCodeAt(j)) return false;
  return true;
}

/**
 * A choice among many words, as one regex per first letter: the regex for the letter at the
 * position holds only the words that can match there (longest first, as in the lexicon), so
 * a longer vocabulary costs little where its words cannot begin.
 */
class WordsPattern {
  /** By first character's code: the regex of the words it opens, and their second characters (null: any). */
  private readonly byFirst: ({ re: RegExp; seconds: string | null } | null)[];
  constructor(
    words: readonly string[],
    prefix: string,
    suffix: string,
    private readonly opening: Opening,
  ) {
    const groups = new Map<number, string[]>();
    for (const w of words) {
      const c = w.charCodeAt(0);
      const g = groups.get(c);
      if (g) g.push(w);
      else groups.set(c, [w]);
    }
    // Dense, for fast look-ups by code.
    this.byFirst = new Array(Math.max(...groups.keys()) + 1).fill(null);
    for (const [c, g] of groups) {
      // A word of one letter, or one whose second character is a space (any space in the
      // text), is followed by anything.
      const anySecond = g.some((w) => w.length < 2 || w.charAt(1) === ' ');
      this.byFirst[c] = {
        re: new RegExp(`${prefix}(?:${g.map(esc).join('|')})${suffix}`, 'uy'),
        seconds: anySecond ? null : [...new Set(g.map((w) => w.charAt(1)))].join(''),
      };
    }
  }

  at(text: string, pos: number): RegExpExecArray | null {
    const i = firstAt(text, pos, this.opening);
    // Past the end of the text the code is NaN: no group. (A look-up past the table's end
    // would cost V8 a slow path: the code is compared first.)
    const c = i < 0 ? Number.NaN : text.charCodeAt(i);
    const group = c < this.byFirst.length ? this.byFirst[c] : null;
    // With `seconds`, every word has a second character: none past the end (NaN) matches.
    if (!group || (group.seconds !== null && !hasCode(group.seconds, text.charCodeAt(i + 1)))) return null;
    return at(group.re, text, pos);
  }
}

const HEAD = new WordsPattern(AGENCY_HEADS, '', '(?![\\p{L}\\d])', 'at');
// Case matters: "Sở Xây dựng" is a department, "Sở xây dựng kế hoạch" a sentence.
const DEPT = new WordsPattern(DEPARTMENT_NAMES, '\\s+', '(?![\\p{L}])', 'after-space');
const COLLECTIVE = new WordsPattern(COLLECTIVE_NOUNS, '', '(?![\\p{L}])', 'at');
/** The words of plurality, read by pluralEnd as `(?:các|Các|...)\s+` would read them. */
const PLURAL_WORDS = ['các', 'Các', 'những', 'Những', 'toàn thể', 'Toàn thể'];

/**
 * Where a plural word and its spaces from `pos` end, or -1. No two of the words can stand at
 * one position (no word opens another), so the first that stands there is the only one.
 */
function pluralEnd(text: string, pos: number): number {
  for (const word of PLURAL_WORDS) if (standsAt(text, pos, word)) return spacesEnd(text, pos + word.length);
  return -1;
}
// The heads of villages and residential groups act for them ("Trưởng thôn các thôn",
// "Trưởng ban công tác Mặt trận khu dân cư"; Law 10/2022 on grassroots democracy).
const PERSON_PREFIX = new Pattern(
  /(?:[Ll]ãnh đạo|Thủ trưởng|(?:Phó\s+)?(?:Giám đốc|Chủ tịch|Chánh|Trưởng ban)|Trưởng(?:\s+(?:thôn|bản|ấp|buôn|khu phố|tổ dân phố))?)\s+(?=\p{Lu}|các\s)/uy,
  ['Lãnh đạo', 'lãnh đạo', 'Thủ trưởng', 'Phó', 'Giám đốc', 'Chủ tịch', 'Chánh', 'Trưởng'],
  'at',
);
/** Administrative units, as a name's locality and in "các xã, phường" (also bare: BARE_UNITS). */
const UNIT_WORDS = ['tỉnh', 'huyện', 'xã', 'phường', 'thị xã', 'thành phố', 'thị trấn', 'quận', 'đặc khu'];
const UNIT = `(?:${UNIT_WORDS.join('|')})`;
/** A proper name of up to four capitalised words. */
const PROPER = '\\p{Lu}[\\p{L}]*(?:\\s+\\p{Lu}[\\p{L}]*){0,3}';
const AND = '(?:\\s*,\\s*|\\s+và\\s+)';
/** Which of the units: "các xã ven biển", "các xã, phường biên giới" (general vocabulary). */
const UNIT_QUALIFIER =
  '(?:\\s+(?:ven biển|ven sông|biên giới|vùng cao|vùng sâu|vùng xa|miền núi|có rừng|trọng điểm|đặc biệt khó khăn|bị ảnh hưởng|liên quan))?';
/**
 * The unit an agency serves: "tỉnh", "thành phố <name>", "các xã, phường", "Trung ương";
 * several bare units are one: "Trạm Y tế xã, phường", "Công an huyện, thị xã, thành phố".
 */
const LOCALITY = new Pattern(
  new RegExp(
    `\\s+(?:các\\s+${UNIT}(?:${AND}${UNIT})*${UNIT_QUALIFIER}` +
      `|(?:tỉnh|thành phố|TP\\.?|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)(?:\\s+(?!Trung ương)${PROPER}|(?:${AND}${UNIT}(?![\\p{L}]))+(?!\\s+\\p{Lu}))?` +
      `|Trung ương|cấp (?:tỉnh|huyện|xã)|Thành phố\\s+${PROPER})(?![\\p{L}])`,
    'uy',
  ),
  [
    ...['các', 'tỉnh', 'thành phố', 'TP', 'huyện', 'thị xã', 'quận', 'xã', 'phường', 'thị trấn', 'đặc khu'],
    ...['Trung ương', 'cấp ', 'Thành phố'],
  ],
  'after-space',
);
/**
 * The names after "các xã": "UBND các xã A, B và C" (a new head or a person's title ends them),
 * also announced by a colon on the same line: "UBND các tỉnh, thành phố: A, B, C".
 */
const PROPER_RE = new RegExp(`(?::[ \\t]+|\\s+)(?!Trung ương)${PROPER}(?![\\p{L}])`, 'uy');
const NAME_RE = new RegExp(`(?!Trung ương)${PROPER}(?![\\p{L}])`, 'uy');
const AND_RE = new RegExp(AND, 'uy');

const MODIFIER = new Pattern(
  /\s*(?:,\s*)?(?:(?:có\s+)?liên quan|của (?:tỉnh|thành phố|huyện|Trung ương)|trên địa bàn(?:\s+(?:tỉnh|huyện|thành phố|xã))?|trong (?:và ngoài )?(?:tỉnh|ngành|toàn ngành)|trong Đảng bộ(?: (?:tỉnh|thành phố|huyện|xã|phường))?|(?:trực )?thuộc (?:Trung ương|Sở|Bộ|Ban|UBND|Ủy ban nhân dân|Văn phòng|ngành|tỉnh)(?:\s+(?:\p{Lu}[\p{L}]*|-)){0,7}|cấp (?:tỉnh|huyện|xã)|Trung ương)(?![\p{L}])/uy,
  [',', 'có', 'liên quan', 'của ', 'trên địa bàn', 'trong ', 'trực thuộc ', 'thuộc ', 'cấp ', 'Trung ương'],
  'after-spaces',
);
const WORD_RE = /\s+([\p{L}\d&][\p{L}\d&.]*)/uy;

/** `\p{L}` for the UTF-16 units below LETTER_TABLE_END that are no surrogates, built once. */
const LETTER_TABLE_END = 0x3000;
const LETTER_TABLE = buildTable(/^\p{L}$/u);
/** `\p{Lu}` for the same units. */
const CAPITAL_TABLE = buildTable(/^\p{Lu}$/u);
/**
 * The units below LETTER_TABLE_END that `toLowerCase` leaves as they are, alone and so in any
 * string: the one mapping that looks at the context, the final sigma, is of a unit that changes.
 */
const LOWER_STABLE_TABLE = buildTable({ test: (ch: string) => ch.toLowerCase() === ch });
function buildTable(property: { test(ch: string): boolean }): Uint8Array {
  const table = new Uint8Array(LETTER_TABLE_END);
  for (let c = 0; c < LETTER_TABLE_END; c++) {
    const ch = String.fromCharCode(c);
    table[c] = c < 0xd800 || c > 0xdfff ? (property.test(ch) ? 1 : 0) : 0;
  }
  return table;
}

/** `word.toLowerCase()`, without the call for a word that is in lower case already (most are). */
function lowerCased(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= LETTER_TABLE_END || !LOWER_STABLE_TABLE[c]) return word.toLowerCase();
  }
  return word;
}

/**
 * How a character continues a WORD_RE word: 1 a word character, 0 not, -1 a surrogate
 * or a character past the table (the regex decides). `first`: no '.', which only continues.
 */
function wordUnit(c: number, first: boolean): number {
  if (c < 0x80) {
    return (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 38 ||
      (c === 46 && !first)
      ? 1
      : 0;
  }
  return c < LETTER_TABLE_END ? (LETTER_TABLE[c] as number) : -1;
}

/**
 * Where the match of WORD_RE at `pos` ends (spaces, then a word), or -1: read by hand, as
 * the regex reads it (`\s` is isSpace, `\d` ASCII digits); a surrogate or a character above
 * the table is left to the regex. The word is the text from the first non-space to the end.
 */
function wordEnd(text: string, pos: number): number {
  let i = spacesEnd(text, pos);
  // Past the end the code is NaN: no space, no word character.
  if (i < 0 || i >= text.length) return -1;
  let unit = wordUnit(text.charCodeAt(i), true);
  if (unit < 0) return wordEndByRegex(text, pos);
  if (unit === 0) return -1;
  for (i++; i < text.length; i++) {
    unit = wordUnit(text.charCodeAt(i), false);
    if (unit < 0) return wordEndByRegex(text, pos);
    if (unit === 0) break;
  }
  return i;
}
function wordEndByRegex(text: string, pos: number): number {
  const w = at(WORD_RE, text, pos);
  return w ? pos + w[0].length : -1;
}

/** Where the spaces from `pos` end (`/\s+/y`), or -1 when none stands there. */
function spacesEnd(text: string, pos: number): number {
  let i = pos;
  while (isSpace(text.charCodeAt(i))) i++;
  return i === pos ? -1 : i;
}

/** Where `\s*` from `pos` ends. */
function skipSpaces(text: string, pos: number): number {
  let i = pos;
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}
// A comma joins the fields of one name when capitalised fields and "và" follow: "Văn hóa,
// Thông tin, Thể thao và Du lịch" (a head after the comma opens the next agency instead).
const CONNECTOR = new Pattern(
  /\s*(?:-|–|&)\s*(?=\p{Lu})|\s+và\s+(?=\p{Lu})|,\s+(?=\p{Lu}[\p{Ll}]+(?:\s+\p{Ll}+)?\s+(?:và|-)\s+\p{Lu})|,\s+(?=\p{Lu}\p{Ll}*(?:\s+\p{Ll}+)?,\s+\p{Lu}[\p{Ll}]+(?:\s+\p{Ll}+)?\s+và\s+\p{Lu})/uy,
  ['-', '–', '&', 'và', ','],
  'after-spaces',
);
/**
 * CONNECTOR at `pos`, decided without the regex where it cannot match: each of its
 * alternatives is an opener (',', '-', '–', '&', 'và'), spaces, then a capital (`\p{Lu}`).
 */
function connectorAt(text: string, pos: number): RegExpExecArray | null {
  const i = skipSpaces(text, pos);
  const c = text.charCodeAt(i);
  const opener = c === 44 || c === 45 || c === 0x2013 || c === 38 ? 1 : standsAt(text, i, 'và') ? 2 : 0;
  if (opener === 0) return null;
  const j = skipSpaces(text, i + opener);
  if (j >= text.length) return null;
  const capital = text.charCodeAt(j);
  // A surrogate or a character past the table: the regex decides.
  if (capital < LETTER_TABLE_END && (capital < 0xd800 || capital > 0xdfff) && !CAPITAL_TABLE[capital])
    return null;
  return CONNECTOR.at(text, pos);
}

/** Function words: they end a name wherever they stand, even after a capitalised word. */
const FUNCTION_WORDS = new Set(
  (
    'của tại về để với cho theo trong trên dưới là có được đã đang sẽ cần phải các những khi nếu thì mà nhằm ' +
    'thuộc ngoài này đó sau trước từ đến vào ra lên như gồm và hoặc hay nhưng vì do bằng qua tới ở còn vẫn cũng ' +
    'đều rất hết một hai ba bốn năm sáu bảy tám chín mười ngay'
  ).split(' '),
);

/**
 * Words that end a name: the function words and the first syllables of verbs ("khẩn
 * trương", "rà soát", "tham mưu" ...).
 */
const STOP = new Set([
  ...FUNCTION_WORDS,
  ...(
    'khẩn chủ tham thực triển rà báo nghiên xây tăng đẩy tiếp hướng tổ kiểm đôn tổng đề làm phối cùng bảo đảm quản ' +
    'sớm nhanh tích chú phát hoàn trình lập tuyên xử giải khắc chấn ưu huy cân bố hỗ thống nâng gửi nhận bám thường ' +
    'cụ bao kết căn dự chỉ giao yêu trao phân đánh thẩm ký hợp góp giúp vận chịu rút nghiêm quyết lưu cập tập tận ' +
    'sắp cải duy mở đưa tạo thúc đặc lựa rõ kịp đồng biết nắm việc nội ban bàn ' +
    // The verbs of party notices: "quán triệt", "lãnh đạo", "kiện toàn".
    'quán lãnh kiện ' +
    // "thu hồi", "thu gom", "thu thập", "thu nộp ngân sách".
    'thu'
  ).split(' '),
]);

/**
 * A verb or adverb after a name ends it: the directive verbs ("nghiêm túc thực hiện") and
 * what else follows a subject in a directive ("định kỳ hằng tuần báo cáo", "quan trắc",
 * "điều tra"). Read at the space before a lower-case word.
 */
const NAME_END_WORDS = `${DIRECTIVE_VERBS.source.slice(1)}|(?:định kỳ|hằng|hàng (?:ngày|tuần|tháng|quý|năm)|quan trắc|điều tra)(?![\\p{L}])`;
const VERB_AFTER_NAME_RE = new RegExp(`\\s+(?:${NAME_END_WORDS.replace(/ /g, '\\s+')})`, 'uy');

/**
 * The first syllables of NAME_END_WORDS: a match of VERB_AFTER_NAME_RE opens with one, all of
 * its letters, so where the letters after the spaces are no such syllable the regex need not
 * run. Null (the regex always runs) if the source is not as firstSyllables reads it.
 */
const VERB_FIRST_SYLLABLES = firstSyllables(NAME_END_WORDS);

/**
 * Reads a source made of groups `(?:a b|c|...)(?![\p{L}])` joined by '|' (case-sensitive):
 * each alternative opens with a syllable of letters that a space, its end or a lookahead
 * `(?!` follows, so the letters that open a match are exactly that syllable. Null otherwise.
 */
function firstSyllables(source: string): Set<string> | null {
  const out = new Set<string>();
  const suffix = '(?![\\p{L}])';
  for (const group of splitTopLevel(source)) {
    if (!group.startsWith('(?:') || !group.endsWith(`)${suffix}`)) return null;
    const inner = group.slice(3, group.length - suffix.length - 1);
    for (const alternative of splitTopLevel(inner)) {
      const m = /^\p{L}+(?= |$|\(\?!)/u.exec(alternative);
      if (!m) return null;
      out.add(m[0]);
    }
  }
  return out;
}

/** A regex source cut at its '|' outside parentheses and classes (an escaped character is skipped). */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') i++;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

/** Whether VERB_AFTER_NAME_RE matches at `pos`; most words are told apart by their letters alone. */
function verbAfter(text: string, pos: number): boolean {
  if (VERB_FIRST_SYLLABLES !== null) {
    const start = skipSpaces(text, pos);
    if (start === pos) return false;
    const end = letterRunEnd(text, start);
    if (end >= 0 && !VERB_FIRST_SYLLABLES.has(text.slice(start, end))) return false;
  }
  return at(VERB_AFTER_NAME_RE, text, pos) !== null;
}

/** Where the run of letters (`\p{L}`) from `i` ends; -1 when a surrogate or a character past the table stands in it. */
function letterRunEnd(text: string, i: number): number {
  let k = i;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= LETTER_TABLE_END || (c >= 0xd800 && c <= 0xdfff)) return -1;
    if (!LETTER_TABLE[c]) break;
  }
  return k;
}

/**
 * (Also: "Ban Quản lý các khu công nghiệp", "Công ty Đầu tư phát triển ...", "Bảo vệ thực vật".)
 * Nouns made of words that would end a name ("giao" assigns, "trình" submits, "đầu tư"
 * invests): "dự án đầu tư xây dựng các công trình giao thông" is one name, and so is the
 * company type "TNHH một thành viên".
 */
const NAME_NOUN = new Pattern(
  /(?:(?<=dự\s+án)\s+đầu\s+tư(?:\s+xây\s+dựng)?|(?<=xây\s+dựng)\s+các\s+công\s+trình|(?<=TNHH)\s+(?:một|hai)\s+thành\s+viên|\s+(?:công\s+trình|giao\s+thông)|(?<=Quản\s+lý)\s+các\s+(?:khu\s+công\s+nghiệp|khu\s+chế\s+xuất|khu\s+kinh\s+tế|dự\s+án|công\s+trình)|(?<=Đầu\s+tư)\s+(?:và\s+)?phát\s+triển|\s+thực\s+vật)(?![\p{L}])/uy,
  ['đầu', 'các', 'một', 'hai', 'công', 'giao', 'và', 'phát', 'thực'],
  'after-space',
);

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Consumes name words after a head: capitalised words and lower-case ones until a stop word. */
function nameWords(text: string, pos: number, maxLower: number): number {
  let end = pos;
  let lower = 0;
  for (let n = 0; n < 10; n++) {
    const c = connectorAt(text, end);
    // "... và Viettel": a new body after "và" is the next agency, not part of this name;
    // a head word that names nothing ("và Báo chí") is a name word.
    if (c && /và/.test(c[0]) && HEAD.at(text, end + c[0].length) && namedAt(text, end + c[0].length)) break;
    // "Sở Y tế, Công an, Quân sự và Sở Nội vụ": a comma before a head, or before fields that
    // "và" joins to a head, separates agencies.
    if (c?.[0].includes(',') && commaOpensAgency(text, end + c[0].length)) break;
    const from = c ? end + c[0].length - 1 : end;
    const noun = c ? null : NAME_NOUN.at(text, from);
    if (noun) {
      if (lower++ >= maxLower) break;
      end = from + noun[0].length;
      continue;
    }
    const wEnd = wordEnd(text, from);
    if (wEnd < 0) break;
    const word = text.slice(skipSpaces(text, from), wEnd);
    const capital = startsCapitalOrDigit(word);
    if (!capital) {
      // "thông" names things ("Công nghệ thông tin") but "thông báo" is the verb "announces".
      // Unless "thông" ends a word itself: "phổ thông báo cáo", "truyền thông báo cáo".
      if (
        word === 'thông' &&
        /^\s+báo(?![\p{L}])/u.test(text.slice(wEnd, wEnd + 6)) &&
        !/(?:^|\s)(?:phổ|truyền|giao|viễn|lưu|liên)$/iu.test(text.slice(Math.max(0, from - 8), from))
      )
        break;
      // "Ban Quản lý các Khu công nghiệp": "các" before a capitalised word is part of the name;
      // "... các công trình dân dụng và công nghiệp": "và" joins two nouns of a long
      // lower-case name when a noun (no stop word, no verb) follows it.
      const inName =
        (word === 'các' && /^\s+\p{Lu}/u.test(text.slice(wEnd, wEnd + 3))) ||
        (word === 'và' && lower >= 2 && lower + 1 < maxLower && nounFollows(text, wEnd));
      if (
        c ||
        (STOP.has(lowerCased(word)) && !inName && !restOfCapitalised(text, from, word)) ||
        lower >= maxLower ||
        verbAfter(text, from)
      )
        break;
      lower++;
    }
    end = wEnd;
  }
  return end;
}

/** After a comma at `pos`: a head, or a "và" within the next fields that a head follows. */
function commaOpensAgency(text: string, pos: number): boolean {
  if (HEAD.at(text, pos)) return true;
  const v = /\s+và\s+/u.exec(text.slice(pos, pos + 60));
  return v !== null && HEAD.at(text, pos + v.index + v[0].length) !== null;
}

/** Whether `word` opens with a capital or a digit; ASCII decided without the regex. */
function startsCapitalOrDigit(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return CAPITAL_OR_DIGIT_RE.test(word);
}
const CAPITAL_OR_DIGIT_RE = /^[\p{Lu}\d]/u;

/**
 * The syllable after a capitalised one is most often the rest of its word ("Phát triển",
 * "Kiểm định chất lượng"): there only a whole verb ends the name, not a stop syllable.
 * A capital that ends a proper name ("Báo Nghệ An tăng ...") is no such first syllable:
 * it follows another capitalised word that is not the head. `from` is the space before `word`.
 */
function restOfCapitalised(text: string, from: number, word: string): boolean {
  if (FUNCTION_WORDS.has(word)) return false;
  const prevStart = text.lastIndexOf(' ', from - 1) + 1;
  if (!/\p{Lu}/u.test(text.charAt(prevStart)) || HEAD.at(text, prevStart)) return false;
  // A word in capitals (a numeral "VII", an abbreviation "PCCC") is whole: "khu vực VII kiểm soát".
  if (!/\p{Ll}/u.test(text.slice(prevStart, from))) return false;
  const beforePrev = text.slice(text.lastIndexOf(' ', prevStart - 2) + 1, prevStart).trim();
  return !/^\p{Lu}/u.test(beforePrev) || HEAD.at(text, prevStart - beforePrev.length - 1) !== null;
}

/** A lower-case word that can continue a name (no stop word, no verb) starts at `pos` (after spaces). */
function nounFollows(text: string, pos: number): boolean {
  const end = wordEnd(text, pos);
  if (end < 0) return false;
  const start = skipSpaces(text, pos);
  const word = text.slice(start, end);
  return /^\p{Ll}/u.test(word) && !STOP.has(word) && !verbAfter(text, pos) && !HEAD.at(text, start);
}

function extend(text: string, pos: number, pattern: Pattern, times: number): number {
  let end = pos;
  for (let i = 0; i < times; i++) {
    const m = pattern.at(text, end);
    if (!m || m[0].length === 0) break;
    end += m[0].length;
  }
  return end;
}

/** A locality after `pos` (see LOCALITY); after "các <unit>" also a list of names. */
function localityAt(text: string, pos: number): number | null {
  const m = LOCALITY.at(text, pos);
  if (!m) return null;
  let end = pos + m[0].length;
  if (!/^\s+các\s/u.test(m[0])) return end;
  const first = at(PROPER_RE, text, end);
  if (!first) return end;
  const units = end;
  end += first[0].length;
  let count = 1;
  for (;;) {
    const sep = at(AND_RE, text, end);
    if (!sep) break;
    const next = end + sep[0].length;
    // "UBND các xã A, Công an tỉnh ...", "..., Chủ tịch UBND ...": a new agency or person.
    if (HEAD.at(text, next) || PERSON_PREFIX.at(text, next)) break;
    const name = at(NAME_RE, text, next);
    if (!name) break;
    end = next + name[0].length;
    count++;
  }
  // "UBND các huyện: Chủ động rà soát ...": one capitalised word that a sentence goes on
  // from is the item's first word, not a list of names.
  if (first[0].startsWith(':') && count === 1 && /^\s+\p{Ll}/u.test(text.slice(end, end + 3))) return units;
  return end;
}

/** Heads that, alone, refer back to a body named earlier ("Sở", "Ban", "Công ty"). */
const ANAPHOR_HEAD_RE =
  /^(?:Sở|Ban|Bộ|Văn phòng|VP|Công ty|Tổng công ty|Tổng Công ty|Tập đoàn|Trung tâm|Ban Quản lý|Ban quản lý|Ban Quản lý dự án|Ban Chỉ đạo|Chi cục|Cục)$/;

/** How many bodies one name may nest ("Văn phòng Ban Chỉ đạo ... Sở ..."): deeper is no name. */
const MAX_NESTING = 4;

/**
 * Heads that are also common nouns ("thuế" tax, "thống kê" statistics): they name a body only
 * with the locality it serves, "Thuế tỉnh X", "Thống kê thành phố Y" (2025 names).
 */
const LOCALITY_HEADS = new Set(['Thuế', 'Thống kê']); // Both open with 'T' (code 84), tested first.
const LOCALITY_OF_TAX_RE = /^\s+(?:tỉnh|thành phố|TP)(?![\p{L}])/u;

/**
 * Heads that name a body alone, as the subject of a sentence ("UBND chỉ đạo ...", "Huyện ủy
 * lãnh đạo ...": the party committee of the notice's unit, Hướng dẫn 36-HD/VPTW).
 */
const BARE_NAMED_HEAD_RE =
  /^(?:UBND|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|Công an|Viettel|VNPT|Bưu điện|Điện lực|Thanh tra|Đảng ủy|Đảng uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Thị ủy)$/;

/** Common words that open with a one-word head: verbs and nouns, not bodies. */
const COMMON_WORD_RE =
  /^(?:Báo\s+(?:cáo|chí)|Hội\s+(?:nghị|thảo|viên|thi|chợ)|Trường\s+hợp|Đội\s+ngũ|Quỹ\s+đất|Bộ\s+máy|Cục\s+bộ|Viện\s+dẫn)(?![\p{L}])/u;

/**
 * A stretch of the phrase printed without diacritics, with the marks put back: `text`
 * replaces as many characters from `from` (every Vietnamese letter is one UTF-16 unit in
 * NFC, so a word and its bare spelling have the same length).
 */
interface Restored {
  from: number;
  text: string;
}

/**
 * OCR sometimes strips one paragraph's diacritics while the rest of the notice keeps them
 * (so the document-wide restoration in text/accents.ts does not run): "Cac so, ban, nganh
 * ...", "UBND cac huyen, thi xa, thanh pho ...". The grammar reads the bare spelling of its
 * group and unit words, only after a bare "cac" ("các" always bears its mark, so a bare
 * "cac" says the paragraph lost them; "so", "xa", "ban" alone would be too ambiguous).
 */
const bareWords = (words: readonly string[]) => {
  const m = new Map<string, string>();
  for (const w of words) if (!w.includes(',') && /^\p{Ll}/u.test(w)) m.set(asciiKey(w), w);
  return m;
};
const BARE_COLLECTIVES = bareWords(COLLECTIVE_NOUNS);
const BARE_UNITS = bareWords(UNIT_WORDS);
const BARE_TAILS = bareWords(['có liên quan', 'liên quan']);
const BARE_PLURAL_RE = /(?:cac|Cac|CAC)\s+/y;
const BARE_WORDS_RE = /[A-Za-z]+(?: [A-Za-z]+){0,2}(?![\p{L}\d])/uy;
const BARE_SEP_RE = /\s*,\s*|\s+va\s+/y;

/** The longest entry of `dict` spelled bare at `pos`: its end, written into `out` with its marks. */
function bareEntryAt(
  text: string,
  pos: number,
  dict: Map<string, string>,
  out: string[],
  base: number,
): number {
  const m = at(BARE_WORDS_RE, text, pos);
  if (!m) return -1;
  const words = m[0].split(' ');
  for (let n = words.length; n >= 1; n--) {
    const key = words.slice(0, n).join(' ').toLowerCase();
    const word = dict.get(key);
    if (word === undefined) continue;
    const marked = text.charCodeAt(pos) < 97 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    for (let i = 0; i < key.length; i++) out[pos - base + i] = marked.charAt(i);
    return pos + key.length;
  }
  return -1;
}

/** "cac so, ban, nganh": a bare "cac" and a list of `dict`'s words, restored (see BARE_COLLECTIVES). */
function bareListAt(
  text: string,
  pos: number,
  dict: Map<string, string>,
): (Restored & { end: number }) | null {
  // Most positions asked about hold no "ca"/"Ca"/"CA": decided without the regex.
  const c = text.charCodeAt(pos);
  if (c !== 99 && c !== 67) return null;
  const a = text.charCodeAt(pos + 1);
  if (a !== 97 && a !== 65) return null;
  const p = at(BARE_PLURAL_RE, text, pos);
  if (!p) return null;
  const out = text.slice(pos, Math.min(text.length, pos + 200)).split('');
  out[1] = 'á';
  let end = bareEntryAt(text, pos + p[0].length, dict, out, pos);
  if (end < 0) return null;
  for (;;) {
    const sep = at(BARE_SEP_RE, text, end);
    if (!sep) break;
    const next = bareEntryAt(text, end + sep[0].length, dict, out, pos);
    if (next < 0) break;
    const va = sep[0].indexOf('va');
    if (va >= 0) out[end - pos + va + 1] = 'à';
    end = next;
  }
  const tail = spacesEnd(text, end);
  if (tail >= 0) {
    const t = bareEntryAt(text, tail, BARE_TAILS, out, pos);
    if (t > 0) end = t;
  }
  return { from: pos, text: out.slice(0, end - pos).join(''), end };
}

/** A named body: head word, standard name or name words, then locality. */
function namedAt(
  text: string,
  pos: number,
  depth = 0,
): { end: number; anaphor: boolean; head: string; restored?: Restored } | null {
  const h = HEAD.at(text, pos);
  if (!h) return null;
  let end = pos + h[0].length;
  const head = h[0];
  const dept = DEPT.at(text, end);
  // A locality right after the head ("UBND thành phố Cẩm Phả", "Công an tỉnh") is the name.
  const early = dept ? null : localityAt(text, end);
  // Only a province's or a city's: "Thống kê xã hội" is no body.
  if (
    head.charCodeAt(0) === 84 &&
    LOCALITY_HEADS.has(head) &&
    (early === null || !LOCALITY_OF_TAX_RE.test(text.slice(end, early)))
  )
    return null;
  if (!dept && early === null && isSpace(text.charCodeAt(end))) {
    // "UBND cac huyen, thi xa": units printed without diacritics (see BARE_COLLECTIVES).
    let ws = end;
    while (isSpace(text.charCodeAt(ws))) ws++;
    const bare = bareListAt(text, ws, BARE_UNITS);
    if (bare) return { end: bare.end, anaphor: false, head, restored: bare };
  }
  let named = false;
  if (dept) {
    end += dept[0].length;
    // A standard name that goes on: "Phòng Kinh tế và Hạ tầng", "Phòng Tài chính - Kế hoạch".
    if (connectorAt(text, end)) end = nameWords(text, end, 2);
    named = true;
  } else if (early !== null) {
    end = early;
    named = true;
  } else {
    // A head followed by another body: "Văn phòng UBND tỉnh", "Trung tâm ... thuộc Sở".
    const ws = spacesEnd(text, end);
    // Bounded, so that a run of heads ("Sở Sở Sở …") cannot exhaust the stack.
    const inner = ws >= 0 && depth < MAX_NESTING ? namedAt(text, ws, depth + 1) : null;
    if (inner?.restored) return { ...inner, head };
    if (inner && !inner.anaphor) {
      end = inner.end;
      named = true;
    } else {
      // Multi-word heads ("Ban Quản lý dự án ...") carry long lower-case names.
      const multi = head.includes(' ');
      const e = nameWords(text, end, multi ? 8 : 6);
      // After a one-word head the name holds a capital ("Báo Nghệ An", "Trường trung học cơ
      // sở Lê Lợi"), and the head is no syllable of a common word: "Báo cáo Chủ tịch ..." is
      // the verb "báo cáo", "Hội nghị Ban Chấp hành" a meeting.
      named =
        e > end &&
        (multi || (/\p{Lu}/u.test(text.slice(end, e)) && !COMMON_WORD_RE.test(text.slice(pos, pos + 20))));
      if (named) end = e;
      // A multi-word head alone names a body ("Ban An toàn giao thông"), unless it stands for
      // one named elsewhere ("Đề nghị Công ty tập trung ...", "Công ty" defined in the preamble).
      else if (multi) named = !ANAPHOR_HEAD_RE.test(head);
    }
  }
  const loc = early !== null ? null : localityAt(text, end);
  if (loc !== null) {
    end = loc;
    named = true;
  }
  if (!named) {
    // "Sở", "Ban", "Ngành" alone refer back to a body named earlier.
    if (ANAPHOR_HEAD_RE.test(head)) return { end, anaphor: true, head };
    if (BARE_NAMED_HEAD_RE.test(head)) return { end, anaphor: false, head };
    return null;
  }
  return { end, anaphor: false, head };
}

/** A group: "các cơ quan, đơn vị, địa phương liên quan", "các doanh nghiệp bưu chính". */
function collectiveAt(text: string, pos: number, bare: boolean): { end: number; restored?: Restored } | null {
  let end = pos;
  const plural = pluralEnd(text, end);
  if (plural >= 0) end = plural;
  else {
    const b = bareListAt(text, pos, BARE_COLLECTIVES);
    if (b) return { end: b.end, restored: b };
    if (!bare) return null;
  }
  const first = COLLECTIVE.at(text, end);
  if (!first) return null;
  // "các Ban Quản lý dự án": a capitalised group word that opens a longer head takes it whole.
  const h = /^\p{Lu}/u.test(first[0]) ? HEAD.at(text, end) : null;
  end += h && h[0].length > first[0].length ? h[0].length : first[0].length;
  for (;;) {
    const sep = groupSeparatorEnd(text, end);
    // ", các đơn vị ...": a "các" after the separator opens a new group (what the old
    // `/\s*(?:,|và)\s*(?:các\s+)?/` stopped at when its optional part matched).
    if (sep < 0 || (text.startsWith('các', sep) && isSpace(text.charCodeAt(sep + 3)))) break;
    const next = COLLECTIVE.at(text, sep);
    // "các phòng, đơn vị thuộc Sở và Viettel": a capitalised body after "và" is a new agency.
    if (!next || /^\p{Lu}/u.test(next[0])) break;
    end = sep + next[0].length;
  }
  const thuoc = thuocEnd(text, end);
  if (thuoc >= 0) {
    const inner = namedAt(text, thuoc);
    if (inner) end = inner.end;
  }
  end = extend(text, end, MODIFIER, 3);
  // Domain words: "các doanh nghiệp viễn thông", "các cơ quan nhà nước".
  end = nameWords(text, end, 4);
  end = extend(text, end, MODIFIER, 2);
  return { end };
}

/** Where `\s+thuộc\s+` from `pos` ends, or -1. */
function thuocEnd(text: string, pos: number): number {
  const word = spacesEnd(text, pos);
  return word >= 0 && text.startsWith('thuộc', word) ? spacesEnd(text, word + 5) : -1;
}

/** Where `\s*(?:,|và)\s*` from `pos` ends, or -1: the separator of a group's words. */
function groupSeparatorEnd(text: string, pos: number): number {
  let i = skipSpaces(text, pos);
  if (text.charCodeAt(i) === 44) i++;
  else if (text.startsWith('và', i)) i += 2;
  else return -1;
  return skipSpaces(text, i);
}

/** Lower-case words that can open an agency phrase without a capital. */
const LOWER_OPENERS = ['các ', 'những ', 'toàn thể ', 'lãnh đạo '];

/** Whether one of LOWER_OPENERS starts at `i`; most positions are decided by their first letter. */
function lowerOpenerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // 'c', 'n', 't', 'l': the first letters of LOWER_OPENERS.
  if (c !== 99 && c !== 110 && c !== 116 && c !== 108) return false;
  for (const w of LOWER_OPENERS) if (text.startsWith(w, i)) return true;
  return false;
}

/** The agency phrase that starts at `pos` (after spaces), or null. */
export function matchAgencyAt(text: string, pos: number, opts: { bare?: boolean } = {}): AgencyMatch | null {
  // No agency opens before the text (a position the caller could not have found in it).
  if (!(pos >= 0)) return null;
  let start = pos;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  // Most positions asked about open no agency: decide from the first letter when possible.
  if (start >= text.length) return null;
  if (!opts.bare && !changesInLowerCase(text, start) && !lowerOpenerAt(text, start)) return null;
  let from = start;
  const person = PERSON_PREFIX.at(text, from);
  if (person) from += person[0].length;
  const named = namedAt(text, from);
  if (named) {
    const end = named.restored ? named.end : extend(text, named.end, MODIFIER, 2);
    const name = nameOf(text, start, end, named.restored);
    return named.anaphor && !person
      ? { name, start, end, anaphor: true, head: named.head }
      : { name, start, end, anaphor: false };
  }
  const coll = collectiveAt(text, from, opts.bare ?? false);
  if (coll !== null) return { name: nameOf(text, start, coll.end, coll.restored), start, end: coll.end };
  return null;
}

/** The phrase's words, with a stretch printed without diacritics restored. */
function nameOf(text: string, start: number, end: number, restored?: Restored): string {
  if (!restored)
    return spacesFolded(text, start, end)
      ? trimmedName(text, start, end)
      : squashName(text.slice(start, end));
  const r = restored.from - start;
  const s = text.slice(start, end);
  return squashName(s.slice(0, r) + restored.text + s.slice(r + restored.text.length));
}

/** Whether the character at `i` changes in lower case (a capital); ASCII decided without a call. */
function changesInLowerCase(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return c >= 65 && c <= 90;
  const ch = text.charAt(i);
  return ch !== ch.toLowerCase();
}

/** Where the separator of a list's agencies from `pos` ends, or -1: `\s*(?:,|;|và|hoặc)\s*`. */
function listSeparatorEnd(text: string, pos: number): number {
  let i = skipSpaces(text, pos);
  const c = text.charCodeAt(i);
  if (c === 44 || c === 59) i++;
  else if (text.startsWith('và', i)) i += 2;
  else if (text.startsWith('hoặc', i)) i += 4;
  else return -1;
  return skipSpaces(text, i);
}

/** A list of agencies: "Văn phòng UBND tỉnh, Công an tỉnh và các ngành có liên quan". */
export function matchAgencyListAt(text: string, pos: number, opts: { bare?: boolean } = {}): AgencyMatch[] {
  const out: AgencyMatch[] = [];
  const first = matchAgencyAt(text, pos, opts);
  if (!first) return out;
  out.push(first);
  let end = first.end;
  for (let i = 0; i < 12; i++) {
    const sep = listSeparatorEnd(text, end);
    if (sep < 0) break;
    const next = matchAgencyAt(text, sep, opts);
    if (!next) break;
    out.push(next);
    end = next.end;
  }
  return out;
}

/**
 * The owners named in a table cell or a "Cơ quan chủ trì: ..." line: the agency phrases,
 * or, when the phrase grammar reads only part of the text, its ';'/',' separated parts.
 */
export function ownersIn(text: string | undefined): string[] {
  if (!text) return [];
  const found = matchAgencyListAt(text, 0, { bare: true });
  const covered = found.length ? (found[found.length - 1] as AgencyMatch).end : 0;
  if (covered >= text.replace(/[.;,\s]+$/, '').length * 0.8) return found.map((a) => a.name);
  return text
    .split(/\s*;\s*|,\s*(?=\p{Lu})/u)
    .map((x) => x.replace(/[.;,]+$/, '').trim())
    .filter(Boolean);
}

/**
 * Whether text[start, end) is what foldSpaces leaves as it is (not empty, no space at either
 * end, no white space but single spaces), read without slicing it.
 */
function spacesFolded(text: string, start: number, end: number): boolean {
  if (end <= start || text.charCodeAt(start) === 32 || text.charCodeAt(end - 1) === 32) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // Most characters are letters below U+2000: no space but U+00A0 and U+1680 there.
    if (c > 32 && c < 0x2000 && c !== 0xa0 && c !== 0x1680) continue;
    if (c === 32 ? text.charCodeAt(i + 1) === 32 : isSpace(c)) return false;
  }
  return true;
}

/** squashName of a stretch whose spaces are folded: its trailing punctuation dropped. */
function trimmedName(text: string, start: number, end: number): string {
  let e = end;
  while (e > start && TRAILING_PUNCTUATION.includes(text.charAt(e - 1))) e--;
  return text.slice(start, e);
}

/** Spaces folded, trailing punctuation dropped. */
function squashName(s: string): string {
  const t = foldSpaces(s);
  let end = t.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(t.charAt(end - 1))) end--;
  return end === t.length ? t : t.slice(0, end);
}
const TRAILING_PUNCTUATION = ' ,;:.';
