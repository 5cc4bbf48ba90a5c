/**
 * extract(text) → notice@1. The pipeline, in the manner of chrono-node: cleaners
 * prepare the text, small parsers each recognise one component, refiners settle
 * what the parsers leave open (issuer from the notation, place spelling, warnings).
 */
import { ISSUER_ABBREVIATIONS } from './agencies/lexicon.ts';
import { parseIso } from './dates.ts';
import { type Line, toDoc, withText } from './document.ts';
import { lookupProvince } from './gazetteer/provinces.ts';
import { buildOutline, isLeadIn, type Paragraph, toParagraphs } from './outline/tree.ts';
import { findRecipientsHead, parseRecipients, parseSigner } from './parsers/footer.ts';
import {
  docTypeFromNotation,
  parseIssuerBlock,
  parseNumber,
  parsePlaceDate,
  parseReceived,
  parseSubject,
  parseTypeLine,
  placeCorrected,
} from './parsers/header.ts';
import { parseCounterpart, parseMeeting } from './parsers/meeting.ts';
import { CLOSING_RE } from './tasks/classify.ts';
import { extractTasks } from './tasks/extract.ts';
import { isPartyNotice } from './tasks/roles.ts';
import { extractTableTasks, isTableLine } from './tasks/table.ts';
import { newTonePlacement, restoreDiacritics } from './text/accents.ts';
import { cleanText } from './text/clean.ts';
import type { Notice, Span, Task, Warning } from './types.ts';

export interface ExtractOptions {
  /** Reference date (ISO) for relative deadlines when the notice has no date. */
  today?: string;
}

/** Lines that can hold header components: near the top and short. */
const HEADER_LINES = 45;

/** Reads one notice's text and returns its record. Never throws. */
export function extract(input: string, options: ExtractOptions = {}): Notice {
  try {
    return run(typeof input === 'string' ? input : String(input ?? ''), options);
  } catch (err) {
    // A bug must not cost the officer the document: return what is safe, and say so.
    const text = typeof input === 'string' ? input.normalize('NFC') : '';
    return {
      ...emptyNotice(text),
      warnings: [{ code: 'not-a-notice', message: `Không đọc được văn bản: ${(err as Error).message}` }],
    };
  }
}

function emptyNotice(text: string): Notice {
  return {
    schema: 'notice@1',
    number: null,
    notation: null,
    docType: null,
    issuer: null,
    place: null,
    date: null,
    subject: null,
    meeting: null,
    tasks: [],
    recipients: [],
    signer: null,
    received: null,
    warnings: [],
    text,
    spans: {},
  };
}

/** What the stages share: the text as printed, the view parsers read, the record so far. */
interface Ctx {
  /** Lines of the view (diacritics restored when OCR lost them). */
  lines: Line[];
  /** The same lines as printed: values that are quoted, not interpreted, come from here. */
  printed: Line[];
  text: string;
  notice: Notice;
  warnings: Warning[];
  options: ExtractOptions;
  /** First line of the body, after the header. */
  bodyFrom: number;
  /** Last line + 1 of the body, before Nơi nhận and the signature. */
  bodyTo: number;
}

function run(input: string, options: ExtractOptions): Notice {
  const cleaned = cleanText(input);
  // Parsers read a view with diacritics put back on words OCR printed bare; the record
  // keeps the text as printed (same length, same offsets).
  const view = restoreDiacritics(newTonePlacement(cleaned.text));
  const doc = toDoc(view);
  const printed = view === cleaned.text ? doc : withText(doc, cleaned.text);
  const ctx: Ctx = {
    lines: doc.lines,
    printed: printed.lines,
    text: cleaned.text,
    notice: emptyNotice(cleaned.text),
    warnings: [...cleaned.warnings],
    options,
    bodyFrom: 0,
    bodyTo: doc.lines.length,
  };
  const header = readHeader(ctx);
  readFooter(ctx);
  readBody(ctx);
  refine(ctx, header.looksLikeNotice);
  ctx.notice.warnings = ctx.warnings;
  return ctx.notice;
}

