import { normaliseIdentifier } from './normalise.js';
/**
 * Chinese resident identity number, GB 11643-1999 (18 characters).
 *
 * Layout: 6-digit region code, 8-digit birth date (YYYYMMDD), 3-digit sequence number whose last
 * digit gives the sex, and a check character computed by ISO 7064 MOD 11-2.
 */

export type ResidentIdProblem = 'empty' | 'length' | 'characters' | 'region' | 'birthDate' | 'checkDigit';

export type ResidentIdResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: ResidentIdProblem };

// Weight i is 2^(17-i) mod 11. None is 0 mod 11 and 11 is prime, so any single-digit substitution
// changes the sum mod 11 and therefore the check character.
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

// Province-level prefixes (GB/T 2260 plus 71 Taiwan, 81/82/83 for HK/Macau/Taiwan residence permits).
// 91 is in the list we were given although it breaks the "first digit 1–8" shape rule.
const provinceCodes = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

/** ISO 7064 MOD 11-2 check character for the first 17 digits. Throws on anything but 17 ASCII digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar expects exactly 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * `today` is read in local time: the question is whether the person has been born yet on the
 * calendar day the clerk is looking at, not in UTC.
 */
function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const todayKey = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  return year * 10000 + month * 100 + day <= todayKey;
}

export function validateResidentId(input: string, today: Date = new Date()): ResidentIdResult {
  const value = normaliseIdentifier(input);
  if (value === '') return { ok: false, reason: 'empty' };
  // Characters before length: with '110105-1949-…' the hyphens, not the count, are what to fix.
  if (/[^\dX]/.test(value)) return { ok: false, reason: 'characters' };
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'characters' };
  if (!provinceCodes.has(value.slice(0, 2))) return { ok: false, reason: 'region' };
  const birth = value.slice(6, 14);
  if (!isPlausibleBirthDate(birth, today)) return { ok: false, reason: 'birthDate' };
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checkDigit' };
  return {
    ok: true,
    value,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

export function isValidResidentId(s: string, today?: Date): boolean {
  return validateResidentId(s, today).ok;
}
