/**
 * The outline of a notice's body: paragraphs arranged by their list markers into
 * a tree, so that an item inherits the agencies and deadline of the heading or
 * lead-in that introduces it.
 */
import type { Line } from '../document.ts';
import { isUpperCase } from '../text/caps.ts';
import { endBeforeSpaces, isSpace } from '../text/fold.ts';
import { isBullet, type Marker, type MarkerType, RANK, readMarker } from './markers.ts';

export interface Paragraph {
  /** Text after the marker, lines joined by single spaces. */
  text: string;
  marker: Marker | null;
  /** Offsets in the document text of the whole paragraph and of its text after the marker. */
  start: number;
  contentStart: number;
  end: number;
}

export interface OutlineNode {
  para: Paragraph | null;
  children: OutlineNode[];
  parent: OutlineNode | null;
  /** "2.1", "3.a": the labels of the marked ancestors and the node. */
  ref: string | null;
  /** Ends with ":" or "như sau": it introduces what follows. */
  leadIn: boolean;
}

const LEAD_IN_END =
  /(?::|như sau|sau đây|cụ thể sau|các nội dung sau|một số nội dung sau|nhiệm vụ sau)\s*\.?\s*$/iu;

export function isLeadIn(text: string): boolean {
  // Every ending above closes on ":", "sau" or "đây" before an optional full stop: other
  // paragraphs are ruled out without running the pattern backwards over their tail. The
  // last character is read past the trailing spaces and one full stop, without trimming.
  let end = endBeforeSpaces(text, text.length);
  if (end > 0 && text.charCodeAt(end - 1) === 46) end = endBeforeSpaces(text, end - 1);
  const last = text.charCodeAt(end - 1);
  if (last !== 58 && last !== 117 && last !== 85 && last !== 121 && last !== 89) return false;
  // A ":" there is the pattern's first ending with only spaces and a stop after it, when
  // it lies within the 40 characters the pattern reads.
  if (last === 58 && end - 1 >= text.length - 40) return true;
  return LEAD_IN_END.test(text.slice(-40));
}

const ATTRIBUTE_START =
  /^(?:(?:Cơ quan|Đơn vị)\s+)?(?:chủ trì|thực hiện|phối hợp|thời gian(?: hoàn thành| thực hiện)?|thời hạn(?: hoàn thành)?|tiến độ)\s*:/iu;

/**
 * "Giao:" after an item's sentence, the agencies it assigns after it on the same or the next
 * lines ("Giao:" / "UBND huyện A;" / "UBND huyện B."): a paragraph of its own, under the item
 * it assigns, so that the item keeps its own words.
 */
const ASSIGNMENT = /^(?:Giao(?: thực hiện)?|Phân công(?: thực hiện)?)\s*:\s*/iu;

/** The agencies an assignment paragraph names ("Giao: Sở A; Sở B." → "Sở A; Sở B."), else null. */
export function assignedIn(text: string): string | null {
  if (!mayOpenAssignment(text)) return null;
  const m = ASSIGNMENT.exec(text);
  return m ? text.slice(m[0].length) : null;
}

/** A line in capitals is a heading ("KINH PHÍ THỰC HIỆN"), never part of a paragraph. */
export const isHeadingLine = (t: string) =>
  t.length >= 4 && t.length <= 120 && isUpperCase(t) && /\p{Lu}{3}/u.test(t);

/** Joins the lines of each block into paragraphs; a line with a list marker opens a new one. */
/**
 * A numbered item that is only a section's title ("1. Đánh giá chung", "II. Nhiệm vụ thời
 * gian tới"): a capitalised line under it opens the section's first paragraph, even with no
 * blank line between them.
 */
const SECTION_TITLE =
  /^(?:Về\s+)?(?:đánh giá chung|đánh giá kết quả[^.;:,]{0,40}|kết quả (?:đạt được|thực hiện)[^.;:,]{0,40}|tình hình[^.;:,]{0,60}|những (?:hạn chế|tồn tại)[^.;:,]{0,30}|tồn tại,? hạn chế|hạn chế,? tồn tại|ưu điểm|nhận xét|nhiệm vụ[^.;:,]{0,50}|tổ chức thực hiện|giải pháp[^.;:,]{0,40}|mục tiêu|quan điểm)\s*:?$/iu;

export function toParagraphs(lines: Line[]): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph | null = null;
  for (const l of lines) {
    const marker = readMarker(l.text);
    if (cur === null || marker !== null || l.opensBlock || opensParagraph(cur, l.text)) {
      cur = openParagraph(l, marker);
      out.push(cur);
    } else {
      cur.text = `${cur.text} ${l.text}`;
      cur.end = l.end;
    }
  }
  return out;
}

