/**
 * Whether a paragraph of the directive part asks an agency to act (a task) or
 * assesses, explains or closes (CONTRACT, "What counts as a task").
 */
import { containsAny, lowerCase } from '../text/fold.ts';
import { DIRECTIVE_VERBS } from './verbs.ts';

/** Closing formulas (Decree 30/2020, Phụ lục I: phần kết thúc). */
const CLOSING_FULL_RE =
  /^(?:Trên đây là|Yêu cầu\s.{0,200}(?:thực hiện|triển khai)\s(?:nghiêm\s)?(?:Chỉ thị|Thông báo|Kết luận|Công văn|Kế hoạch|Quyết định)\snày|Nhận được (?:Công văn|Thông báo|văn bản) này|Trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)|Quá trình (?:thực hiện|triển khai)|Yêu cầu (?:các )?.{0,80}(?:nghiêm túc|triển khai) thực hiện\.?\/?\.?$|[^.;]{0,150}\bthông báo\s+(?:để|đến|cho|ý kiến)(?![\p{L}])[^.;]{0,250}(?:biết|thực hiện|triển khai)|(?:Văn phòng|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở)[^.;]{0,120}\bthông báo\b[^.;]{0,200}(?:biết|thực hiện|triển khai))/iu;

const CLOSING_START_RE =
  /^(?:Trên đây là|Nhận được (?:Công văn|Thông báo|văn bản) này|Trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)|Quá trình (?:thực hiện|triển khai))/iu;

const OPENS_YEU_CAU = /^yêu cầu/iu;
const THONG_BAO = /thông báo/iu;

/** `text` up to its first '.' or ';' (two native searches cost less than one regex). */
function firstSentence(text: string): string {
  const dot = text.indexOf('.');
  const semicolon = text.indexOf(';');
  const end = dot < 0 ? semicolon : semicolon < 0 ? dot : Math.min(dot, semicolon);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * A closing formula. The costly alternatives of CLOSING_FULL_RE run only where one can
 * match: they open with "Yêu cầu", or hold "thông báo" within their first 150 characters,
 * before any '.' or ';'.
 */
export const CLOSING_RE = {
  test(text: string): boolean {
    if (CLOSING_START_RE.test(text)) return true;
    const head = text.slice(0, 600);
    // "thông báo" holds no '.' or ';': it lies wholly within the first sentence's first 159.
    if (!OPENS_YEU_CAU.test(head) && !THONG_BAO.test(firstSentence(head.slice(0, 159)))) return false;
    return CLOSING_FULL_RE.test(head);
  },
};

/** Section headings whose content is an assessment, not a directive. */
export const ASSESSMENT_HEADING_RE =
  /^(?:Về\s+)?(?:mục đích|yêu cầu$|mục đích, yêu cầu|kinh phí|căn cứ|quan điểm|mục tiêu|đánh giá(?: chung)?|kết quả (?:đạt được|thực hiện)|tình hình(?! triển khai nhiệm vụ)|những (?:hạn chế|tồn tại)|hạn chế|tồn tại|ưu điểm|nhận xét|đánh giá kết quả)(?![\p{L}])/iu;

/** Words of assessment; each group counts once. Matched as whole words in lower case. */
const ASSESSMENT_CUES: readonly (readonly string[])[] = [
  ['thống nhất cơ bản'],
  ['đánh giá cao'],
  ['ghi nhận'],
  ['đã', 'đạt được', 'đạt'],
  ['chưa'],
  ['còn'],
  ['hạn chế', 'tồn tại', 'yếu kém', 'bất cập'],
  ['thời gian qua', 'hiện nay', 'nhìn chung', 'vừa qua'],
  ['khá tốt', 'được thực hiện'],
  // "Tuy nhiên, ..." turns to what is lacking; "so với năm ..." compares figures.
  ['tuy nhiên', 'so với cùng kỳ', 'so với năm'],
];

const LETTER = /\p{L}/u;

/** `word` occurs at `i` of `lower` with no letter right before or after it. */
function wordAt(lower: string, word: string, i: number): boolean {
  const before = lower[i - 1];
  const after = lower[i + word.length];
  if ((before !== undefined && LETTER.test(before)) || (after !== undefined && LETTER.test(after)))
    return false;
  // "còn lại" (the rest) is no shortcoming.
  return !(word === 'còn' && lower.startsWith('còn lại', i));
}

/**
 * Where any assessment cue may start: one scan instead of one search a word. Only where a
 * match starts matters, so a word that another one opens ("đạt được", opened by "đạt") is
 * left out, and the words are written as a tree of their shared heads ("c(?:hưa|òn)"), which
 * V8 scans faster than a flat alternation.
 */
const ASSESSMENT_START_RE = new RegExp(
  alternationTree(ASSESSMENT_CUES.flat().filter((w, _, all) => !all.some((v) => v !== w && w.startsWith(v)))),
  'g',
);

/** An alternation of `words` (none a head of another) with shared heads factored out. */
function alternationTree(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const w of words) {
    const rests = byFirst.get(w.charAt(0)) ?? [];
    rests.push(w.slice(1));
    byFirst.set(w.charAt(0), rests);
  }
  const alternatives: string[] = [];
  for (const [c, rests] of byFirst)
    alternatives.push(rests.length === 1 ? c + rests[0] : `${c}(?:${alternationTree(rests)})`);
  return alternatives.join('|');
}

