import { seesIdentifiers } from '../../shared/domain/access.js';
import type { CustomerType } from '../../shared/domain/customer.js';
import type { Role } from '../../shared/domain/roles.js';
import {
  type CustomerMatchReason,
  type CustomerSearchResult,
  type PageSearchResult,
  type SearchFilters,
  searchLimit,
  type SearchResult,
} from '../../shared/ipc/methods/search.js';
import { maskCreditCode, maskMobile, maskResidentId } from '../../shared/validators/mask.js';
import type { Db } from '../db/connection.js';
import { matchExpression, normaliseText } from './grams.js';

export type { SearchResult } from '../../shared/ipc/methods/search.js';

export interface SearchOptions {
  filters?: SearchFilters;
  /** Default 50, at most 200. */
  limit?: number;
  viewerRole: Role;
}

/**
 * The one search box (REQUIREMENTS: find customers by name, resident ID or its last 4–6
 * characters, mobile, policy number; documents by the text on their pages).
 *
 * The query is classified by its shape and each applicable look-up runs as its own indexed
 * query, strongest first: exact identifiers, partial identifiers, names (exact, prefix,
 * contains), addresses, then page text. Later look-ups run only while the result list is not
 * full, so a common surname never pays for the page index. Every look-up is an index range scan
 * or an FTS5 doclist read with a LIMIT; none sorts its whole match set.
 */
export function searchArchive(db: Db, query: string, options: SearchOptions): SearchResult[] {
  const limit = clampLimit(options.limit);
  const text = [...query.normalize('NFKC').trim()].slice(0, 200).join('');
  if (text === '') return [];
  const filters = filterClause(options.filters ?? {});
  const search = new Search(db, filters, limit, seesIdentifiers(options.viewerRole), normaliseText(text));

  // Identifiers are typed in groups and in either case: spaces and hyphens go, letters go upper.
  const ident = text.replace(/[\s-]+/g, '').toUpperCase();
  // Policy numbers may contain hyphens themselves: keep them, try the stripped form as well.
  const policy = text.replace(/\s+/g, '').toUpperCase();

  if (/^\d{17}[\dX]$/.test(ident)) search.customers(0, 'idNumber', 'c.id_number = @q', { q: ident });
  if (/^1\d{10}$/.test(ident)) search.customers(0, 'mobile', 'c.mobile = @q', { q: ident });
  const policyNumbers = [...new Set([policy, ident])].filter((p) => /^[A-Z0-9-]{4,40}$/.test(p) && /\d/.test(p));
  for (const number of policyNumbers) search.policies(0, 'p.policy_number = @q', number);

  // GLOB 'prefix*' on a BINARY-collated index is a range scan, but only when the pattern is one
  // literal or bound value: `GLOB @q || '*'` scans the whole table. These strings hold no GLOB
  // metacharacters (digits, X, A-Z and '-').
  if (/^\d{3,5}[\dX]$/.test(ident)) search.customers(1, 'idSuffix', 'c.id_number_rev GLOB @q', { q: `${reverse(ident)}*` });
  if (/^\d{7,10}$/.test(ident)) search.customers(1, 'mobile', 'c.mobile GLOB @q', { q: `${ident}*` });
  for (const number of policyNumbers) search.policies(1, 'p.policy_number GLOB @q', `${number}*`);

  // Letters or Han: names, addresses and page text. Digits alone are identifiers, not words.
  const expression = /\p{L}/u.test(text) ? matchExpression(text) : null;
  if (expression !== null) {
    search.namesStartingWith(text);
    search.words('name', `{name} : (${expression})`);
    search.words('address', `{address} : (${expression})`);
  }
  const results: SearchResult[] = search.customerResults();
  if (expression !== null && results.length < limit) results.push(...search.pages(expression, text, limit - results.length));
  return results;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return searchLimit.default;
  return Math.min(searchLimit.max, Math.max(1, Math.floor(limit)));
}

function reverse(value: string): string {
  return [...value].reverse().join('');
}