/** Decree 30/2020 header: number and notation, place and date, type, subject, issuer, stamp. */
function readHeader(ctx: Ctx): { looksLikeNotice: boolean } {
  const { notice, warnings } = ctx;
  const spans = notice.spans;
  const header = ctx.lines.slice(0, HEADER_LINES).filter((l) => l.text.length < 220);
  const num = parseNumber(header);
  const placeDate = parsePlaceDate(header);
  const typeLine = parseTypeLine(header);
  const received = parseReceived(header);
  const issuerBlock = parseIssuerBlock(header, num?.line ?? placeDate?.line ?? null);
  const afterHeader = Math.max(num?.line ?? -1, placeDate?.line ?? -1, received?.line ?? -1);
  const subject = parseSubject(ctx.printed.slice(0, HEADER_LINES + 10), typeLine?.line ?? null, afterHeader);

  if (num) {
    notice.number = num.value.number;
    notice.notation = num.value.notation;
    spans.number = num.span;
    spans.notation = num.span;
    if (!num.value.number)
      warnings.push({ code: 'blank-number', message: 'Văn bản chưa có số (Số: /...).', span: num.span });
  }
  notice.docType = docTypeFromNotation(notice.notation) ?? typeLine?.value ?? null;
  if (typeLine?.value === 'TB' && notice.docType === 'CV') notice.docType = 'TB';
  if (notice.docType) spans.docType = typeLine?.span ?? num?.span;
  if (placeDate) {
    notice.place = placeDate.value.place;
    notice.date = placeDate.value.date;
    spans.place = placeDate.span;
    spans.date = placeDate.span;
    if (placeDate.value.blankDay && notice.date)
      warnings.push({
        code: 'blank-day',
        message: 'Ngày ban hành để trống; chỉ có tháng và năm.',
        span: placeDate.span,
      });
    if (placeCorrected(placeDate.value.printedPlace, placeDate.value.place))
      warnings.push({
        code: 'place-corrected',
        message: `Địa danh "${placeDate.value.printedPlace}" được hiểu là "${placeDate.value.place}".`,
        span: placeDate.span,
      });
  }
  if (subject) {
    notice.subject = subject.value;
    spans.subject = subject.span;
  }
  if (received) {
    notice.received = received.value;
    spans.received = received.span;
  }
  notice.issuer = issuerBlock?.value ?? null;
  if (issuerBlock) spans.issuer = issuerBlock.span;
  ctx.bodyFrom = Math.max(afterHeader, subject?.line ?? -1, typeLine?.line ?? -1) + 1;
  return { looksLikeNotice: num !== null || typeLine !== null || placeDate !== null };
}

/** Nơi nhận and the signature block (Decree 30/2020, Art. 8). */
function readFooter(ctx: Ctx): void {
  const { notice, lines } = ctx;
  let recHead = findRecipientsHead(lines);
  if (recHead < ctx.bodyFrom) recHead = -1;
  const recipients = recHead >= 0 ? parseRecipients(ctx.printed, recHead) : null;
  if (recipients) {
    notice.recipients = recipients.value.entries;
    notice.spans.recipients = recipients.span;
  }
  const signer = parseSigner(
    ctx.printed,
    recHead >= 0 ? recHead : Math.max(ctx.bodyFrom, lines.length - 15),
    recipients?.value.gluedName ?? null,
  );
  if (signer) {
    notice.signer = signer.value;
    if (signer.span.end > signer.span.start) notice.spans.signer = signer.span;
  }
  ctx.bodyTo = recHead >= 0 ? recHead : signer && signer.line > ctx.bodyFrom ? signer.line : lines.length;
}

/** The meeting, then the tasks: from the lead-in of the directive part to the closing formula. */
function readBody(ctx: Ctx): void {
  const { notice } = ctx;
  const bodyLines = bodyLinesOf(ctx.lines, ctx.bodyFrom, ctx.bodyTo);
  const meeting = parseMeeting(notice.subject, bodyLines, notice.docType);
  notice.meeting = meeting && { date: meeting.date, presider: meeting.presider };
  if (meeting?.span) notice.spans.meeting = meeting.span;

  // Invitations, reports and minutes ask nothing to be tracked (Decree 30/2020, Phụ lục III types).
  if (NON_DIRECTIVE_TYPES.has(notice.docType ?? '')) return;
  const paras = toParagraphs(bodyLines);
  const { start, end } = directiveRange(paras);
  const docDate = parseIso(notice.date) ?? parseIso(ctx.options.today);
  const tableTasks = extractTableTasks(ctx.lines, docDate, ctx.text);
  const outlineTasks = extractTasks(buildOutline(paras.slice(start, end)), {
    text: ctx.text,
    docDate,
    counterpart: parseCounterpart(notice.subject, bodyLines),
    hasTaskTable: tableTasks.length > 0,
    partyIssuer: isPartyNotice(notice.notation, notice.issuer),
    notClosing: notClosingIn(paras, start, end),
  });
  notice.tasks = inTextOrder([...outlineTasks, ...tableTasks]);
}

/**
 * Whether a paragraph lies after the first of the directive part and before its end:
 * directiveRange tested each of them for the closing formula. (Made here, not written in the
 * options object: a function literal named by its property costs a name definition a call
 * under esbuild's keepNames.)
 */
function notClosingIn(paras: Paragraph[], start: number, end: number): (p: Paragraph) => boolean {
  return (p) => {
    const i = paras.indexOf(p, start + 1);
    return i >= 0 && i < end;
  };
}

/**
 * `tasks.sort((a, b) => a.span.start - b.span.start)`. The sort is stable, so tasks already
 * in order (the outline's usually are, and most notices have no table) are left as they are.
 */
