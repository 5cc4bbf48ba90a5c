/**
 * The meeting a conclusion notice reports: its date and who presided. A notice
 * names both in its subject ("Kết luận của Phó Chủ tịch UBND tỉnh X tại buổi làm
 * việc ...") and in its opening paragraph ("Ngày 11 tháng 5 năm 2021, ... chủ trì").
 */
import { matchAgencyAt } from '../agencies/phrase.ts';
import { parseDateAt } from '../dates.ts';
import type { Line } from '../document.ts';
import { execAtWordStart, indexAfter } from '../text/fold.ts';
import type { Person, Span } from '../types.ts';
import { splitTitleAndName } from './names.ts';

// "Ngày 5/6/2024", "Chiều thứ Tư, ngày …", "Vào lúc 14 giờ 00 ngày …", "Hôm nay, ngày …".
const OPENING_DATE_RE =
  /^(?:(?:Vào\s+)?(?:buổi\s+)?(?:sáng|chiều|tối)\s+(?:thứ\s+\S+\s*,?\s*)?)?(?:Vào\s+)?(?:lúc\s+)?(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{1,2}\s*(?:phút)?)?\s*,?\s*(?:ngày\s+)?(?=\d))?(?:Hôm nay,?\s*)?(?:ngày\s+)?(?=\d)/iu;

const DATE_WORD = /ngày\s+\d/iu;

/**
 * Whether OPENING_DATE_RE may match `text`: it opens with a digit or with the first letter of
 * one of its words (Vào buổi sáng chiều tối lúc Hôm ngày), in either case, or with ſ, which
 * the flags iu read as s. Most lines are ruled out before the regex.
 */
function mayOpenWithDate(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return true;
  const lower = c | 0x20;
  return (
    (c < 0x80 &&
      (lower === 0x76 || // v
        lower === 0x62 || // b
        lower === 0x73 || // s
        lower === 0x63 || // c
        lower === 0x74 || // t
        lower === 0x6c || // l
        lower === 0x68 || // h
        lower === 0x6e)) || // n
    c === 0x17f
  );
}
const INNER_DATE_RE = /(?:^|[,;.]\s+)(?:(?:vào\s+)?(?:sáng|chiều|tối)\s+)?ngày\s+(?=\d)/iu;

/** The meeting's date: an opening paragraph that starts with it, else the subject's "ngày ...". */
export function parseMeetingDate(body: Line[], subject: string | null): { date: string; span?: Span } | null {
  for (let i = 0; i < 4 && i < body.length; i++) {
    const l = body[i] as Line;
    const m = mayOpenWithDate(l.text) ? OPENING_DATE_RE.exec(l.text) : null;
    if (m && (m[0].length > 0 || /^\d/.test(l.text))) {
      const d = parseDateAt(l.text.slice(m[0].length));
      if (d)
        return {
          date: d.date,
          span: { start: l.start + m[0].length, end: l.start + m[0].length + d.length },
        };
    }
    // A literal pattern first: V8 scans for it fast, not so for one that opens on alternatives.
    const inner = DATE_WORD.test(l.text) ? INNER_DATE_RE.exec(l.text) : null;
    if (inner && inner.index < 150) {
      const d = parseDateAt(l.text.slice(inner.index + inner[0].length));
      if (d)
        return {
          date: d.date,
          span: {
            start: l.start + inner.index + inner[0].length,
            end: l.start + inner.index + inner[0].length + d.length,
          },
        };
    }
  }
  if (subject) {
    const m = /(?:họp|hội nghị|làm việc|kiểm tra|buổi|phiên)[^,;]{0,80}?ngày\s+(?=\d)/iu.exec(subject);
    if (m) {
      const d = parseDateAt(subject.slice(m.index + m[0].length));
      if (d) return { date: d.date };
    }
  }
  return null;
}