interface Filters {
  sql: string;
  /** The same conditions with unary plus, so SQLite does not choose their indexes to drive the query. */
  checks: string;
  params: Record<string, string>;
}

/** Filters always apply to the customer (for pages: the document's customer). */
function filterClause(filters: SearchFilters): Filters {
  const sql: string[] = [];
  const params: Record<string, string> = {};
  if (filters.type) {
    sql.push('c.type = @type');
    params.type = filters.type;
  }
  if (filters.agentId) {
    sql.push('c.agent_id = @agentId');
    params.agentId = filters.agentId;
  }
  if (filters.branchId) {
    sql.push('c.branch_id = @branchId');
    params.branchId = filters.branchId;
  }
  return { sql: sql.map((s) => ` AND ${s}`).join(''), checks: sql.map((s) => ` AND +${s}`).join(''), params };
}

interface CustomerRow {
  id: string;
  name: string;
  type: CustomerType;
  idNumber: string | null;
  creditCode: string | null;
  mobile: string | null;
  policyId?: string;
  policyNumber?: string;
}

/**
 * Strength of a reason, strongest first: 0 exact identifier, 1 partial identifier, 2 name equal,
 * 3 name prefix, 4 name contains, 5 address.
 */
type Strength = 0 | 1 | 2 | 3 | 4 | 5;

interface Hit {
  row: CustomerRow;
  strength: Strength;
  matchedBy: CustomerMatchReason;
}

const customerColumns = 'c.id AS id, c.name AS name, c.type AS type, c.id_number AS idNumber, c.credit_code AS creditCode, c.mobile AS mobile';

class Search {
  /** Customers by id, in the order found; a customer keeps its first (strongest) reason. */
  private readonly hits = new Map<string, Hit>();

  constructor(
    private readonly db: Db,
    private readonly filters: Filters,
    private readonly limit: number,
    private readonly unmasked: boolean,
    /** The query as names are compared. */
    private readonly wanted: string,
  ) {}

  private get full(): boolean {
    return this.hits.size >= this.limit;
  }

  private add(row: CustomerRow, strength: Strength, matchedBy: CustomerMatchReason): void {
    const known = this.hits.get(row.id);
    if (!known || known.strength > strength) this.hits.set(row.id, { row, strength, matchedBy });
  }

  /**
   * Customers matching `where` on an identifier index (the filters only check, never drive).
   * Fetching `limit` rows is always enough: at most `hits.size` of them are known already and
   * `limit - hits.size` are wanted.
   */
  customers(strength: Strength, matchedBy: CustomerMatchReason, where: string, params: Record<string, string>): void {
    if (this.full) return;
    const rows = this.db
      .prepare(`SELECT ${customerColumns} FROM customers c WHERE ${where}${this.filters.checks} LIMIT @limit`)
      .all({ ...params, ...this.filters.params, limit: this.limit }) as CustomerRow[];
    for (const row of rows) this.add(row, strength, matchedBy);
  }

  /**
   * Customers whose name or address column matches an FTS5 expression. The join streams from the
   * doclist: with the filters in the same query, LIMIT stops it as soon as enough match.
   */
  words(matchedBy: 'name' | 'address', match: string): void {
    if (this.full) return;
    const rows = this.db
      .prepare(`SELECT ${customerColumns} FROM customer_search s JOIN customers c ON c.rowid = s.rowid WHERE customer_search MATCH @q${this.filters.sql} LIMIT @limit`)
      .all({ q: match, ...this.filters.params, limit: this.limit }) as CustomerRow[];
    // A name found through the word index may still equal or start with the query (another case).
    for (const row of rows) this.add(row, matchedBy === 'name' ? nameStrength(row.name, this.wanted) : 5, matchedBy);
  }

  /** Policyholders of policies whose number matches; the customer result names the policy. */
  policies(strength: Strength, where: string, number: string): void {
    if (this.full) return;
    const rows = this.db
      .prepare(
        `SELECT ${customerColumns}, p.id AS policyId, p.policy_number AS policyNumber
         FROM policies p
         JOIN policy_parties pp ON pp.policy_id = p.id AND pp.role = 'policyholder'
         JOIN customers c ON c.id = pp.customer_id
         WHERE ${where}${this.filters.checks}
         ORDER BY p.policy_number LIMIT @limit`,
      )
      .all({ q: number, ...this.filters.params, limit: this.limit }) as CustomerRow[];
    for (const row of rows) this.add(row, strength, 'policyNumber');
  }