/** Whether an unmarked line of a block starts a paragraph of its own after `cur`. */
function opensParagraph(cur: Paragraph, text: string): boolean {
  return (
    (cur.text.endsWith(':') && assignedIn(cur.text) !== '') ||
    (mayOpenAttribute(text) && ATTRIBUTE_START.test(text)) ||
    (mayOpenAssignment(text) && ASSIGNMENT.test(text)) ||
    isHeadingLine(cur.text) ||
    isHeadingLine(text) ||
    // The cheap test of the line before the section title's pattern (both are pure tests).
    (cur.marker !== null && opensWithCapital(text) && SECTION_TITLE.test(cur.text))
  );
}

/** The paragraph that line `l` opens: its text after the marker, trimmed. */
function openParagraph(l: Line, marker: Marker | null): Paragraph {
  const t = l.text;
  const skip = marker?.length ?? 0;
  // `t.slice(skip).trim()` without the intermediate copy.
  let from = skip;
  while (from < t.length && isSpace(t.charCodeAt(from))) from++;
  const to = endBeforeSpaces(t, t.length);
  // Skip spaces between the marker and the text so that the span starts on a word.
  let contentStart = l.start + skip;
  while (contentStart < l.end && isSpace(t.charCodeAt(contentStart - l.start))) contentStart++;
  return { text: from < to ? t.slice(from, to) : '', marker, start: l.start, contentStart, end: l.end };
}

/**
 * First characters ATTRIBUTE_START (c, đ, p, t: "Cơ quan", "Đơn vị", "phối hợp", "thời hạn")
 * and ASSIGNMENT (g, p: "Giao", "Phân công") can match, in either case. No other character
 * folds to these letters, so a line opening on another one cannot match.
 */
function mayOpenAttribute(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x110 || c === 0x111) return true; // Đ đ
  const lower = c | 0x20; // a capital ASCII letter as a small one
  return lower === 0x63 || lower === 0x70 || lower === 0x74; // c p t
}
function mayOpenAssignment(text: string): boolean {
  const lower = text.charCodeAt(0) | 0x20; // a capital ASCII letter as a small one
  return lower === 0x67 || lower === 0x70; // g p
}

/** `/^\p{Lu}/u`: in ASCII only A–Z are capitals, so the pattern runs for other characters only. */
function opensWithCapital(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 0x80 ? c >= 65 && c <= 90 : UPPER_START.test(text);
}
const UPPER_START = /^\p{Lu}/u;

const markerType = (n: OutlineNode): MarkerType | null => n.para?.marker?.type ?? null;

/** `stack.findLastIndex((n) => markerType(n) === t)`, without a closure per item. */
function lastOfType(stack: OutlineNode[], t: MarkerType): number {
  for (let i = stack.length - 1; i >= 0; i--) if (markerType(stack[i] as OutlineNode) === t) return i;
  return -1;
}

export function buildOutline(paras: Paragraph[]): OutlineNode {
  const root: OutlineNode = { para: null, children: [], parent: null, ref: null, leadIn: true };
  const stack: OutlineNode[] = [root];
  let last: OutlineNode | null = null;
  for (const p of paras) {
    const node: OutlineNode = { para: p, children: [], parent: null, ref: null, leadIn: isLeadIn(p.text) };
    const t = p.marker?.type ?? null;
    const assignment = t === null && assignedIn(p.text) !== null;
    if (t) {
      const same = lastOfType(stack, t);
      if (same > 0) while (stack.length > same) stack.pop();
      else {
        // An unmarked paragraph that does not introduce a list ends here, and so does
        // any item of a deeper kind than this one.
        for (;;) {
          const n = stack[stack.length - 1] as OutlineNode;
          if (n === root) break;
          const nt = markerType(n);
          if (nt === null ? !n.leadIn : RANK[nt] > RANK[t]) stack.pop();
          else break;
        }
      }
    } else if (!assignment) {
      // An unmarked paragraph belongs to the numbered item or lead-in above it, not to a bullet.
      for (;;) {
        const n = stack[stack.length - 1] as OutlineNode;
        if (n === root) break;
        const nt = markerType(n);
        if ((nt === null && !n.leadIn) || (nt !== null && isBullet(nt))) stack.pop();
        else break;
      }
    }
    // An assignment ("Giao: …") belongs to the paragraph right above it, whatever it is.
    const parent = assignment && last ? last : (stack[stack.length - 1] as OutlineNode);
    node.parent = parent;
    parent.children.push(node);
    node.ref = refOf(node);
    if (t || node.leadIn) stack.push(node);
    last = node;
  }
  return root;
}

/** "2.1.a": the labels of the marked ancestors from the nearest "x.y" number down (bullets have none). */
function refOf(node: OutlineNode): string | null {
  const m = node.para?.marker;
  const above = node.parent?.ref ?? null;
  if (!m || isBullet(m.type)) return above;
  if (m.type === 'num2' || m.type === 'num3' || m.type === 'num4') return m.label;
  return above === null ? m.label : `${above}.${m.label}`;
}

export function* walk(node: OutlineNode): Generator<OutlineNode> {
  for (const c of node.children) {
    yield c;
    yield* walk(c);
  }
}