// "của <chức vụ> <tên>" — the offices may be several ("Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh X").
const CONCLUDED_BY_RE =
  /(?:kết luận|ý kiến chỉ đạo|chỉ đạo)(?:\s+chỉ đạo)?\s+(?:của\s+)(?!đồng chí|ông\s|bà\s)(.+?)(?:\s+(?:tại|về|trong|khi|đối với|ngày|nghe)\s|;|\(|$)/iu;
// "của đồng chí <tên>, <chức vụ>"; "ông"/"bà" are the same honorific in a Sở's or a
// district's notice.
const CONCLUDED_BY_NAME_RE =
  /(?:kết luận|ý kiến chỉ đạo|chỉ đạo)(?:\s+chỉ đạo)?\s+của\s+(?:đồng chí|ông|bà)\s+((?:\p{Lu}[\p{Ll}]*\s+){1,4}\p{Lu}[\p{Ll}]*)\s*,\s*(.+?)(?:\s+(?:tại|về|trong|khi|đối với|ngày|nghe)\s|;|\(|$)/iu;
const CHAIRED_RE =
  /(?:đồng chí\s+)?((?:Phó\s+)?(?:Chủ tịch|Giám đốc|Bí thư|Trưởng ban|Chánh Văn phòng|Phó Chánh Văn phòng)[^,.;:]{0,80}?)\s+(?:đã\s+)?chủ trì/iu;
// "đồng chí / ông / bà <tên>, <chức vụ>[, <chức vụ>] chủ trì": every match is tried, the
// name must be capitalised words (the flag `i` would let any word through). Found at a word
// start by execAtWordStart, as this one and the next one read "(?<![\p{L}])" at their head.
const NAME_THEN_TITLE_RE =
  /(?:đồng chí|ông|bà)\s+((?:\p{Lu}[\p{Ll}]+\s+){1,4}\p{Lu}[\p{Ll}]+)\s*,\s*((?:Phó\s+)?(?:Chủ tịch|Giám đốc|Bí thư|Trưởng ban|Chánh Văn phòng)[^.;:]{0,120}?)\s*(?:,\s*)?(?:đã\s+)?chủ trì/giu;
// "dưới sự chủ trì của đồng chí <tên>, <chức vụ>", "Chủ trì buổi làm việc: đồng chí <tên>, <chức
// vụ>": the office runs to the next punctuation; party ranks may come first ("Tỉnh ủy viên, Bí
// thư Huyện ủy") and are not the office the notice reports.
const CHAIRED_BY_RE =
  /(?:sự\s+chủ\s+trì\s+của|[Cc]hủ\s+trì(?:\s+[^:.;]{1,40})?\s*:)\s*(?:đồng chí|ông|bà)\s+((?:\p{Lu}[\p{Ll}]*\s+){1,4}\p{Lu}[\p{Ll}]+)\s*,\s*(?:[^.;:,()]{1,60},\s*){0,2}?((?:Phó\s+)?(?:Chủ tịch|Giám đốc|Bí thư|Trưởng ban|Chánh Văn phòng)[^.;:,()]{0,120})/gu;
const CHAIR_WORD = /chủ trì/iu;

/** Whether `text` may hold "chủ trì" in any case: it needs ì or Ì (no other letter folds to them). */
function mayHoldChair(text: string): boolean {
  return text.indexOf('ì') >= 0 || text.indexOf('Ì') >= 0;
}
const CAPITALISED_NAME = /^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u;

/** Who presided: the subject's "Kết luận của <title> <name>", else "<title> <name> chủ trì". */
const OFFICE_RE =
  /^(?:Phó\s+)?(?:Chủ tịch|Giám đốc|Bí thư|Trưởng|Chánh|Thường trực|Tập thể|Thủ trưởng|Cục trưởng|Bộ trưởng|Thứ trưởng|Lãnh đạo|Phó)/iu;

export function parsePresider(subject: string | null, body: Line[]): Person | null {
  return findPresider(subject, body)?.person ?? null;
}

/** The presider and where the notice names them: its subject, or the opening's "chủ trì". */
function findPresider(subject: string | null, body: Line[]): { person: Person; chaired: boolean } | null {
  let fromSubject: Person | null = null;
  const named = subject ? CONCLUDED_BY_NAME_RE.exec(subject) : null;
  if (named && CAPITALISED_NAME.test(named[1] as string))
    return { person: { name: named[1] as string, title: (named[2] as string).trim() }, chaired: false };
  const m = subject ? CONCLUDED_BY_RE.exec(subject) : null;
  if (m && OFFICE_RE.test((m[1] as string).trim())) fromSubject = splitTitleAndName((m[1] as string).trim());
  if (fromSubject?.name) return { person: fromSubject, chaired: false };
  // The subject often names only the office ("Kết luận của Giám đốc Sở"); the opening
  // paragraph names the person who chaired.
  for (let i = 0; i < 4 && i < body.length; i++) {
    const found = chairIn((body[i] as Line).text);
    if (
      found?.name &&
      (!fromSubject?.title ||
        COLLECTIVE.test(fromSubject.title) ||
        sameOffice(fromSubject.title, found.title))
    )
      return {
        person: { name: found.name, title: spelledOut(found.title, fromSubject?.title) },
        chaired: true,
      };
  }
  return fromSubject ? { person: fromSubject, chaired: false } : null;
}

/**
 * A collective body concludes ("Kết luận của Thường trực Tỉnh ủy", "… của Tập thể lãnh đạo Sở"):
 * whoever chaired its meeting presided, whatever their own office.
 */
const COLLECTIVE = /^(?:Thường trực|Ban Thường vụ|Tập thể|Lãnh đạo)(?![\p{L}])/iu;

/** "<honorific> <name>, <title> chủ trì", else "<title> <name> chủ trì", in one line. */
function chairIn(text: string): Person | null {
  if (!mayHoldChair(text) || !CHAIR_WORD.test(text)) return null;
  CHAIRED_BY_RE.lastIndex = 0;
  const by = execAtWordStart(CHAIRED_BY_RE, text);
  if (by) return { name: by[1] as string, title: (by[2] as string).trim() };
  NAME_THEN_TITLE_RE.lastIndex = 0;
  for (let a = execAtWordStart(NAME_THEN_TITLE_RE, text); a; a = execAtWordStart(NAME_THEN_TITLE_RE, text)) {
    if (CAPITALISED_NAME.test(a[1] as string))
      return { name: a[1] as string, title: (a[2] as string).trim() };
    NAME_THEN_TITLE_RE.lastIndex = indexAfter(text, a.index);
  }
  const b = CHAIRED_RE.exec(text);
  return b ? splitTitleAndName((b[1] as string).trim()) : null;
}

/**
 * "Giám đốc Sở" and "Giám đốc Sở Nông nghiệp và Môi trường" name the same office; so does
 * one of several offices held together ("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo ...").
 */
function sameOffice(a: string, b: string | null): boolean {
  if (!b) return false;
  const heads = b.split(',').map(officeHead);
  for (const x of a.split(',')) if (heads.includes(officeHead(x))) return true;
  return false;
}

/** An office's first two words in small letters: "Giám đốc Sở Xây dựng" → "giám đốc". */
function officeHead(s: string): string {
  // The first two pieces of `lower.split(/\s+/)`, without splitting the rest: `lower` neither
  // opens nor ends with white space (lower-casing makes none), so each piece is a word.
  const lower = s.trim().toLowerCase();
  const m = FIRST_TWO_WORDS.exec(lower) as RegExpExecArray;
  return m[2] === undefined ? (m[1] as string) : `${m[1]} ${m[2]}`;
}
const FIRST_TWO_WORDS = /^(\S*)(?:\s+(\S+))?/;

/** An office whose body is left bare: "Giám đốc Sở", "Trưởng Ban", "Chánh Văn phòng". */
const BARE_BODY = /(?:^|\s)(?:Sở|Ban|Cục|Chi cục|Phòng|Văn phòng|Trung tâm)$/u;

/**
 * The opening may leave bare the body the subject names ("ông ..., Giám đốc Sở chủ trì"
 * under "Kết luận của Giám đốc Sở Xây dựng"): the body is then read from the subject.
 */
function spelledOut(opening: string | null, subject: string | null | undefined): string | null {
  if (!opening || !subject || !BARE_BODY.test(opening)) return opening;
  return subject.toLowerCase().startsWith(`${opening.toLowerCase()} `) ? subject : opening;
}

/**
 * The meeting the document reports, or null when it reports none. A notice of conclusions
 * (TB) reports the meeting its subject or opening names; another type (a Công văn passing on
 * "ý kiến chỉ đạo", a Kế hoạch, a Báo cáo) reports one only when it gives the meeting's date
 * or says who chaired it.
 */
export function parseMeeting(
  subject: string | null,
  body: Line[],
  docType: string | null,
): { date: string | null; presider: Person | null; span?: Span } | null {
  // An invitation names the meeting to come, not one held (Decree 30/2020, Phụ lục III: GM).
  if (docType === 'GM') return null;
  const date = parseMeetingDate(body, subject);
  const presider = findPresider(subject, body);
  if (!date && !presider) return null;
  if (!date && !presider?.chaired && docType !== null && docType !== 'TB') return null;
  return {
    date: date?.date ?? null,
    presider: presider?.person ?? null,
    ...(date?.span ? { span: date.span } : {}),
  };
}

const WITH_RE =
  /(?:buổi làm việc|cuộc họp|buổi họp|làm việc|họp|hội nghị|buổi kiểm tra|kiểm tra)\s+(?:trực tuyến\s+)?với\s+/giu;

const WITH_WORD = /với/iu;

/** Whether `text` may hold "với" in any case: it needs ớ or Ớ (no other letter folds to them). */
function mayHoldWith(text: string): boolean {
  return text.indexOf('ớ') >= 0 || text.indexOf('Ớ') >= 0;
}

/** The agency the meeting was held with: the default owner of tasks that name none. */
export function parseCounterpart(subject: string | null, body: Line[]): string | null {
  for (let i = -1; i < 3 && i < body.length; i++) {
    // The subject first, then the opening lines.
    const text = i < 0 ? (subject ?? '') : (body[i] as Line).text;
    if (!mayHoldWith(text) || !WITH_WORD.test(text)) continue;
    WITH_RE.lastIndex = 0;
    const m = WITH_RE.exec(text);
    if (m) {
      const a = matchAgencyAt(text, m.index + m[0].length);
      if (a && !a.anaphor) return a.name;
    }
  }
  return null;
}