  /**
   * Names equal to or starting with the query, from the name index in name order (an equal name
   * sorts before the longer ones). U+10FFFF is the largest code point, so `q || U+10FFFF` bounds
   * every string that starts with q. The filters are checked on the way, not used to drive: even
   * a common surname is a short stretch of the name index, and walking it in order stops at the
   * limit, where starting from an agent's customers would read and sort all of them.
   */
  namesStartingWith(text: string): void {
    if (this.full) return;
    const rows = this.db
      .prepare(`SELECT ${customerColumns} FROM customers c WHERE c.name >= @q AND c.name < @q || @top${this.filters.checks} ORDER BY c.name LIMIT @limit`)
      .all({ q: text, top: '\u{10FFFF}', ...this.filters.params, limit: this.limit }) as CustomerRow[];
    for (const row of rows) this.add(row, nameStrength(row.name, this.wanted), 'name');
  }

  customerResults(): CustomerSearchResult[] {
    const sorted = [...this.hits.values()].sort((a, b) => a.strength - b.strength);
    return sorted.slice(0, this.limit).map((hit) => this.customerResult(hit));
  }

  private customerResult({ row, matchedBy }: Hit): CustomerSearchResult {
    const idNumber = row.idNumber === null ? null : this.unmasked ? row.idNumber : maskResidentId(row.idNumber);
    const creditCode = row.creditCode === null ? null : this.unmasked ? row.creditCode : maskCreditCode(row.creditCode);
    const mobile = row.mobile === null ? null : this.unmasked ? row.mobile : maskMobile(row.mobile);
    // The reason shows the identifier exactly as the result does: masked for masked roles.
    const values: Record<string, string> = {};
    if (matchedBy === 'idNumber' || matchedBy === 'idSuffix') values.value = idNumber ?? '';
    if (matchedBy === 'mobile') values.value = mobile ?? '';
    if (matchedBy === 'policyNumber') values.value = row.policyNumber ?? '';
    return {
      kind: 'customer',
      customerId: row.id,
      name: row.name,
      type: row.type,
      idNumber,
      creditCode,
      mobile,
      matchedBy,
      ...(row.policyId !== undefined && row.policyNumber !== undefined ? { policyId: row.policyId, policyNumber: row.policyNumber } : {}),
      reason: { key: `search.reason.${matchedBy}`, values },
    };
  }

  /**
   * Pages whose text matches, newest first (FTS5 reads its doclist backwards for ORDER BY rowid
   * DESC and stops at the LIMIT), on documents not destroyed, filtered by the document's customer.
   */
  pages(expression: string, text: string, count: number): PageSearchResult[] {
    const rows = this.db
      .prepare(
        `SELECT d.id AS documentId, p.page_no AS pageNo, p.text AS text, c.id AS customerId, c.name AS customerName
         FROM page_search s
         JOIN pages p ON p.rowid = s.rowid
         JOIN documents d ON d.id = p.document_id
         LEFT JOIN customers c ON c.id = d.customer_id
         WHERE page_search MATCH @q AND d.state <> 'destroyed'${this.filters.sql}
         ORDER BY s.rowid DESC LIMIT @limit`,
      )
      .all({ q: expression, ...this.filters.params, limit: count }) as { documentId: string; pageNo: number; text: string | null; customerId: string | null; customerName: string | null }[];
    return rows.map((row) => ({
      kind: 'page',
      documentId: row.documentId,
      pageNo: row.pageNo,
      customerId: row.customerId,
      customerName: row.customerName,
      matchedBy: 'pageText',
      snippet: snippet(row.text ?? '', text, !this.unmasked),
      reason: { key: 'search.reason.pageText', values: { page: row.pageNo } },
    }));
  }
}

