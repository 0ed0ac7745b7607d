import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** CJK radicals Chromium's PDFs use for common characters, which NFKC leaves alone. */
const radicals: Record<string, string> = { '⻚': '页', '⻛': '风', '⻔': '门', '⻅': '见', '⻋': '车', '⻓': '长', '⻢': '马', '⻥': '鱼', '⻜': '飞', '⻝': '食', '⻉': '贝', '⻙': '韦', '⻩': '黄', '⻬': '齐', '⻰': '龙', '⻳': '龟', '⻘': '青', '⻄': '西', '⻆': '角' };

/**
 * Each page's text as pdf.js reads it, normalised for comparing: Chromium writes some CJK
 * characters as compatibility forms (⼾ for 户, which NFKC makes 戶) or as radicals (⻚ for 页).
 * NFKC also turns full-width punctuation into ASCII (，→ ,).
 */
export async function pdfPagesText(bytes: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').normalize('NFKC').replace(/[⺀-⻿]/g, (c) => radicals[c] ?? c));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
