/**
 * Display masks for personal data shown to users who may see that a record exists but not its
 * identifiers (lists, search results, audit views, printouts).
 *
 * Rules:
 * - Every masked character becomes one '*', so the output has the same number of characters
 *   (code points) as the input and the layout of tables does not shift.
 * - If fewer than {@link MIN_HIDDEN} characters would be hidden, the whole value is masked:
 *   showing 10 of 12 characters protects nothing.
 * - The maskers expect the normalised values returned by the validators. Anything else is masked by
 *   position (IDs, mobiles, credit codes) or masked entirely (landlines, which must be parsed to find
 *   the area code); they never throw, because a display path must not fail on bad legacy data.
 */

import { validateLandline } from './phone.js';

export const MIN_HIDDEN = 4;

function fullMask(value: string): string {
  return '*'.repeat(Array.from(value).length);
}

function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length - head - tail < MIN_HIDDEN) return fullMask(value);
  return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : '*')).join('');
}

/** '11010519491231002X' → '110105********002X': the region is coarse, the birth date is the sensitive part. */
export function maskResidentId(value: string): string {
  return keepEnds(value, 6, 4);
}

/** '13812345678' → '138****5678', the form Chinese banks and carriers already print. */
export function maskMobile(value: string): string {
  return keepEnds(value, 3, 4);
}

/** '91350100M000100Y43' → '9135**********0Y43'. */
export function maskCreditCode(value: string): string {
  return keepEnds(value, 4, 4);
}

/**
 * '0755-87654321-123' → '0755-******21-***': keeps the area code (a city, not a person) and the last
 * two digits of the local number; an extension is hidden because with the area code it narrows the
 * number down to a desk. Input that is not a landline is masked entirely. The output follows the
 * normalised form, so it keeps the input's length only when the input is already normalised.
 */
export function maskLandline(value: string): string {
  const parsed = validateLandline(value);
  if (!parsed.ok) return fullMask(value);
  const [area = '', local = '', ext] = parsed.value.split('-');
  const masked = [area, '*'.repeat(local.length - 2) + local.slice(-2)];
  if (ext !== undefined) masked.push('*'.repeat(ext.length));
  return masked.join('-');
}

const han = /\p{Script=Han}/u;
const space = /^\s+$/u;

/**
 * Names containing any Han character keep only their first character ('欧阳娜娜' → '欧***'; compound
 * surnames are not recognised, deliberately: keeping two characters of a three-character name
 * would reveal too much). Other names keep the first character of each whitespace-separated word
 * ('John Smith' → 'J*** S****'). Whitespace is kept; a name or word of one character is masked
 * entirely.
 */
export function maskName(value: string): string {
  if (han.test(value)) {
    const chars = Array.from(value);
    const visible = chars.filter((c) => !space.test(c)).length;
    if (visible < 2) return chars.map((c) => (space.test(c) ? c : '*')).join('');
    let kept = false;
    return chars
      .map((c) => {
        if (space.test(c)) return c;
        if (kept) return '*';
        kept = true;
        return c;
      })
      .join('');
  }
  return value
    .split(/(\s+)/u)
    .map((part) => {
      if (part === '' || space.test(part)) return part;
      const chars = Array.from(part);
      return chars.length < 2 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
    })
    .join('');
}
