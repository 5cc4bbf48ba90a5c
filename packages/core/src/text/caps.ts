/**
 * `s === s.toUpperCase()`, the test for lines printed in capitals (headings, the issuer
 * block, the signer's title). Most lines fail it on their first lower-case letter, found
 * without upper-casing the whole line.
 */
export function isUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 97 && c <= 122) return false;
    } else if (isVietnameseLower(c)) return false;
    else if (isVietnameseUpper(c)) continue;
    // A pair of surrogates may be a small letter of another plane: the whole string decides.
    else if (c >= 0xd800 && c <= 0xdbff) return s === s.toUpperCase();
    // Dashes, quotes and other letters: one that upper-casing changes is a small one.
    else if (s.charAt(i).toUpperCase() !== s.charAt(i)) return false;
  }
  return true;
}

/** Lower-case letters of Vietnamese: à–ỹ in Latin-1, ă đ ĩ ũ ơ ư, and the odd code points of ạ–ỹ. */
function isVietnameseLower(c: number): boolean {
  if (c >= 0x1ea0 && c <= 0x1ef9) return (c & 1) === 1;
  if (c >= 0xe0 && c <= 0xff) return c !== 0xf7;
  return c === 0x103 || c === 0x111 || c === 0x129 || c === 0x169 || c === 0x1a1 || c === 0x1b0;
}

/** Their capitals: À–Ỹ in Latin-1, Ă Đ Ĩ Ũ Ơ Ư, and the even code points of Ạ–Ỹ. */
function isVietnameseUpper(c: number): boolean {
  if (c >= 0x1ea0 && c <= 0x1ef9) return (c & 1) === 0;
  if (c >= 0xc0 && c <= 0xde) return c !== 0xd7;
  return c === 0x102 || c === 0x110 || c === 0x128 || c === 0x168 || c === 0x1a0 || c === 0x1af;
}
