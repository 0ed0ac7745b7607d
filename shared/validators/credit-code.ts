import { normaliseIdentifier } from './normalise.js';
/**
 * Unified social credit code, GB 32100-2015 (18 characters).
 *
 * Layout: registration authority (1), organisation type (1), 6-digit region code, 9-character
 * organisation code (GB 11714), check character.
 */

export type CreditCodeProblem = 'empty' | 'length' | 'characters' | 'checkChar';

export type CreditCodeResult = { ok: true; value: string } | { ok: false; reason: CreditCodeProblem };

// I, O, Z, S and V are left out of the standard's alphabet because they are easily confused with 1, 0, 2, 5 and U.
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Weight i is 3^i mod 31. None is 0 mod 31 and 31 is prime, so any single-character substitution
// changes the sum mod 31 and therefore the check character.
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Position rules are folded into 'characters': to the user it is the same mistake (a character that
// cannot be there) and a finer distinction would need its own message in every locale.
const shape = /^[1-9ANY][1239]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Check character for the first 17 characters. Throws if any of them is outside the code's alphabet. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar expects exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = alphabet.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`creditCodeCheckChar: '${first17[i]}' is not in the credit-code alphabet`);
    sum += v * weights[i]!;
  }
  return alphabet[(31 - (sum % 31)) % 31]!;
}

export function validateCreditCode(input: string): CreditCodeResult {
  const value = normaliseIdentifier(input);
  if (value === '') return { ok: false, reason: 'empty' };
  // Characters before length, as for resident IDs: a hyphen or an O is the thing to fix, not the count.
  if (/[^0-9A-HJ-NPQRTUWXY]/.test(value)) return { ok: false, reason: 'characters' };
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!shape.test(value)) return { ok: false, reason: 'characters' };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checkChar' };
  return { ok: true, value };
}

export function isValidCreditCode(s: string): boolean {
  return validateCreditCode(s).ok;
}
