/**
 * Which kind of paper an OCR'd document is, from the words printed on it. Each document type
 * lists keywords; a keyword counts once however often it appears, and three times when it is in
 * the title, because the title names the form ("健康告知书") while body words are shared between
 * forms (投保人 is on half of them).
 */

export interface ClassifiableType {
  id: string;
  code: string;
  keywords: readonly string[];
}

export interface Classification {
  id: string;
  code: string;
  /** Keywords found, title keywords first. */
  matched: string[];
  score: number;
}

const titleWeight = 3;
/** One body word is too little to go on: 同意 or 住址 appear on any paper. */
const minimumScore = 2;
const maxTitleLength = 30;

/** OCR spaces Chinese text unevenly and English case varies: both are folded away before comparing. */
function fold(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/**
 * The first short line with some words in it: OCR may put a line of specks above the title. Only
 * one line, as the next is usually the first field, whose label names a party, not the form.
 */
function title(text: string): string {
  for (const line of text.split('\n')) {
    const folded = fold(line);
    if (folded.length <= maxTitleLength && (folded.match(/\p{L}/gu) ?? []).length >= 3) return folded;
  }
  return '';
}

/** The best-matching type, or null when no type matches enough or two match equally well. */
export function classifyDocument(text: string, types: readonly ClassifiableType[]): Classification | null {
  const body = fold(text);
  const head = title(text);
  const scored: Classification[] = [];
  for (const type of types) {
    const inTitle: string[] = [];
    const inBody: string[] = [];
    for (const keyword of type.keywords) {
      const k = fold(keyword);
      if (k === '') continue;
      if (head.includes(k)) inTitle.push(keyword);
      else if (body.includes(k)) inBody.push(keyword);
    }
    const score = inTitle.length * titleWeight + inBody.length;
    if (score > 0) scored.push({ id: type.id, code: type.code, matched: [...inTitle, ...inBody], score });
  }
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score < minimumScore || (second && second.score === best.score)) return null;
  return best;
}
