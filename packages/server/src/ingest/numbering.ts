/**
 * Word's automatic numbering as the reader sees it ("1.", "a)", "I.", "1.2.", "-").
 * mammoth only knows whether a list is ordered, so before it runs, each numbered paragraph
 * of word/document.xml gets its label written as a text run and its numbering switched off
 * (numId 0). Only the `w:` prefix Word writes is handled; anything else is left to mammoth.
 */

interface Level {
  format: string;
  text: string;
  start: number;
  isLegal: boolean;
  pStyle: string | null;
}

interface Num {
  abstractId: string;
  levelOverrides: Map<number, { start: number | null; level: Level | null }>;
}

interface StyleNumbering {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

export interface NumberingModel {
  abstracts: Map<string, Map<number, Level>>;
  numStyleLinks: Map<string, string>;
  nums: Map<string, Num>;
  styles: Map<string, StyleNumbering>;
}

function attr(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeXml(match[1] ?? '') : null;
}

function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The first `<name .../>` or `<name ...>` start tag inside `xml`, or null. */
function firstTag(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}(?=[\\s/>])[^>]*>`).exec(xml);
  return match ? match[0] : null;
}

function val(xml: string, name: string): string | null {
  const tag = firstTag(xml, name);
  return tag ? attr(tag, 'w:val') : null;
}

function elements(xml: string, name: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`<${name}(?=[\\s>])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
  for (let m = pattern.exec(xml); m !== null; m = pattern.exec(xml)) out.push(m[0]);
  return out;
}

function readLevel(xml: string): Level {
  const start = Number.parseInt(val(xml, 'w:start') ?? '1', 10);
  return {
    format: val(xml, 'w:numFmt') ?? 'decimal',
    text: val(xml, 'w:lvlText') ?? '',
    start: Number.isFinite(start) ? start : 1,
    isLegal: firstTag(xml, 'w:isLgl') !== null,
    pStyle: val(xml, 'w:pStyle'),
  };
}

export function readNumbering(
  numberingXml: string | undefined,
  stylesXml: string | undefined,
): NumberingModel {
  const model: NumberingModel = {
    abstracts: new Map(),
    numStyleLinks: new Map(),
    nums: new Map(),
    styles: new Map(),
  };
  for (const abstract of elements(numberingXml ?? '', 'w:abstractNum')) {
    const id = attr(firstTag(abstract, 'w:abstractNum') ?? '', 'w:abstractNumId');
    if (id === null) continue;
    const levels = new Map<number, Level>();
    for (const lvl of elements(abstract, 'w:lvl')) {
      const ilvl = Number.parseInt(attr(firstTag(lvl, 'w:lvl') ?? '', 'w:ilvl') ?? '0', 10);
      levels.set(ilvl, readLevel(lvl));
    }
    model.abstracts.set(id, levels);
    const link = val(abstract, 'w:numStyleLink');
    if (link) model.numStyleLinks.set(id, link);
  }
  for (const num of elements(numberingXml ?? '', 'w:num')) {
    const id = attr(firstTag(num, 'w:num') ?? '', 'w:numId');
    const abstractId = val(num, 'w:abstractNumId');
    if (id === null || abstractId === null) continue;
    const levelOverrides = new Map<number, { start: number | null; level: Level | null }>();
    for (const override of elements(num, 'w:lvlOverride')) {
      const ilvl = Number.parseInt(attr(firstTag(override, 'w:lvlOverride') ?? '', 'w:ilvl') ?? '0', 10);
      const start = val(override, 'w:startOverride');
      const lvl = elements(override, 'w:lvl')[0];
      levelOverrides.set(ilvl, {
        start: start === null ? null : Number.parseInt(start, 10),
        level: lvl ? readLevel(lvl) : null,
      });
    }
    model.nums.set(id, { abstractId, levelOverrides });
  }
  for (const style of elements(stylesXml ?? '', 'w:style')) {
    const id = attr(firstTag(style, 'w:style') ?? '', 'w:styleId');
    if (id === null) continue;
    const numPr = elements(style, 'w:numPr')[0] ?? '';
    const ilvl = val(numPr, 'w:ilvl');
    model.styles.set(id, {
      numId: numPr ? val(numPr, 'w:numId') : null,
      ilvl: ilvl === null ? null : Number.parseInt(ilvl, 10),
      basedOn: val(style, 'w:basedOn'),
    });
  }
  return model;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  let value = n;
  for (const [size, digits] of ROMAN) {
    while (value >= size) {
      out += digits;
      value -= size;
    }
  }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter past z: aa, bb, ...
  if (n <= 0) return '';
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** A bullet glyph (often a Symbol/Wingdings private-use character) becomes "-", as in Decree 30/2020 texts. */
function bulletText(text: string): string {
  const trimmed = text.trim();
  return /^[-–+*]$/.test(trimmed) ? trimmed : '-';
}

interface Resolved {
  numId: string;
  ilvl: number;
}

export class NumberingCounter {
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly started = new Set<string>();

  constructor(private readonly model: NumberingModel) {}

  private abstractOf(numId: string, seen = new Set<string>()): string | null {
    const num = this.model.nums.get(numId);
    if (!num || seen.has(numId)) return null;
    seen.add(numId);
    const link = this.model.numStyleLinks.get(num.abstractId);
    if (link) {
      const linkedNum = this.model.styles.get(link)?.numId;
      if (linkedNum) return this.abstractOf(linkedNum, seen) ?? num.abstractId;
    }
    return num.abstractId;
  }

  private level(numId: string, abstractId: string, ilvl: number): Level | null {
    return (
      this.model.nums.get(numId)?.levelOverrides.get(ilvl)?.level ??
      this.model.abstracts.get(abstractId)?.get(ilvl) ??
      null
    );
  }

  /** Direct numPr first, then the paragraph style (and the styles it is based on). */
  resolve(numId: string | null, ilvl: number | null, styleId: string | null): Resolved | null {
    if (numId !== null) return numId === '0' ? null : { numId, ilvl: ilvl ?? 0 };
    let style = styleId;
    const seen = new Set<string>();
    while (style !== null && !seen.has(style)) {
      seen.add(style);
      const info = this.model.styles.get(style);
      if (!info) return null;
      if (info.numId !== null) {
        if (info.numId === '0') return null;
        let level = info.ilvl;
        if (level === null) {
          const abstract = this.abstractOf(info.numId);
          const levels = abstract === null ? undefined : this.model.abstracts.get(abstract);
          for (const [index, lvl] of levels ?? []) if (lvl.pStyle === styleId) level = index;
        }
        return { numId: info.numId, ilvl: level ?? 0 };
      }
      style = info.basedOn;
    }
    return null;
  }

  /** The label of the next paragraph of this list level, or null when Word shows none. */
  next(numId: string, ilvl: number): string | null {
    const abstractId = this.abstractOf(numId);
    if (abstractId === null) return null;
    const level = this.level(numId, abstractId, ilvl);
    if (!level) return null;
    let counts = this.counts.get(abstractId);
    if (!counts) {
      counts = new Map();
      this.counts.set(abstractId, counts);
    }
    // Lists sharing an abstract definition continue each other, unless a list restarts a level.
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [index, override] of this.model.nums.get(numId)?.levelOverrides ?? []) {
        if (override.start !== null) {
          counts.set(index, override.start - 1);
          for (const deeper of [...counts.keys()]) if (deeper > index) counts.delete(deeper);
        }
      }
    }
    const current = counts.get(ilvl);
    counts.set(ilvl, current === undefined ? level.start : current + 1);
    for (const deeper of [...counts.keys()]) if (deeper > ilvl) counts.delete(deeper);
    if (level.format === 'bullet') return bulletText(level.text);
    const label = level.text.replace(/%([1-9])/g, (_, digit: string) => {
      const index = Number(digit) - 1;
      const other = this.level(numId, abstractId, index);
      const value = counts.get(index) ?? other?.start ?? 1;
      return formatNumber(value, level.isLegal && index !== ilvl ? 'decimal' : (other?.format ?? 'decimal'));
    });
    return label.trim() === '' ? null : label.trim();
  }
}

