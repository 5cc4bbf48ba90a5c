/**
 * Text typed in a pre-Unicode Vietnamese code (TCVN3/ABC with .VnTime fonts, VNI) shows up
 * in a DOCX or a PDF text layer as Latin-1 look-alikes: "Uû ban nh©n d©n", "UÛy ban nhaân".
 * Such text cannot be read as Vietnamese, so it is recognised here: DOCX/TXT are refused with
 * how to convert (Unikey), PDF pages are OCR'd instead.
 */

// Latin-1 characters that Vietnamese Unicode text never uses but TCVN3/VNI text is full of.
const LEGACY = /[¡¢£¤¥¦§¨©ª«¬®°±²³´µ¶·¸¹º»¼½¾¿ÆÇËÎÏÑÖ×ØÛÜÞßäåæçëîïñöøûüþÿ]/gu;
// VNI writes a vowel then its mark as a second Latin-1 letter: "aâ", "aù", "oø", "uû" — pairs
// Vietnamese Unicode never has.
const VNI_PAIRS = /[aeoyAEOY][âÂ]|[aeiouyAEIOUY][ùÙøØûÛõÕïÏ]/gu;
// Letters only Vietnamese (Unicode) uses: ă â đ ê ô ơ ư and the precomposed tone marks.
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁÃÈÉÌÍÒÓÕÙÚÝ]/gu;

export interface LegacyVerdict {
  legacy: boolean;
  legacyChars: number;
  vietnameseChars: number;
}

export function detectLegacyEncoding(text: string): LegacyVerdict {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const legacyChars = (text.match(LEGACY) ?? []).length + (text.match(VNI_PAIRS) ?? []).length;
  const vietnameseChars = Math.max(
    0,
    (text.match(VIETNAMESE) ?? []).length - (text.match(VNI_PAIRS) ?? []).length,
  );
  const legacy = letters >= 20 && legacyChars >= Math.max(5, letters * 0.03) && legacyChars > vietnameseChars;
  return { legacy, legacyChars, vietnameseChars };
}

/**
 * Share of letters that carry a Vietnamese mark (ă â đ ê ô ơ ư or a tone). Vietnamese prose has
 * about a third; an invisible text layer from a copier's English OCR has next to none.
 */
export function vietnameseMarkRatio(text: string): number {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return letters === 0 ? 0 : (text.match(VIETNAMESE) ?? []).length / letters;
}

export const LEGACY_HINT =
  'Hãy chuyển mã sang Unicode (ví dụ Unikey → Công cụ chuyển mã, từ TCVN3 hoặc VNI sang Unicode) rồi tải lên lại, ' +
  'hoặc tải lên bản scan/PDF của thông báo.';
