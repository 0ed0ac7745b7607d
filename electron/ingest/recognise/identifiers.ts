import { validateCreditCode } from '../../../shared/validators/credit-code.js';
import { toHalfWidth } from '../../../shared/validators/normalise.js';
import { validateMobile } from '../../../shared/validators/phone.js';
import { validateResidentId } from '../../../shared/validators/resident-id.js';

/**
 * Identifiers in OCR'd text. OCR misreads long digit strings, so resident ID numbers are read
 * leniently (spaces, full-width digits, letters that look like digits) and then trusted only when
 * their check digit holds; an 18-character number that fails it is kept apart as a near miss,
 * which can suggest a customer but never file a page.
 */

export interface Found {
  value: string;
  /** 1-based page it was first found on. */
  page: number;
}

export interface FoundPolicyNumber extends Found {
  /** Printed after a label such as 保单号 or Policy No, so far more likely a policy number than a stray code. */
  labelled: boolean;
}

export interface Identifiers {
  /** Resident ID numbers (GB 11643) with a valid check digit, normalised ('…X' upper case). */
  idNumbers: Found[];
  /** 17 digits and a check character that do not validate: most likely a valid ID with one digit misread. */
  nearIds: Found[];
  /** Unified social credit codes (GB 32100) that validate. */
  creditCodes: Found[];
  /** Candidates, upper case, labelled ones first. */
  policyNumbers: FoundPolicyNumber[];
  /** Mainland mobile numbers, as 11 digits. */
  mobiles: Found[];
}

export interface PageText {
  pageNo: number;
  text: string;
}

/** Characters OCR puts where a digit was printed, with the digit meant. */
const digitLookalikes: Record<string, string> = { O: '0', o: '0', '〇': '0', I: '1', l: '1', '|': '1' };

interface Span {
  start: number;
  end: number;
}

/** A value and where in the page's text it was read. */
interface Located extends Span {
  value: string;
}

const overlaps = (a: Span, spans: readonly Span[]) => spans.some((b) => a.start < b.end && b.start < a.end);

/**
 * Runs of digits and digit look-alikes, split where the printed number may have had spaces
 * (6-8-4 groups, or gaps OCR inserted), as tokens with their positions.
 */
function digitRuns(text: string): Located[][] {
  const runs: Located[][] = [];
  const run = /[0-9OoIl|〇Xx×]+(?:[ \t\u3000]+[0-9OoIl|〇Xx×]+)*/g;
  for (const match of text.matchAll(run)) {
    if (!/\d/.test(match[0])) continue;
    const tokens: Located[] = [];
    for (const token of match[0].matchAll(/\S+/g)) {
      const start = match.index + token.index;
      tokens.push({ value: token[0], start, end: start + token[0].length });
    }
    runs.push(tokens);
  }
  return runs;
}

/** The text as an ID number: look-alikes as digits, a doubled or lower-case X as one X. */
function idShape(raw: string): string | null {
  let value = '';
  for (const c of raw) value += digitLookalikes[c] ?? (c === 'x' || c === '×' ? 'X' : c);
  // OCR sometimes reads one wide X as two characters.
  if (/^\d{17}XX$/.test(value)) value = value.slice(0, 18);
  return /^\d{17}[\dX]$/.test(value) ? value : null;
}

/**
 * The text as an ID number, if need be without the bars and I's that what is left of a ruling
 * line beside it is read as; inside the number the same shapes are ones, so they are only dropped
 * from the ends, and only when the number does not fit otherwise.
 */
function asIdNumber(raw: string): string | null {
  const trimmed = [raw, raw.replace(/^[|Il]+/, ''), raw.replace(/[|Il]+$/, ''), raw.replace(/^[|Il]+|[|Il]+$/g, '')];
  for (const candidate of trimmed) {
    const value = idShape(candidate);
    if (value !== null) return value;
  }
  return null;
}

function residentIds(text: string): { valid: Located[]; near: Located[] } {
  const valid: Located[] = [];
  const near: Located[] = [];
  for (const tokens of digitRuns(text)) {
    // An ID printed in groups spans several tokens; one glued to other digits is not trusted.
    for (let i = 0; i < tokens.length; i++) {
      let raw = '';
      for (let j = i; j < tokens.length && raw.length < 19; j++) {
        raw += tokens[j]!.value;
        const value = asIdNumber(raw);
        if (value === null) continue;
        const span = { value, start: tokens[i]!.start, end: tokens[j]!.end };
        if (validateResidentId(value).ok) valid.push(span);
        else near.push(span);
        i = j;
        break;
      }
    }
  }
  return { valid, near };
}

