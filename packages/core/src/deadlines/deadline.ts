/**
 * Finds a task's deadline: a time expression introduced by a deadline cue
 * ("hoàn thành trong", "trước ngày", "chậm nhất", "trong tháng" ...) or a period
 * counted from the document's date ("trong 15 ngày kể từ ngày ký").
 *
 * Dates without a cue are references, not deadlines: "Quyết định số 468/QĐ-TTg
 * ngày 27/3/2021", "giai đoạn 2021-2025", "định hướng đến năm 2030",
 * "dự kiến ... vào năm 2023" (CONTRACT, Deadlines).
 */
import { addDays, addWorkingDays, iso, type YMD } from '../dates.ts';
import { endBeforeSpaces, execAtWordStart, lowerCase, foldSpaces as squash } from '../text/fold.ts';
import { parsePeriodAt } from './periods.ts';

export interface Deadline {
  due: string;
  dueText: string;
  start: number;
  end: number;
  /** 3: "hoàn thành", "trước ngày", "chậm nhất"; 2: "trong tháng/quý"; 1: "trong năm". */
  strength: number;
  /** The year was not written ("trước ngày 30/6"): it came from the document's date. */
  inferredYear: boolean;
}

// Matched in the lower-cased text, at word starts by execAtWordStart (a leading (?<![\p{L}])
// is several times slower). Case-insensitive by the lower-casing, not by the `i` flag: with
// it V8 compares every letter as a class and cannot scan ahead for the words. The first
// letters are written in both cases all the same: so written, V8 runs this pattern twice as
// fast (measured), though a lower-cased text holds no capital.
const CUE_RE =
  /(?:([hH]oàn thành|[hH]oàn tất|[xX]ong|[tT]hời hạn hoàn thành|[tT]hời hạn|[hH]ạn chót|[hH]ạn|[cC]hậm nhất|[mM]uộn nhất)(?:\s+là)?\s*:?\s*(?:(trong vòng|trong|trước|vào|cuối)\s+)?|([tT]rước|[tT]rong vòng|[tT]rong thời hạn|[tT]rong thời gian|[tT]rong|[đĐ]ến hết|[đĐ]ến ngày(?=\s*\d))\s+)/g;

const NUMBER_WORDS: Record<string, number> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  năm: 5,
  bảy: 7,
  mười: 10,
  'mười lăm': 15,
  'hai mươi': 20,
  'ba mươi': 30,
};
const RELATIVE_RE =
  /^(\d{1,3}|mười lăm|hai mươi|ba mươi|một|hai|ba|bốn|năm|bảy|mười)\s+(ngày|tháng)(\s+làm việc)?(?:\s*(?:\(\s*\d+\s*\)\s*)?(?:,\s*)?(kể từ(?: ngày)?\s+(?:ký|ban hành|nhận được|ký ban hành)[^,;.()]{0,40}|kể từ[^,;.()]{0,60}))?/iu;

/** "năm 2026", "cuối năm": a whole year, the weakest period. */
const YEAR_ONLY_RE = /^(?:cuối\s+)?năm/iu;

export function findDeadlines(text: string, docDate: YMD | null): Deadline[] {
  const out: Deadline[] = [];
  // (No test for a number or a period word first: the cue scan costs less than one, and
  // finds "trong bảy ngày", which names neither a digit nor a period word.)
  // A period that ended before this day is a reference, not a deadline (computed when first asked).
  let staleBefore: string | undefined;
  const lower = lowerCase(text);
  CUE_RE.lastIndex = 0;
  for (let m = execAtWordStart(CUE_RE, lower); m; m = execAtWordStart(CUE_RE, lower)) {
    const after = m.index + m[0].length;
    const rest = text.slice(after, after + 120);
    const strongCue = m[1] !== undefined;
    const prep = m[2] ?? m[3] ?? '';
    // The preposition ends the cue, before the spaces that follow it.
    const textStart = prep ? endBeforeSpaces(text, after) - prep.length : after;
    const p = parsePeriodAt(rest, docDate);
    // A period that ended well before the document was written is a reference, not a deadline.
    if (p && docDate) staleBefore ??= staleBeforeOf(docDate);
    if (p && staleBefore !== undefined && p.due < staleBefore) {
      CUE_RE.lastIndex = after + p.length;
      continue;
    }
    if (p) {
      const isYearOnly = YEAR_ONLY_RE.test(rest);
      let strength: number;
      if (strongCue) strength = 3;
      else if (prep === 'trước') strength = p.day ? 3 : 2;
      else if (prep === 'đến hết') strength = 2;
      // "đến ngày" ends a range ("từ ngày ... đến ngày ..."); "tính đến ngày" is "as of", a reference.
      else if (prep.startsWith('đến ngày')) {
        // "tính đến ngày", and "Đến ngày X, ..." opening a sentence, give the state "as of" a day.
        const before = text.slice(Math.max(0, m.index - 6), m.index);
        // A range that ended by the document's date ("đợt mưa lũ từ ngày 04/8 đến ngày 07/8")
        // is an event, past before anything was asked.
        if (
          /tính\s*$/iu.test(before) ||
          /(?:^|[.;:]\s*)$/u.test(before) ||
          /^\s*,/u.test(rest.slice(p.length)) ||
          (docDate !== null && p.due <= iso(docDate.y, docDate.m, docDate.d))
        )
          continue;
        strength = 1;
      } else strength = isYearOnly ? 1 : 2;
      const end = after + p.length;
      out.push({
        due: p.due,
        dueText: squash(text.slice(textStart, end)),
        start: textStart,
        end,
        strength,
        inferredYear: p.inferredYear,
      });
      CUE_RE.lastIndex = end;
      continue;
    }
    const rel = docDate && (prep.startsWith('trong') || prep === '') ? RELATIVE_RE.exec(rest) : null;
    // Only a period counted from this document can be resolved here.
    if (rel && docDate && (!rel[4] || /ký|ban hành|nhận được/iu.test(rel[4]))) {
      const n = NUMBER_WORDS[(rel[1] as string).toLowerCase()] ?? Number(rel[1]);
      const due =
        rel[2]?.toLowerCase() === 'tháng'
          ? addDays({ y: docDate.y, m: docDate.m + n, d: docDate.d }, 0)
          : rel[3]
            ? addWorkingDays(docDate, n)
            : addDays(docDate, n);
      const end = after + rel[0].length;
      out.push({
        due,
        dueText: squash(text.slice(textStart, end)),
        start: textStart,
        end,
        strength: 3,
        inferredYear: false,
      });
      CUE_RE.lastIndex = end;
    }
  }
  return out;
}

/**
 * A month before the first of `docDate`'s month: periods due earlier are references.
 * Remembered for the last month asked (one notice's paragraphs share their date).
 */
function staleBeforeOf(docDate: YMD): string {
  if (docDate.y !== staleYear || docDate.m !== staleMonth) {
    staleYear = docDate.y;
    staleMonth = docDate.m;
    staleDay = addDays({ ...docDate, d: 1 }, -31);
  }
  return staleDay;
}
let staleYear = Number.NaN;
let staleMonth = Number.NaN;
let staleDay = '';

/** The deadline a task is given: the strongest cue wins; among equals, the last written. */
export function chooseDeadline(cands: Deadline[]): Deadline | null {
  let best: Deadline | null = null;
  for (const c of cands) if (!best || c.strength >= best.strength) best = c;
  return best;
}
