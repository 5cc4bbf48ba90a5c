/**
 * Folding Vietnamese text into comparison and search keys.
 *
 * OCR and typists disagree on two things that must not matter when comparing:
 * where the tone mark sits ("hoà" vs "hòa", "uỷ" vs "ủy" — the old and the new
 * placement), and whether diacritics survived at all ("Vinh Phúc" for "Vĩnh Phúc").
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;

/** Unicode NFC with whitespace folded to single spaces and trimmed. */
export function squash(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
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

/** Lower case without any diacritics; đ → d. For lookups that forgive OCR slips. */
export function asciiKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(ALL_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
