// Perturbations for `npm run eval -- --perturb NAME,...` (see scripts/eval.mjs).
// Changes that must not change what a notice says (and that the scorer's folding ignores):
// with --perturb, the scores should stay where they are. Deterministic per document.
export const PERTURB = {
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  nfd: (t) => t.normalize('NFD'),
  // hòa → hoà, khỏe → khoẻ, thủy → thuỷ: the tone mark moved to the second vowel.
  oldtones: (t) =>
    t.replace(/([òóỏõọÒÓỎÕỌ])([aeAE])|([ùúủũụÙÚỦŨỤ])([yY])/g, (_m, o, a, u, y) => {
      const [base, mark] = [...(o ?? u).normalize('NFD')];
      return `${base}${`${a ?? y}${mark}`.normalize('NFC')}`;
    }),
  nbsp: (t, r) => t.replace(/ /g, (c) => (r() < 0.2 ? '\u00a0' : c)),
  spaces: (t, r) => t.replace(/ /g, (c) => (r() < 0.2 ? '  ' : c)),
  trailing: (t, r) => t.replace(/\n/g, (c) => (r() < 0.5 ? ' \t\n' : c)),
  bom: (t) => `\ufeff${t}`,
};
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
function hashName(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0), 16777619);
  return h >>> 0;
}

/** Applies the named perturbations in order; deterministic for a given `key` (the document). */
export function perturbText(text, names, key) {
  return names.reduce((t, p) => PERTURB[p](t, prng(hashName(`${key}/${p}`))), text);
}
