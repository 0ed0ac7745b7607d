import { toHalfWidth } from './normalise.js';
/**
 * Mainland China telephone numbers.
 *
 * Mobile: 11 digits, 1[3-9]xxxxxxxxx. Landline: trunk prefix 0 + area code, then a 7–8 digit local
 * number, then optionally an extension. Normalised values are what gets stored and compared:
 * mobile as 11 digits, landline as 'AREA-NUMBER' or 'AREA-NUMBER-EXT' (AREA includes the leading 0).
 */

export type PhoneKind = 'mobile' | 'landline';
export type PhoneProblem = 'empty' | 'format';

export type PhoneResult<K extends PhoneKind = PhoneKind> =
  | { ok: true; value: string; kind: K }
  | { ok: false; reason: PhoneProblem };

export function validateMobile(input: string): PhoneResult<'mobile'> {
  if (input.trim() === '') return { ok: false, reason: 'empty' };
  let s = toHalfWidth(input).replace(/[\s\-()]+/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  // A bare 86 is only a country code when it leaves exactly 11 digits behind.
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s) ? { ok: true, value: s, kind: 'mobile' } : { ok: false, reason: 'format' };
}

/**
 * The area-code length follows from its first digits (010 and 020–029 are 0 + 2 digits, everything
 * else 0 + 3), so numbers typed without a separator after the area code can still be split.
 */
function areaCodeLength(digits: string): number | null {
  if (/^0(?:10|2\d)/.test(digits)) return 3;
  if (/^0[3-9]\d\d/.test(digits)) return 4;
  return null;
}

// A leading 0 would be a second trunk prefix, i.e. a typo. A leading 1 stays allowed: real local
// numbers avoid it, but 010-12345678 is the customary sample number and staff enter it in training.
const localNumber = /^[1-9]\d{6,7}$/;
const extension = /^\d{1,6}$/;

export function validateLandline(input: string): PhoneResult<'landline'> {
  let s = toHalfWidth(input).trim();
  if (s === '') return { ok: false, reason: 'empty' };
  // Brackets are only meaningful around the area code; turning them into a separator lets the
  // bracketed and hyphenated forms share one parser.
  s = s.replace(/^\((\d+)\)/, '$1-');
  // 转 ("transfer to") is how extensions are usually written on Chinese business cards.
  s = s.replace(/\s*转\s*/g, '-').replace(/\s+/g, '');
  const m = /^(\d+)(?:-(\d+))?(?:-(\d+))?$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const [, first = '', second, third] = m;
  const areaLength = areaCodeLength(first);
  if (areaLength === null) return { ok: false, reason: 'format' };
  const area = first.slice(0, areaLength);
  let local: string | undefined;
  let ext: string | undefined;
  if (first.length === areaLength) {
    local = second;
    ext = third;
  } else {
    if (third !== undefined) return { ok: false, reason: 'format' };
    local = first.slice(areaLength);
    ext = second;
  }
  if (local === undefined || !localNumber.test(local)) return { ok: false, reason: 'format' };
  if (ext !== undefined && !extension.test(ext)) return { ok: false, reason: 'format' };
  return { ok: true, value: ext === undefined ? `${area}-${local}` : `${area}-${local}-${ext}`, kind: 'landline' };
}

export function validatePhone(input: string): PhoneResult {
  const mobile = validateMobile(input);
  if (mobile.ok || mobile.reason === 'empty') return mobile;
  return validateLandline(input);
}