function creditCodes(text: string): Located[] {
  const found: Located[] = [];
  for (const match of text.matchAll(/(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/g)) {
    // The code's alphabet leaves out I and O because they look like 1 and 0; OCR does not know that.
    const value = match[0].toUpperCase().replace(/O/g, '0').replace(/I/g, '1');
    if (validateCreditCode(value).ok) found.push({ value, start: match.index, end: match.index + 18 });
  }
  return found;
}

function mobiles(text: string): Located[] {
  const found: Located[] = [];
  // Written whole or in 3-4-4 groups, optionally after +86.
  for (const match of text.matchAll(/(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g)) {
    const result = validateMobile(match[0]);
    if (result.ok) found.push({ value: result.value, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

// Longer labels first: 'Policy No' would otherwise stop short inside 'Policy Number'.
const policyLabels = ['保险合同号', '保险单号', '保險單號', '保单号', '保單號', 'Policy Number', 'Policy No'];
/** OCR puts spaces inside Chinese words; a label matches with or without them. */
const policyLabel = new RegExp(
  `(?:${policyLabels.map((label) => [...label].map((c) => (c === ' ' ? '\\s*' : c)).join('\\s*')).join('|')})\\s*(?:码|碼)?\\s*[.:：#]?\\s*`,
  'gi',
);
const policyToken = /[A-Za-z0-9-]+/g;
const isoDate = /^\d{4}-\d{1,2}-\d{1,2}$/;

function policyCandidate(token: string): string | null {
  const value = token.replace(/^-+|-+$/g, '').toUpperCase();
  if (value.length < 6 || value.length > 40) return null;
  if ((value.match(/\d/g) ?? []).length < 4 || isoDate.test(value)) return null;
  return value;
}

function policyNumbers(text: string, taken: readonly Span[]): { value: string; labelled: boolean }[] {
  const labelled = new Set<string>();
  for (const label of text.matchAll(policyLabel)) {
    const after = label.index + label[0].length;
    const next = /^[A-Za-z0-9-]+/.exec(text.slice(after));
    const value = next ? policyCandidate(next[0]) : null;
    if (value && !overlaps({ start: after, end: after + next![0].length }, taken)) labelled.add(value);
  }
  const all: { value: string; labelled: boolean }[] = [...labelled].map((value) => ({ value, labelled: true }));
  for (const token of text.matchAll(policyToken)) {
    const value = policyCandidate(token[0]);
    if (!value || labelled.has(value) || overlaps({ start: token.index, end: token.index + token[0].length }, taken)) continue;
    all.push({ value, labelled: false });
  }
  return all;
}

function addOnce<T extends Found>(list: T[], item: T): T {
  const known = list.find((f) => f.value === item.value);
  if (known) return known;
  list.push(item);
  return item;
}

export function extractIdentifiers(pages: readonly PageText[]): Identifiers {
  const result: Identifiers = { idNumbers: [], nearIds: [], creditCodes: [], policyNumbers: [], mobiles: [] };
  for (const { pageNo, text: raw } of pages) {
    const text = toHalfWidth(raw);
    const ids = residentIds(text);
    // One valid ID in 31 also passes the credit-code check, and a credit code nobody has would
    // stand in the way of a certain match: a valid ID is an ID. A near miss that passes it stays
    // both, since either may be meant and neither alone files a page.
    const codes = creditCodes(text).filter((code) => !overlaps(code, ids.valid));
    const taken: Span[] = [...ids.valid, ...ids.near, ...codes];
    const phones = mobiles(text).filter((m) => !overlaps(m, taken));
    for (const id of ids.valid) addOnce(result.idNumbers, { value: id.value, page: pageNo });
    for (const id of ids.near) addOnce(result.nearIds, { value: id.value, page: pageNo });
    for (const code of codes) addOnce(result.creditCodes, { value: code.value, page: pageNo });
    for (const phone of phones) addOnce(result.mobiles, { value: phone.value, page: pageNo });
    for (const policy of policyNumbers(text, [...taken, ...phones])) {
      // A number labelled on a later page outranks the same number seen unlabelled earlier.
      if (policy.labelled) addOnce(result.policyNumbers, { ...policy, page: pageNo }).labelled = true;
      else addOnce(result.policyNumbers, { ...policy, page: pageNo });
    }
  }
  result.policyNumbers.sort((a, b) => Number(b.labelled) - Number(a.labelled));
  return result;
}
