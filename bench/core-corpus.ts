/**
 * A deterministic synthetic corpus for the core benchmark: new notices made by
 * recombining the parts of the real ones in corpus/ — the header (issuer, number,
 * place and date, subject, preamble) of one, numbered directive sections of others
 * (renumbered), and the closing (Nơi nhận, signer) of another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small seeded PRNG, the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every corpus/**\/*.txt, sorted by path so that the pool does not depend on the file system. */
export function corpusTexts(corpusDir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt'))
        out.push({ file: path.relative(corpusDir, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(corpusDir);
  return out;
}

interface Parts {
  header: string[];
  sections: { arabic: boolean; paragraphs: string[] }[];
  footer: string[];
}

// A top-level item ("1.", "II.") at the start of a paragraph, possibly in bold.
const TOP_ARABIC = /^(\s*(?:\*\*)?\s*)(\d{1,2})\.(?!\d)\s*/;
const TOP_ROMAN = /^(\s*(?:\*\*)?\s*)([IVX]{1,5})\.\s+/;
const SUB_ARABIC = /^(\s*(?:\*\*)?\s*)\d{1,2}\.(\d{1,2})(\.?)/;
const CLOSING = /^\s*(?:\*\*)?\s*(?:Nơi nhận|Trên đây)/i;

/** Cuts one notice into header, top-level sections and closing; null when it has no sections. */
export function cut(text: string): Parts | null {
  // Paragraphs, also split before a line that starts an item or the closing, since some
  // notices put a heading and its lines in one block without blank lines.
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n|\n(?=[ \t]*(?:\*\*)?[ \t]*(?:\d{1,2}\.(?!\d)|[IVX]{1,5}\.\s|Nơi nhận|Trên đây))/i)
    .filter((p) => p.trim().length > 0);
  const roman = paragraphs.some((p) => TOP_ROMAN.test(p));
  const top = roman ? TOP_ROMAN : TOP_ARABIC;
  const first = paragraphs.findIndex((p) => top.test(p));
  if (first < 0) return null;
  let close = paragraphs.findIndex((p, i) => i > first && CLOSING.test(p));
  if (close < 0) close = paragraphs.length;
  // The sentence just before "Nơi nhận" that is not an item is the closing formula.
  if (close > first + 1 && close < paragraphs.length && !top.test(paragraphs[close - 1] as string)) {
    const prev = paragraphs[close - 1] as string;
    if (!/^\s*[-+•]/.test(prev) && !SUB_ARABIC.test(prev) && !/^\s*[a-zđ]\)/.test(prev)) close--;
  }
  // The closing runs to the signer's name, until a repeated page starts: a list item or
  // a numbered item after the signer block, a new header, or a long paragraph.
  let end = close;
  let afterList = false;
  for (; end < paragraphs.length && end - close < 8; end++) {
    const p = paragraphs[end] as string;
    if (end > close && (p.length > 600 || top.test(p) || /CỘNG HÒA|THÔNG BÁO/.test(p))) break;
    const isList = /^\s*[-+•]/.test(p);
    if (isList && afterList) break;
    if (!isList && end > close && paragraphs.slice(close, end).some((q) => /^\s*[-+•]/.test(q)))
      afterList = true;
  }
  const sections: Parts['sections'] = [];
  for (let i = first; i < close; i++) {
    const p = paragraphs[i] as string;
    if (top.test(p) || sections.length === 0) sections.push({ arabic: !roman, paragraphs: [p] });
    else sections[sections.length - 1]?.paragraphs.push(p);
  }
  return { header: paragraphs.slice(0, first), sections, footer: paragraphs.slice(close, end) };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

// Line-start item markers inside a section, for renumbering under the new top-level number.
const SUB_ARABIC_LINES = /^(\s*(?:\*\*)?\s*)\d{1,2}\.(\d{1,2})(\.?)/gm;
const ITEM_ARABIC_LINES = /^(\s*(?:\*\*)?\s*)(\d{1,2})\.(?!\d)/gm;

/**
 * The section as item k of the new notice. Arabic sections keep their "x.y" sub-items as
 * "k.y"; sections cut from a notice with roman headings (whose sub-items are "1.", "2.")
 * become "k.1.", "k.2." under an arabic heading, so that the outline stays nested.
 */
function renumber(section: Parts['sections'][number], k: number, roman: boolean): string[] {
  return section.paragraphs.map((p, i) => {
    let head = '';
    let body = p;
    if (i === 0) {
      const re = section.arabic ? TOP_ARABIC : TOP_ROMAN;
      const first = p.replace(re, (_m, pre: string) => `${pre}${roman ? (ROMAN[k - 1] ?? String(k)) : k}. `);
      const nl = first.indexOf('\n');
      head = nl < 0 ? first : first.slice(0, nl);
      body = nl < 0 ? '' : first.slice(nl);
    }
    if (section.arabic && !roman)
      body = body.replace(
        SUB_ARABIC_LINES,
        (_m, pre: string, sub: string, dot: string) => `${pre}${k}.${sub}${dot}`,
      );
    else if (!section.arabic && !roman)
      body = body.replace(ITEM_ARABIC_LINES, (_m, pre: string, n: string) => `${pre}${k}.${n}.`);
    return head + body;
  });
}

export interface Generator {
  /** The next notice; about `targetBytes` of UTF-8. */
  next(): string;
  /** How many source notices could be cut into parts. */
  sources: number;
  sections: number;
}

/**
 * A deterministic stream of recombined notices: the same `seed` and corpus give the
 * same notices in the same order.
 */
export function generator(texts: string[], seed: number, targetBytes = 10 * 1024): Generator {
  const parts = texts.map(cut).filter((p): p is Parts => p !== null && p.header.length > 0);
  const pool = parts.flatMap((p) => p.sections);
  if (pool.length === 0) throw new Error('bench: no notice in corpus/ has numbered sections to recombine');
  const withFooter = parts.filter((p) => p.footer.length > 0);
  const rand = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const bytes = (s: string) => Buffer.byteLength(s);
  const poolBytes = pool.map((s) => bytes(s.paragraphs.join('\n\n')));
  return {
    sources: parts.length,
    sections: pool.length,
    next() {
      const head = pick(parts).header;
      const foot = withFooter.length > 0 ? pick(withFooter).footer : [];
      const roman = rand() < 0.15;
      let size = bytes(head.join('\n\n')) + bytes(foot.join('\n\n'));
      const body: string[] = [];
      let k = 0;
      for (let tries = 0; tries < 40 && size < targetBytes; tries++) {
        const i = Math.floor(rand() * pool.length);
        const b = poolBytes[i] as number;
        // Keep close to the target: skip a section that would overshoot by far.
        if (k > 0 && size + b > targetBytes * 1.25) continue;
        k++;
        body.push(...renumber(pool[i] as Parts['sections'][number], k, roman));
        size += b + 2;
      }
      return [...head, ...body, ...foot].join('\n\n');
    },
  };
}
