import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_HIDDEN,
  creditCodeCheckChar,
  isValidCreditCode,
  isValidResidentId,
  maskCreditCode,
  maskLandline,
  maskMobile,
  maskName,
  maskResidentId,
  residentIdCheckChar,
  validateCreditCode,
  validateLandline,
  validateMobile,
  validatePhone,
  validateResidentId,
} from '../../shared/validators/index.js';

// A fixed "today" keeps the future-date rule deterministic whatever day the suite runs.
const today = new Date(2025, 0, 15);

const decimal = '0123456789';
const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const provinces = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
];

const charsOf = (alphabet: string, length: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

const dayMs = 86_400_000;
// Whole days from 1900-01-01 to `today` inclusive, formatted in UTC so the host time zone cannot shift them.
const birthDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / dayMs, max: Date.UTC(2025, 0, 15) / dayMs })
  .map((day) => new Date(day * dayMs).toISOString().slice(0, 10).replaceAll('-', ''));

const idBody = fc
  .tuple(fc.constantFrom(...provinces), charsOf(decimal, 4), birthDate, charsOf(decimal, 3))
  .map((parts) => parts.join(''));
const residentId = idBody.map((body) => body + residentIdCheckChar(body));

const creditBody = fc
  .tuple(fc.constantFrom(...'123456789ANY'), fc.constantFrom(...'1239'), charsOf(decimal, 6), charsOf(creditAlphabet, 9))
  .map((parts) => parts.join(''));
const creditCode = creditBody.map((body) => body + creditCodeCheckChar(body));

const toFullWidth = (c: string) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c);

