import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Fewer visible characters than this is a page number or a stamp, not a text layer to read. */
const minTextChars = 10;

/** A page's text layer, when it has one worth reading instead of OCR; null otherwise. */
export async function pageText(page: PDFPageProxy): Promise<string | null> {
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
  text = unifyRadicals(text).trim();
  return text.replace(/\s/g, '').length >= minTextChars ? text : null;
}

/**
 * Many producers (Chromium and office suites among them) map CJK glyphs to the radical code
 * points that share their shape: 人 comes out as U+2F08, 民 as U+2EA0. They look right and never
 * match a search. Kangxi radicals (U+2F00–U+2FD5) fold back under NFKC; the CJK Radicals
 * Supplement has no decompositions, so its equivalents come from Unicode's
 * EquivalentUnifiedIdeograph.txt, U+2E81 to U+2EF3 in order (0: none).
 */
const supplementStart = 0x2e81;
const supplementIdeographs = [
  0x5382, 0x4e5b, 0x4e5a, 0x4e59, 0x4ebb, 0x5182, 0x20628, 0x5200, 0x5202, 0x535c,
  0x353e, 0x5c0f, 0x5c0f, 0x5140, 0x5c23, 0x5c22, 0x21bc2, 0x5df3, 0x5e7a, 0x5f51,
  0x5f50, 0x5fc4, 0x5fc3, 0x624c, 0x6535, 0x0, 0x65e1, 0x65e5, 0x6708, 0x6b7a,
  0x6bcd, 0x6c11, 0x6c35, 0x6c3a, 0x706c, 0x722b, 0x722b, 0x4e2c, 0x725b, 0x72ad,
  0x738b, 0x24d14, 0x76ee, 0x793a, 0x793b, 0x25ad7, 0x7cf9, 0x7e9f, 0x7f53, 0x7f52,
  0x34c1, 0x5197, 0x2626b, 0x7f8a, 0x2634c, 0x2634b, 0x8002, 0x8080, 0x807f, 0x8089,
  0x26951, 0x8279, 0x8279, 0x8279, 0x864e, 0x8864, 0x8980, 0x897f, 0x89c1, 0x89d2,
  0x278b2, 0x8ba0, 0x8d1d, 0x27fb7, 0x8f66, 0x8fb6, 0x8fb6, 0x8fb6, 0x9091, 0x9485,
  0x9577, 0x9578, 0x957f, 0x95e8, 0x28e0f, 0x961d, 0x96e8, 0x9752, 0x97e6, 0x9875,
  0x98ce, 0x98de, 0x98df, 0x2967f, 0x98e0, 0x9963, 0x29810, 0x9a6c, 0x9aa8, 0x9b3c,
  0x9c7c, 0x9e1f, 0x5364, 0x9ea6, 0x9ec4, 0x9efe, 0x6589, 0x9f50, 0x6b6f, 0x9f7f,
  0x7adc, 0x9f99, 0x9f9c, 0x4e80, 0x9f9f,
];

export function unifyRadicals(text: string): string {
  return text.replace(/[\u2e81-\u2ef3\u2f00-\u2fd5]/g, (c) => {
    const code = c.codePointAt(0)!;
    if (code >= 0x2f00) return c.normalize('NFKC');
    const ideograph = supplementIdeographs[code - supplementStart];
    return ideograph ? String.fromCodePoint(ideograph) : c;
  });
}