function inTextOrder(tasks: Task[]): Task[] {
  for (let i = 1; i < tasks.length; i++)
    if (!((tasks[i - 1] as Task).span.start <= (tasks[i] as Task).span.start)) return tasks.sort(byStart);
  return tasks;
}
const byStart = (a: Task, b: Task) => a.span.start - b.span.start;

/** Refiners: what the parsers leave open, and the warnings an officer needs to see. */
function refine(ctx: Ctx, looksLikeNotice: boolean): void {
  const { notice, warnings } = ctx;
  notice.issuer ??= issuerFromText(notice, ctx.lines);
  if (!looksLikeNotice)
    warnings.push({
      code: 'not-a-notice',
      message:
        'Không thấy số, ký hiệu, địa danh hay tên loại văn bản: có thể đây không phải là thông báo kết luận.',
    });
  else if (notice.tasks.length === 0)
    warnings.push({ code: 'no-tasks', message: 'Không tìm thấy nhiệm vụ nào được giao trong văn bản.' });
  const orphans = notice.tasks.filter((t) => t.lead.length === 0);
  if (orphans.length)
    warnings.push({
      code: 'task-without-lead',
      message: `${orphans.length} nhiệm vụ chưa xác định được cơ quan chủ trì.`,
      span: (orphans[0] as (typeof orphans)[number]).span as Span,
    });
}

const NON_DIRECTIVE_TYPES = new Set(['GM', 'BC', 'BB', 'TTr', 'HĐ', 'GGT', 'GNP', 'PG', 'PC', 'PB']);

/**
 * The directive part: from its first item or lead-in ("… như sau:") to the closing formula
 * (CLOSING_RE), as indices in `paras`; `start` is `paras.length` when there is none.
 */
export function directiveRange(paras: Paragraph[]): { start: number; end: number } {
  let start = 0;
  while (start < paras.length && !opensDirectives(paras[start] as Paragraph)) start++;
  let end = paras.length;
  for (let i = start + 1; i < paras.length; i++) {
    if (CLOSING_RE.test((paras[i] as Paragraph).text)) {
      end = i;
      break;
    }
  }
  return { start, end };
}

function opensDirectives(p: Paragraph): boolean {
  return p.marker !== null || (isLeadIn(p.text) && DIRECTIVE_LEAD_IN.test(p.text));
}
const DIRECTIVE_LEAD_IN = /kết luận|chỉ đạo|như sau|đề nghị|yêu cầu|giao|sau\s*:?$/iu;

/**
 * The body's lines but table rows and the addressees of a công văn ("Kính gửi: - Sở A;
 * - Sở B" names them, not tasks).
 */
export function bodyLinesOf(lines: Line[], from: number, bodyTo: number): Line[] {
  const to = Math.min(bodyTo, lines.length);
  let k = from;
  while (k < to && !opensAddressees((lines[k] as Line).text)) k++;
  let skipTo = k;
  if (k < to) {
    skipTo = k + 1;
    while (
      skipTo < to &&
      ADDRESSEE_ITEM.test((lines[skipTo] as Line).text) &&
      (lines[skipTo] as Line).text.length < 200
    )
      skipTo++;
  }
  const out: Line[] = [];
  for (let i = from; i < to; i++) {
    if (i === k) i = skipTo;
    if (i < to && !isTableLine(lines[i] as Line)) out.push(lines[i] as Line);
  }
  return out;
}

/**
 * `/^Kính gửi\s*:?/iu`, whose optional tail never decides. Only K, k and the Kelvin sign
 * (U+212A) fold to k, so a line opening on another character is not tried.
 */
function opensAddressees(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 75 || c === 107 || c === 0x212a) && KINH_GUI.test(text);
}
const KINH_GUI = /^Kính gửi\s*:?/iu;
const ADDRESSEE_ITEM = /^[-+•]/u;

/**
 * When OCR lost the header block: the closing formula names the issuer
 * ("Văn phòng UBND tỉnh ... thông báo"), else the notation's issuer part does.
 */
function issuerFromText(notice: Notice, lines: Line[]): string | null {
  const province = notice.place ? lookupProvince(notice.place) : null;
  const where = province ? `${province.kind === 'city' ? 'thành phố' : 'tỉnh'} ${province.name}` : null;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 40); i--) {
    const m =
      /(?:^|\.\s+|,\s+)((?:Văn phòng\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố)(?:\s+\p{Lu}[\p{Ll}]*){0,3})\s+(?:xin\s+)?thông báo/u.exec(
        (lines[i] as Line).text,
      );
    if (m) {
      const name = (m[1] as string).replace(/UBND|Uỷ ban nhân dân/u, 'Ủy ban nhân dân');
      return /(?:tỉnh|thành phố)$/u.test(name) && province ? `${name} ${province.name}` : name;
    }
  }
  const code = notice.notation?.split('-').slice(1).join('-');
  const base = code ? ISSUER_ABBREVIATIONS[code] : undefined;
  return base ? (where ? `${base} ${where}` : base) : null;
}
