/**
 * Chinese search without a Chinese word splitter: every run of Han characters is indexed as its
 * single characters and its overlapping pairs. A one-character query matches a single; a longer
 * one matches its pairs as a phrase, which is exactly "contains this text". FTS5's trigram
 * tokenizer would need three characters and a second index for shorter queries; this one index
 * answers 1, 2 and 3+ character queries alike (surnames like 张, names like 张伟).
 * Other scripts are indexed as whole words. NFKC folds full-width forms and the Kangxi radical
 * and compatibility characters OCR and PDF text produce (⾦ → 金). It does not fold Traditional
 * to Simplified: 張偉 does not find 张伟 (a conversion table is future work).
 */
const han = /[\p{Script=Han}]/u;
const word = /[\p{L}\p{N}]/u;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Splits text into runs of Han characters and words of other letters and digits. */
function runs(text: string): { kind: 'han' | 'word'; text: string }[] {
  const out: { kind: 'han' | 'word'; text: string }[] = [];
  let current: { kind: 'han' | 'word'; text: string } | null = null;
  for (const char of normaliseText(text)) {
    const kind = han.test(char) ? 'han' : word.test(char) ? 'word' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current && current.kind === kind) current.text += char;
    else out.push((current = { kind, text: char }));
  }
  return out;
}

/** The token string stored in the FTS5 column for a text. */
export function grams(text: string | null | undefined): string {
  if (!text) return '';
  const tokens: string[] = [];
  for (const run of runs(text)) {
    if (run.kind === 'word') {
      tokens.push(run.text);
      continue;
    }
    const chars = [...run.text];
    tokens.push(...chars);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens.join(' ');
}

/**
 * An FTS5 MATCH expression for what the user typed: every part must match. Returns null when
 * nothing searchable is left (punctuation only).
 */
export function matchExpression(query: string): string | null {
  const parts: string[] = [];
  for (const run of runs(query)) {
    if (run.kind === 'word') {
      parts.push(`"${run.text}"*`);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1) parts.push(`"${chars[0]}"`);
    else parts.push(`"${chars.slice(0, -1).map((c, i) => c + chars[i + 1]).join(' ')}"`);
  }
  return parts.length > 0 ? parts.join(' AND ') : null;
}