function nameStrength(name: string, wanted: string): Strength {
  const normalised = normaliseText(name);
  if (wanted !== '' && normalised === wanted) return 2;
  if (wanted !== '' && normalised.startsWith(wanted)) return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------------
// Snippets: the page index keeps no copy of the text, so the snippet is cut from pages.text.

/** Characters of context on each side of the hit. */
const context = 20;
/** An ID number overlapping the snippet lies within this many characters of it. */
const idLength = 18;

/** normaliseText for one character; common CJK ideographs, a–z and 0–9 are their own normal form. */
function normaliseChar(char: string): string {
  const code = char.charCodeAt(0);
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return char;
  return normaliseText(char);
}

/**
 * The page text around the first occurrence of the query (or else of its first part that
 * occurs), found on normalised text and cut from the original, so the hit is highlighted where
 * full-width or compatibility characters differ from what was typed. Line breaks become spaces.
 * For roles that see identifiers masked, resident ID numbers and mobiles in the text are masked
 * with the same masks as everywhere else.
 */
export function snippet(text: string, query: string, maskIdentifiers: boolean): { before: string; hit: string; after: string } {
  const chars = [...text];
  // One normalised piece per original character; `origin` maps each UTF-16 unit back to it.
  let normalised = '';
  const origin: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const piece = normaliseChar(chars[i]!);
    normalised += piece;
    for (let k = 0; k < piece.length; k++) origin.push(i);
  }
  const wanted = normaliseText(query).trim();
  let start = -1;
  let end = -1;
  const whole = wanted === '' ? -1 : normalised.indexOf(wanted);
  if (whole >= 0) [start, end] = [whole, whole + wanted.length];
  else {
    for (const part of wanted.match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []) {
      const at = normalised.indexOf(part);
      if (at >= 0 && (start < 0 || at < start)) [start, end] = [at, at + part.length];
    }
  }
  const from = start < 0 ? 0 : origin[start]!;
  const to = start < 0 ? 0 : origin[end - 1]! + 1;
  const left = Math.max(0, from - context);
  const right = Math.min(chars.length, start < 0 ? context * 2 : to + context);
  // Only the part around the window can hold an identifier that shows in it.
  const shownFrom = maskIdentifiers ? Math.max(0, left - idLength) : left;
  const shown = chars.slice(shownFrom, Math.min(chars.length, right + idLength)).map((c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : c));
  if (maskIdentifiers) maskInText(shown);
  const cut = (a: number, b: number) => shown.slice(a - shownFrom, b - shownFrom).join('');
  return {
    before: (left > 0 ? '…' : '') + cut(left, from),
    hit: cut(from, to),
    after: cut(to, right) + (right < chars.length ? '…' : ''),
  };
}

/**
 * Masks resident ID numbers and mobiles in page text, in place. Digits are folded first
 * (full-width ０-９ from OCR), one character per code point so positions line up.
 */
function maskInText(shown: string[]): void {
  const flat = shown
    .map((c) => {
      // Full-width ０-９, Ｘ and ｘ are the only other forms NFKC folds to these.
      const code = c.charCodeAt(0);
      const folded = code >= 0xff10 && code <= 0xff58 ? String.fromCharCode(code - 0xfee0) : c;
      return folded.length === 1 && ((folded >= '0' && folded <= '9') || folded === 'X' || folded === 'x') ? folded.toUpperCase() : '_';
    })
    .join('');
  if (!/\d{11}/.test(flat)) return;
  const apply = (pattern: RegExp, mask: (value: string) => string) => {
    for (const match of flat.matchAll(pattern)) {
      const masked = mask(match[0]);
      for (let k = 0; k < masked.length; k++) if (masked[k] === '*') shown[match.index + k] = '*';
    }
  };
  apply(/(?<![0-9X])\d{17}[\dX](?![0-9X])/g, maskResidentId);
  apply(/(?<![0-9X])\d{15}(?![0-9X])/g, maskResidentId);
  apply(/(?<!\d)1[3-9]\d{9}(?!\d)/g, maskMobile);
}
