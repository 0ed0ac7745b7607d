import { Fragment } from 'react';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `query` occurs in `text`, ignoring case. */
export function matchCount(text: string, query: string): number {
  const q = query.trim();
  return q === '' ? 0 : (text.match(new RegExp(escape(q), 'gi'))?.length ?? 0);
}

/** The text with every occurrence of the query marked. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  const q = query.trim();
  if (q === '') return text;
  // A capturing group keeps the matches in split's result, at the odd positions.
  const parts = text.split(new RegExp(`(${escape(q)})`, 'gi'));
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>));
}