/**
 * How many groups of ASSESSMENT_CUES occur in `lower` as whole words, counted up to
 * MAX_ASSESSMENT_PENALTY: more take off nothing more.
 */
function assessmentCueGroups(lower: string): number {
  let found = 0; // a bit for each group found
  let count = 0;
  ASSESSMENT_START_RE.lastIndex = 0;
  for (let m = ASSESSMENT_START_RE.exec(lower); m; m = ASSESSMENT_START_RE.exec(lower)) {
    const i = m.index;
    ASSESSMENT_START_RE.lastIndex = i + 1;
    for (let g = 0; g < ASSESSMENT_CUES.length; g++) {
      if ((found & (1 << g)) === 0 && groupAt(lower, ASSESSMENT_CUES[g] as readonly string[], i)) {
        found |= 1 << g;
        count++;
      }
    }
    if (count === MAX_ASSESSMENT_PENALTY) break;
  }
  return count;
}

/** Whether a word of `group` occurs at `i` of `lower` as a whole word. */
function groupAt(lower: string, group: readonly string[], i: number): boolean {
  for (const w of group) if (lower.startsWith(w, i) && wordAt(lower, w, i)) return true;
  return false;
}

/** The most the assessment cues take off a score. */
const MAX_ASSESSMENT_PENALTY = 3;

const MODAL_RE = /(?<![\p{L}])(?<!không\s)(?:cần phải|cần|phải)\s+(?!là\s)|(?<![\p{L}])khẩn trương/iu;
/** Words MODAL_RE needs, sought in the lower-cased text first. */
const MODAL_KEYS = containsAny(['cần', 'phải', 'khẩn']);
const CLAUSE_SPLIT = /[.;:]\s+|,\s*(?:đồng thời|trên cơ sở đó|sau đó)\s*,?\s*/u;

export interface TaskEvidence {
  explicit: boolean;
  hasDeadline: boolean;
  clauseSubject: boolean;
  /** The caller found already that the text is no closing formula. */
  notClosing?: boolean;
}

/** What a clause may open with before its verb: "Về X: ", "Thời gian tới, ". */
const CLAUSE_PREFIX_RE = /^(?:Về[^:]{0,200}:\s*)?(?:Thời gian tới,?\s*)?/iu;

/** What a deadline adds to the score. */
const DEADLINE_SCORE = 2;

/**
 * A score for "this asks someone to act": directive cues count up, assessment cues down
 * (`negative`: their count, when the caller has it).
 */
export function directiveScore(
  text: string,
  ev: TaskEvidence,
  negative = assessmentCueGroups(lowerCase(text)),
): number {
  let score = 0;
  if (ev.explicit) score += 3;
  if (ev.hasDeadline) score += DEADLINE_SCORE;
  const clauses = text.split(CLAUSE_SPLIT);
  if (clauses.some((c) => DIRECTIVE_VERBS.test(c.replace(CLAUSE_PREFIX_RE, '').trim()))) score += 2;
  const lower = lowerCase(text);
  // "phải", "cần" alone do not make an assessment a directive.
  const modal = MODAL_KEYS(lower) && MODAL_RE.test(text);
  if (modal && (score > 0 || negative === 0)) score += 1;
  return score - negative;
}

/**
 * What decides or acknowledges and asks no one to act: a reply to a proposal that declines,
 * approves (also "in principle": "Thống nhất (về) chủ trương ...") or notes it, and praise
 * ("Biểu dương ...", "Hoan nghênh ...") — "Về đề nghị ...: Không thống nhất ...".
 */
const DECLINE_RE =
  /^(?:(?:Về|Đối với)\s[^:]{0,300}:\s*)?(?:Không (?:thống nhất|đồng ý|chấp thuận)|Chưa (?:thống nhất|xem xét)|Ghi nhận|Thống nhất (?:cơ bản|với|(?:về\s+)?chủ trương)|Cơ bản thống nhất|Đồng ý|Chấp thuận (?:về\s+)?chủ trương|Biểu dương|Hoan nghênh|Khen ngợi|Đánh giá cao)(?![\p{L}])/iu;

export function isTask(text: string, marked: boolean, ev: TaskEvidence): boolean {
  if (!ev.notClosing && CLOSING_RE.test(text.slice(0, 600))) return false;
  if (!ev.explicit && !ev.hasDeadline && DECLINE_RE.test(text)) return false;
  // An explicit assignment is a task. Unmarked, by rule; marked, it scores 3 and the
  // assessment cues take off at most 3, so the score need not be counted.
  if (ev.explicit) return true;
  // A marked item needs a score of 0. The other cues only add to it: when the assessment
  // cues take off no more than the deadline adds, it has that score whatever they are.
  const negative = assessmentCueGroups(lowerCase(text));
  if (marked && negative <= (ev.hasDeadline ? DEADLINE_SCORE : 0)) return true;
  const s = directiveScore(text, ev, negative);
  return marked ? s >= 0 : s >= 2;
}
