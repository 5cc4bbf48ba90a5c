/**
 * Folding Vietnamese text into comparison and search keys.
 *
 * OCR and typists disagree on two things that must not matter when comparing:
 * where the tone mark sits ("hoà" vs "hòa", "uỷ" vs "ủy" — the old and the new
 * placement), and whether diacritics survived at all ("Vinh Long" for "Vĩnh Long").
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Whitespace folded to single spaces and trimmed. */
export function foldSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Unicode NFC with whitespace folded to single spaces and trimmed. */
export function squash(s: string): string {
  return foldSpaces(s.normalize('NFC'));
}

/**
 * One tone placement: the tone mark is moved to the word's end so that
 * "hoà" and "hòa", "thuỷ" and "thủy" give the same key. Lower-cased.
 */
export function toneKey(s: string): string {
  return s
    .normalize('NFD')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const tones = w.match(TONE_MARKS);
      const base = w.replace(TONE_MARKS, '').normalize('NFC');
      return tones ? `${base}${tones[tones.length - 1]}`.normalize('NFC') : base;
    })
    .join(' ');
}

/**
 * Base letter of each precomposed Latin letter (every Vietnamese letter is one UTF-16
 * unit in NFC), computed once: a table lookup is far cheaper than NFD per call.
 */
const BASE = (() => {
  const table = new Map<number, string>();
  for (let c = 0xc0; c <= 0x24f; c++) table.set(c, String.fromCharCode(c).normalize('NFD')[0] as string);
  for (let c = 0x1e00; c <= 0x1eff; c++) table.set(c, String.fromCharCode(c).normalize('NFD')[0] as string);
  table.set(0x111, 'd');
  table.set(0x110, 'D');
  return table;
})();

/** Lower case without any diacritics; đ → d. For lookups that forgive OCR slips. */
export function asciiKey(s: string): string {
  let out = '';
  let space = true;
  const t = s.normalize('NFC');
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    if (c >= 0xc0) {
      const b = BASE.get(c);
      c = b ? b.charCodeAt(0) : 32;
    }
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      out += String.fromCharCode(c);
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  return space && out.length > 0 ? out.slice(0, -1) : out;
}
