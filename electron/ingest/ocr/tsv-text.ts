import type { OcrResult } from '../types.js';

/**
 * Text and confidence from Tesseract's TSV output, the only output with word confidences (plain
 * text would need a second pass over the page). Both engines go through it, so their text is laid
 * out alike.
 *
 * Columns: level page block par line word left top width height conf text. Level 5 is a word.
 */

interface Word {
  left: number;
  right: number;
  height: number;
  text: string;
}

/** Han, kana, full-width forms and CJK punctuation: written without spaces between them. */
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

function joinLine(words: Word[]): string {
  let line = '';
  let previous: Word | undefined;
  for (const word of words) {
    if (previous) {
      // Chinese has no spaces between words, yet Tesseract splits a run of characters into several
      // "words", which are joined again so that keywords like 投保人 can be found. Its character
      // boxes are rough (a box may overlap its neighbour or fall short of it), so only a gap of well
      // over a character, a column such as a label and its value, keeps a space.
      const column = word.left - previous.right > Math.max(word.height, previous.height) * 1.5;
      const bothCjk = cjk.test(previous.text.at(-1) ?? '') && cjk.test(word.text[0] ?? '');
      line += bothCjk && !column ? '' : ' ';
    }
    line += word.text;
    previous = word;
  }
  return line;
}

export function textFromTsv(tsv: string): OcrResult {
  const lines = new Map<string, Word[]>();
  const paragraphOf = new Map<string, string>();
  let confidenceSum = 0;
  let words = 0;
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = cells.slice(11).join('\t').trim();
    const confidence = Number(cells[10]);
    // A bar is what is left of an erased ruling line where a character touched it, never content.
    if (text === '' || /^\|+$/.test(text) || !(confidence >= 0)) continue;
    const [, page, block, par, lineNo] = cells;
    const paragraph = `${page}/${block}/${par}`;
    const key = `${paragraph}/${lineNo}`;
    const left = Number(cells[6]);
    const word: Word = { left, right: left + Number(cells[8]), height: Number(cells[9]), text };
    const line = lines.get(key);
    if (line) line.push(word);
    else {
      lines.set(key, [word]);
      paragraphOf.set(key, paragraph);
    }
    confidenceSum += confidence;
    words++;
  }
  let text = '';
  let lastParagraph: string | undefined;
  for (const [key, lineWords] of lines) {
    const paragraph = paragraphOf.get(key);
    if (lastParagraph !== undefined) text += paragraph === lastParagraph ? '\n' : '\n\n';
    text += joinLine(lineWords);
    lastParagraph = paragraph;
  }
  return { text, confidence: words === 0 ? 0 : Math.round((confidenceSum / words) * 10) / 10 };
}