/** Applies, per character, full-width and lowercase forms chosen by fast-check, as an input method would. */
const scrambled = (value: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('plain', 'full', 'lower', 'fullLower'), { minLength: value.length, maxLength: value.length }),
      fc.constantFrom('', ' ', '  ', '\t', '\u3000'),
      fc.constantFrom('', ' ', '\u3000', '\n'),
    )
    .map(([forms, inner, outer]) => {
      const chars = Array.from(value, (c, i) => {
        const form = forms[i];
        const cased = form === 'lower' || form === 'fullLower' ? c.toLowerCase() : c;
        return form === 'full' || form === 'fullLower' ? toFullWidth(cased) : cased;
      });
      // Grouped the way people read IDs aloud: 6-8-4.
      return `${outer}${chars.slice(0, 6).join('')}${inner}${chars.slice(6, 14).join('')}${inner}${chars.slice(14).join('')}${outer}`;
    });

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the published example and derives birth date and sex', () => {
    expect(validateResidentId('11010519491231002X', today)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(validateResidentId('110105194912310021', today)).toEqual({ ok: false, reason: 'checkDigit' });
  });

  // Check characters computed by an independent implementation, not by residentIdCheckChar.
  it.each([
    ['44030419900307123X', '1990-03-07', 'male'],
    ['310101200002290023', '2000-02-29', 'female'],
    ['650102198001010012', '1980-01-01', 'male'],
    ['532128199912314562', '1999-12-31', 'female'],
    ['810000198506159981', '1985-06-15', 'female'],
  ])('accepts %s', (id, date, sex) => {
    expect(validateResidentId(id, today)).toEqual({ ok: true, value: id, birthDate: date, sex });
    expect(isValidResidentId(id, today)).toBe(true);
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it.each([
    ['', 'empty'],
    ['   \u3000 ', 'empty'],
    ['11010519491231002', 'length'],
    ['11010519491231002X1', 'length'],
    ['1101051949123', 'length'],
    ['11010519491231002Y', 'characters'],
    ['1101051949123100XX', 'characters'],
    ['11010519491231002\u{1F600}', 'characters'],
    ['110105-1949-1231-002X', 'characters'],
    ['1101051949-12', 'characters'],
    ['X11010519491231002', 'characters'],
    ['X1101051949123100', 'length'],
    ['110105194912310021', 'checkDigit'],
  ])('rejects %j as %s', (input, reason) => {
    expect(validateResidentId(input, today)).toEqual({ ok: false, reason });
  });

  // The check character is recomputed each time so that only the named part is wrong.
  const withCheck = (body: string) => body + residentIdCheckChar(body);
  it.each([
    [withCheck('00010519491231002'), 'region'],
    [withCheck('99010519491231002'), 'region'],
    [withCheck('16010519491231002'), 'region'],
    [withCheck('47010519491231002'), 'region'],
    [withCheck('90010519491231002'), 'region'],
    [withCheck('11010519490230002'), 'birthDate'],
    [withCheck('11010519000229002'), 'birthDate'],
    [withCheck('11010520230229002'), 'birthDate'],
    [withCheck('11010519491301002'), 'birthDate'],
    [withCheck('11010519491200002'), 'birthDate'],
    [withCheck('11010519491232002'), 'birthDate'],
    [withCheck('11010518991231002'), 'birthDate'],
    [withCheck('11010520250116002'), 'birthDate'],
    [withCheck('11010520300101002'), 'birthDate'],
  ])('rejects %s as %s', (input, reason) => {
    expect(validateResidentId(input, today)).toEqual({ ok: false, reason });
  });

  it('accepts a birth date of today and leap days in leap years', () => {
    expect(isValidResidentId(withCheck('11010520250115002'), today)).toBe(true);
    expect(isValidResidentId(withCheck('11010520000229002'), today)).toBe(true);
    expect(isValidResidentId(withCheck('11010519000101002'), today)).toBe(true);
  });

  it('defaults today to the current date', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    const d = new Date();
    d.setFullYear(d.getFullYear() + 1);
    const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
    expect(validateResidentId(withCheck(`110105${ymd}002`))).toEqual({ ok: false, reason: 'birthDate' });
  });

  it('residentIdCheckChar refuses anything but 17 ASCII digits', () => {
    for (const bad of ['', '1101051949123100', '110105194912310021', '1101051949123100X', '１１０１０５１９４９１２３１００２']) {
      expect(() => residentIdCheckChar(bad)).toThrow(RangeError);
    }
  });

  it('accepts every generated ID with a valid region, date and check character', () => {
    fc.assert(
      fc.property(residentId, (id) => {
        const result = validateResidentId(id, today);
        expect(result).toEqual({
          ok: true,
          value: id,
          birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
        });
      }),
    );
  });

  it('rejects every single-character substitution', () => {
    const mutation = residentId.chain((id) =>
      fc.tuple(fc.constant(id), fc.integer({ min: 0, max: 17 })).chain(([id, pos]) =>
        fc.tuple(
          fc.constant(id),
          fc.constant(pos),
          fc.constantFrom(...'0123456789X').filter((c) => c !== id[pos]),
        ),
      ),
    );
    fc.assert(
      fc.property(mutation, ([id, pos, c]) => {
        const mutated = replaceAt(id, pos, c);
        const result = validateResidentId(mutated, today);
        expect(result.ok).toBe(false);
        if (pos < 17 && c !== 'X') {
          // MOD 11-2 on its own catches it, whatever the region and date checks say.
          expect(residentIdCheckChar(mutated.slice(0, 17))).not.toBe(id[17]);
        }
        if (c === 'X' && pos < 17) expect(result).toEqual({ ok: false, reason: 'characters' });
        // Sequence digits and the check character are covered by nothing but the check.
        if (pos >= 14 && c !== 'X') expect(result).toEqual({ ok: false, reason: 'checkDigit' });
        if (pos === 17) expect(result).toEqual({ ok: false, reason: 'checkDigit' });
      }),
    );
  });

  it('MOD 11-2 detects every single-digit substitution at every position (exhaustive)', () => {
    // The check is linear, so whether replacing digit a by b at position i changes it does not depend
    // on the other 16 digits: trying each (i, a, b) on one body with a at i covers all 10^17 bodies.
    for (const a of decimal) {
      const body = a.repeat(17);
      const check = residentIdCheckChar(body);
      for (let i = 0; i < 17; i++) {
        for (const b of decimal) {
          if (b !== a) expect(residentIdCheckChar(replaceAt(body, i, b))).not.toBe(check);
        }
      }
    }
  });

  it('normalises full-width characters, lowercase x and whitespace back to the canonical ID', () => {
    fc.assert(
      fc.property(
        residentId.chain((id) => fc.tuple(fc.constant(id), scrambled(id))),
        ([id, typed]) => {
          expect(validateResidentId(typed, today)).toMatchObject({ ok: true, value: id });
        },
      ),
    );
    expect(validateResidentId(' 110105 19491231 002x ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(validateResidentId('１１０１０５１９４９１２３１００２Ｘ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(validateResidentId('１１０１０５１９４９１２３１００２ｘ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the published example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  // Check characters computed by an independent implementation.
  it.each(['91440300MA5ABCDE1H', '12100000400000624D', '5311000050000123YP', 'Y1110108MA00AAAA0D'])('accepts %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    [' \u3000', 'empty'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'characters'],
    ['91350100M000100O43', 'characters'],
    ['91350100M000100Z43', 'characters'],
    ['91350100S000100Y43', 'characters'],
    ['91350100V000100Y43', 'characters'],
    ['91350100M000100Y4-', 'characters'],
    ['9135-0100-M000-100Y-43', 'characters'],
    ['91350100M0', 'length'],
    ['B1350100M000100Y43', 'characters'],
    ['94350100M000100Y43', 'characters'],
    ['9135A100M000100Y43', 'characters'],
    ['91350100M000100Y44', 'checkChar'],
    ['91350100M000100Y4I', 'characters'],
  ])('rejects %j as %s', (input, reason) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, reason });
  });

  it('creditCodeCheckChar refuses input outside the alphabet or of the wrong length', () => {
    for (const bad of ['', '91350100M000100Y', '91350100M000100Y43', '91350100M000100I4']) {
      expect(() => creditCodeCheckChar(bad)).toThrow(RangeError);
    }
  });

  it('accepts every generated code', () => {
    fc.assert(
      fc.property(creditCode, (code) => {
        expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('rejects every single-character substitution', () => {
    const mutation = creditCode.chain((code) =>
      fc.integer({ min: 0, max: 17 }).chain((pos) =>
        fc.tuple(fc.constant(code), fc.constant(pos), fc.constantFrom(...creditAlphabet).filter((c) => c !== code[pos])),
      ),
    );
    fc.assert(
      fc.property(mutation, ([code, pos, c]) => {
        const mutated = replaceAt(code, pos, c);
        expect(isValidCreditCode(mutated)).toBe(false);
        expect(creditCodeCheckChar(mutated.slice(0, 17))).not.toBe(pos === 17 ? c : code[17]);
        // The organisation code and the check character are covered by nothing but the check.
        if (pos >= 8) expect(validateCreditCode(mutated)).toEqual({ ok: false, reason: 'checkChar' });
      }),
    );
  });

  it('the MOD 31 check detects every single-character substitution at every position (exhaustive)', () => {
    // Linear in the character values, as for the resident ID: one body per original character suffices.
    for (const a of creditAlphabet) {
      const body = a.repeat(17);
      const check = creditCodeCheckChar(body);
      for (let i = 0; i < 17; i++) {
        for (const b of creditAlphabet) {
          if (b !== a) expect(creditCodeCheckChar(replaceAt(body, i, b))).not.toBe(check);
        }
      }
    }
  });

  it('normalises full-width characters, lowercase and whitespace back to the canonical code', () => {
    fc.assert(
      fc.property(
        creditCode.chain((code) => fc.tuple(fc.constant(code), scrambled(code))),
        ([code, typed]) => {
          expect(validateCreditCode(typed)).toEqual({ ok: true, value: code });
        },
      ),
    );
    expect(validateCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });
});

describe('telephone numbers', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+8613812345678',
    '(+86) 138-1234-5678',
    '0086 13812345678',
    '8613812345678',
    ' １３８１２３４５６７８ ',
    '＋８６　１３８－１２３４－５６７８',
  ])('accepts the mobile %j', (input) => {
    const expected = { ok: true, value: '13812345678', kind: 'mobile' };
    expect(validateMobile(input)).toEqual(expected);
    expect(validatePhone(input)).toEqual(expected);
  });

  it('accepts every 1[3-9] prefix', () => {
    for (const second of '3456789') expect(validateMobile(`1${second}912345678`)).toMatchObject({ ok: true });
  });

  it.each([
    '12812345678',
    '10012345678',
    '23812345678',
    '1381234567',
    '138123456789',
    '+1 13812345678',
    '+87 13812345678',
    '861381234567',
    '0013812345678',
    '1381234567a',
    '010-12345678',
  ])('rejects %j as a mobile', (input) => {
    expect(validateMobile(input)).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['010-12345678', '010-12345678'],
    ['(0755) 8765 4321', '0755-87654321'],
    ['0755-87654321-123', '0755-87654321-123'],
    ['（０７５５）８７６５４３２１', '0755-87654321'],
    ['0755 8765 4321', '0755-87654321'],
    ['075587654321', '0755-87654321'],
    ['02187654321', '021-87654321'],
    ['021-8765432', '021-8765432'],
    ['0571-87654321 转 8001', '0571-87654321-8001'],
    ['075587654321-8', '0755-87654321-8'],
    ['0931 - 8765432', '0931-8765432'],
  ])('accepts the landline %j as %s', (input, value) => {
    const expected = { ok: true, value, kind: 'landline' };
    expect(validateLandline(input)).toEqual(expected);
    expect(validatePhone(input)).toEqual(expected);
  });

  it.each([
    '12345678',
    '010-123456',
    '010-123456789',
    '010-01234567',
    '011-12345678',
    '0012-12345678',
    '0755-87654321-1234567',
    '0755-87654321-123-4',
    '075587654321123',
    '0755-',
    '(0755)',
    '0755-8765abcd',
    '87654321(0755)',
    '13812345678',
  ])('rejects %j as a landline', (input) => {
    expect(validateLandline(input)).toEqual({ ok: false, reason: 'format' });
  });

  it.each(['', '   ', '\u3000'])('reports %j as empty', (input) => {
    for (const validate of [validateMobile, validateLandline, validatePhone]) {
      expect(validate(input)).toEqual({ ok: false, reason: 'empty' });
    }
  });

  it('validatePhone reports format when neither kind fits', () => {
    for (const input of ['abc', '---', '12345', '+86 010 12345678']) {
      expect(validatePhone(input)).toEqual({ ok: false, reason: 'format' });
    }
  });

  const areaCode = fc.oneof(
    fc.constant('010'),
    charsOf(decimal, 1).map((d) => `02${d}`),
    fc.tuple(fc.constantFrom(...'3456789'), charsOf(decimal, 2)).map(([a, b]) => `0${a}${b}`),
  );
  const landline = fc.record({
    area: areaCode,
    local: fc.tuple(fc.constantFrom(...'123456789'), fc.integer({ min: 6, max: 7 }).chain((n) => charsOf(decimal, n))).map((p) => p.join('')),
    ext: fc.option(fc.integer({ min: 1, max: 6 }).chain((n) => charsOf(decimal, n)), { nil: undefined }),
  });

  it('parses every landline in every accepted layout to the same normalised value', () => {
    fc.assert(
      fc.property(landline, fc.integer({ min: 0, max: 3 }), ({ area, local, ext }, layout) => {
        const tail = ext === undefined ? '' : layout % 2 === 0 ? `-${ext}` : ` 转 ${ext}`;
        const typed = [
          `${area}-${local}${tail}`,
          `(${area}) ${local.slice(0, 4)} ${local.slice(4)}${tail}`,
          `${area}${local}${tail}`,
          `${area} ${local}${tail}`,
        ][layout]!;
        const value = ext === undefined ? `${area}-${local}` : `${area}-${local}-${ext}`;
        expect(validateLandline(typed)).toEqual({ ok: true, value, kind: 'landline' });
        expect(validatePhone(typed)).toEqual({ ok: true, value, kind: 'landline' });
      }),
    );
  });

  it('normalises every mobile typed with prefixes, separators and full-width digits', () => {
    const mobile = fc.tuple(fc.constantFrom(...'3456789'), charsOf(decimal, 9)).map(([b, rest]) => `1${b}${rest}`);
    fc.assert(
      fc.property(mobile, fc.constantFrom('', '+86', '0086', '86', '+86 ', '(+86)'), fc.constantFrom('', ' ', '-'), fc.boolean(), (m, prefix, sep, full) => {
        const grouped = `${prefix}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
        const typed = full ? Array.from(grouped, toFullWidth).join('') : grouped;
        expect(validatePhone(typed)).toEqual({ ok: true, value: m, kind: 'mobile' });
      }),
    );
  });
});

describe('masking', () => {
  it('masks the documented examples', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskCreditCode('91350100M000100Y43')).toBe('9135**********0Y43');
    expect(maskLandline('0755-87654321')).toBe('0755-******21');
    expect(maskLandline('010-1234567')).toBe('010-*****67');
    expect(maskLandline('0755-87654321-123')).toBe('0755-******21-***');
    expect(maskLandline('(0755) 8765 4321')).toBe('0755-******21');
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('John Smith')).toBe('J*** S****');
  });

  it('masks values too short to mask meaningfully entirely', () => {
    expect(maskResidentId('')).toBe('');
    expect(maskResidentId('1101051949')).toBe('**********');
    expect(maskResidentId('11010519491')).toBe('***********');
    expect(maskMobile('1381234567')).toBe('**********');
    expect(maskCreditCode('91350100Y43')).toBe('***********');
    expect(maskCreditCode('913501000Y43')).toBe('9135****0Y43');
    expect(maskLandline('12345')).toBe('*****');
    expect(maskLandline('not a number')).toBe('************');
    expect(maskName('')).toBe('');
    expect(maskName('张')).toBe('*');
    expect(maskName(' 张 ')).toBe(' * ');
    expect(maskName('J')).toBe('*');
    expect(maskName('J Smith')).toBe('* S****');
    expect(maskName('𠮷')).toBe('*');
    expect(maskName('𠮷田')).toBe('𠮷*');
  });

  const anyText = fc.string({ unit: 'binary', maxLength: 30 });

  /** Same length in code points, and every position either masked or shown unchanged. */
  const expectShapeKept = (input: string, output: string) => {
    const a = Array.from(input);
    const b = Array.from(output);
    expect(b).toHaveLength(a.length);
    b.forEach((c, i) => expect(c === '*' || c === a[i]).toBe(true));
  };

  it.each([
    ['maskResidentId', maskResidentId, 6, 4],
    ['maskMobile', maskMobile, 3, 4],
    ['maskCreditCode', maskCreditCode, 4, 4],
  ] as const)('%s keeps the length and reveals only its head and tail', (_name, mask, head, tail) => {
    fc.assert(
      fc.property(anyText, (input) => {
        const output = mask(input);
        expectShapeKept(input, output);
        const a = Array.from(input);
        const b = Array.from(output);
        const masksAll = a.length - head - tail < MIN_HIDDEN;
        b.forEach((c, i) => {
          const shown = !masksAll && (i < head || i >= a.length - tail);
          expect(c).toBe(shown ? a[i] : '*');
        });
      }),
    );
  });

  it('maskResidentId and maskCreditCode hide positions 7–14 and 5–14 of every valid value', () => {
    fc.assert(
      fc.property(residentId, creditCode, (id, code) => {
        expect(maskResidentId(id)).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
        expect(maskCreditCode(code)).toBe(`${code.slice(0, 4)}**********${code.slice(14)}`);
      }),
    );
  });

  it('maskLandline keeps only the area code and the last two digits of normalised numbers', () => {
    const landline = fc.record({
      area: fc.constantFrom('010', '021', '0755', '0931'),
      local: fc.tuple(fc.constantFrom(...'123456789'), fc.integer({ min: 6, max: 7 }).chain((n) => charsOf(decimal, n))).map((p) => p.join('')),
      ext: fc.option(fc.integer({ min: 1, max: 6 }).chain((n) => charsOf(decimal, n)), { nil: undefined }),
    });
    fc.assert(
      fc.property(landline, ({ area, local, ext }) => {
        const value = ext === undefined ? `${area}-${local}` : `${area}-${local}-${ext}`;
        const masked = maskLandline(value);
        expectShapeKept(value, masked);
        const expected = `${area}-${'*'.repeat(local.length - 2)}${local.slice(-2)}${ext === undefined ? '' : `-${'*'.repeat(ext.length)}`}`;
        expect(masked).toBe(expected);
      }),
    );
  });

  it('maskLandline masks everything that is not a landline', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        fc.pre(!validateLandline(input).ok);
        expect(maskLandline(input)).toBe('*'.repeat(Array.from(input).length));
      }),
    );
  });

  it('maskName keeps the length and shows at most the first character (Han) or one per word (others)', () => {
    const hanChar = fc.constantFrom(...'张王李赵欧阳娜伟芳𠮷龘');
    const hanName = fc.string({ unit: fc.oneof(hanChar, fc.constantFrom(' ', '·')), minLength: 0, maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(anyText, hanName), (input) => {
        const output = maskName(input);
        expectShapeKept(input, output);
        const shown = Array.from(output).filter((c, i) => c !== '*' && !/\s/u.test(c) && c === Array.from(input)[i]);
        const words = input.split(/\s+/u).filter((w) => w !== '');
        if (/\p{Script=Han}/u.test(input)) expect(shown.length).toBeLessThanOrEqual(1);
        else expect(shown.length).toBeLessThanOrEqual(words.length);
        // Nothing that was not whitespace in the input comes out as whitespace, and vice versa.
        Array.from(input).forEach((c, i) => expect(/\s/u.test(c)).toBe(/\s/u.test(Array.from(output)[i]!)));
      }),
    );
  });
});