const TAG = /<(\/?)([A-Za-z][\w.-]*:?[\w.-]*)([^>]*?)(\/?)>/g;

/**
 * Writes each numbered paragraph's label into document.xml as a text run and turns its
 * numbering off, so mammoth emits "1. Nội dung" as a plain paragraph. Returns the new XML
 * and how many labels were written.
 */
export function labelNumberedParagraphs(
  documentXml: string,
  model: NumberingModel,
): { xml: string; labels: number } {
  if (model.nums.size === 0) return { xml: documentXml, labels: 0 };
  const counter = new NumberingCounter(model);
  let out = '';
  let last = 0;
  let labels = 0;
  let choiceDepth = 0; // mammoth reads mc:Fallback, not mc:Choice: do not count paragraphs twice
  TAG.lastIndex = 0;
  for (let m = TAG.exec(documentXml); m !== null; m = TAG.exec(documentXml)) {
    const [whole, closing, name, , selfClosing] = m;
    if (name === 'mc:Choice') {
      if (closing) choiceDepth -= 1;
      else if (!selfClosing) choiceDepth += 1;
      continue;
    }
    if (name !== 'w:p' || closing || selfClosing || choiceDepth > 0) continue;
    const bodyStart = m.index + whole.length;
    const pPrMatch = /^\s*<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(documentXml.slice(bodyStart, bodyStart + 20_000));
    const pPr = (pPrMatch?.[1] ?? '').replace(/<w:pPrChange[\s\S]*?<\/w:pPrChange>/g, '');
    const numPr = elements(pPr, 'w:numPr')[0] ?? null;
    const numId = numPr ? val(numPr, 'w:numId') : null;
    const ilvlText = numPr ? val(numPr, 'w:ilvl') : null;
    const resolved = counter.resolve(
      numId,
      ilvlText === null ? null : Number.parseInt(ilvlText, 10),
      val(pPr, 'w:pStyle'),
    );
    if (!resolved) continue;
    const label = counter.next(resolved.numId, resolved.ilvl);
    if (label === null) continue;
    const end = documentXml.indexOf('</w:p>', bodyStart);
    const hasText = /<w:t[\s>]/.test(documentXml.slice(bodyStart, end < 0 ? undefined : end));
    if (!hasText) continue;
    const off = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>';
    const run = `<w:r><w:t xml:space="preserve">${escapeXml(label)} </w:t></w:r>`;
    let replacement: string;
    if (pPrMatch) {
      const original = pPrMatch[0];
      const withoutNum = original.replace(/<w:numPr>[\s\S]*?<\/w:numPr>|<w:numPr\/>/, '');
      const patched = withoutNum.replace(/<w:pPr>/, `<w:pPr>${off}`);
      replacement = patched + run;
      out += documentXml.slice(last, bodyStart) + replacement;
      last = bodyStart + original.length;
    } else {
      out += `${documentXml.slice(last, bodyStart)}<w:pPr>${off}</w:pPr>${run}`;
      last = bodyStart;
    }
    labels += 1;
  }
  out += documentXml.slice(last);
  return { xml: out, labels };
}
