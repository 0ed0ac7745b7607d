import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../../electron/ingest/recognise/identifiers.js';
import { creditCodeCheckChar } from '../../shared/validators/credit-code.js';
import { isValidResidentId, residentIdCheckChar } from '../../shared/validators/resident-id.js';

const regions = ['110105', '310104', '440305', '330106', '510104', '610113', '210102', '650102'];

/** A valid resident ID number: a real region, a birth date between 1930 and 2015, any sequence. */
const residentId = fc
  .record({
    region: fc.constantFrom(...regions),
    birth: fc.date({ min: new Date(Date.UTC(1930, 0, 1)), max: new Date(Date.UTC(2015, 11, 31)), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, sequence }) => {
    const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const body = `${region}${date}${String(sequence).padStart(3, '0')}`;
    return body + residentIdCheckChar(body);
  });

/** What OCR does to a printed ID number, one choice per character. */
const noisy = (id: string) =>
  fc
    .record({
      perChar: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }),
      grouping: fc.constantFrom('none', '6-8-4', 'random'),
      spaces: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
      doubledX: fc.boolean(),
    })
    .map(({ perChar, grouping, spaces, doubledX }) => {
      let out = '';
      [...id].forEach((c, i) => {
        const choice = perChar[i]!;
        let printed = c;
        if (c === '0') printed = ['0', 'O', 'o', '０'][choice % 4]!;
        else if (c === '1') printed = ['1', 'I', 'l', '|', '１'][choice % 5]!;
        else if (c === 'X') printed = doubledX ? ['Xx', 'XX', 'xX'][choice % 3]! : ['X', 'x', 'Ｘ'][choice % 3]!;
        else if (choice < 3) printed = String.fromCharCode(c.charCodeAt(0) + 0xfee0);
        out += printed;
        const spaced = grouping === '6-8-4' ? i === 5 || i === 13 : grouping === 'random' && spaces[i] && i < 17;
        if (spaced) out += ' ';
      });
      return out;
    });

const onForm = (printed: string) => `人身保险投保单\n证件号码：${printed}\n联系电话 13812345678\n保单号 P2024-00012345`;

describe('resident ID numbers', () => {
  it('finds every valid ID whatever OCR noise it comes with', () => {
    fc.assert(
      fc.property(
        residentId.chain((id) => fc.tuple(fc.constant(id), noisy(id))),
        ([id, printed]) => {
          const found = extractIdentifiers([{ pageNo: 2, text: onForm(printed) }]);
          expect(found.idNumbers).toContainEqual({ value: id, page: 2 });
          expect(found.nearIds).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never reports a single misread digit as a valid ID, always as a near miss', () => {
    fc.assert(
      fc.property(residentId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (id, position, shift) => {
        const c = id[position]!;
        // The check character X has no digit to shift; reading it as a digit is the misread.
        const misread = c === 'X' ? String(shift) : String((Number(c) + shift) % 10);
        const read = id.slice(0, position) + misread + id.slice(position + 1);
        const found = extractIdentifiers([{ pageNo: 1, text: onForm(read) }]);
        expect(found.idNumbers).toEqual([]);
        expect(found.nearIds).toEqual([{ value: read, page: 1 }]);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a valid ID and a misread copy on another page apart', () => {
    const id = '11010519491231002X';
    const found = extractIdentifiers([
      { pageNo: 1, text: `证件号码 ${id}` },
      { pageNo: 2, text: '身份证号 110105194912310O3X' },
    ]);
    expect(found.idNumbers).toEqual([{ value: id, page: 1 }]);
    expect(found.nearIds).toEqual([{ value: '11010519491231003X', page: 2 }]);
  });

  it('reads an ID beside what is left of a ruling line', () => {
    expect(extractIdentifiers([{ pageNo: 1, text: '证件号码 |11010519491231002X|' }]).idNumbers).toEqual([{ value: '11010519491231002X', page: 1 }]);
  });

  it('does not make IDs out of longer digit strings or dates', () => {
    const found = extractIdentifiers([{ pageNo: 1, text: '银行账号 6222021001123456789 日期 2024-01-15 金额 100000' }]);
    expect(found.idNumbers).toEqual([]);
    expect(isValidResidentId('622202100112345678')).toBe(false);
  });
});

describe('credit codes', () => {
  const body = '91350100M00010';
  it('finds valid codes, reading O and I as the digits the code alphabet means', () => {
    const first17 = `${body}0A4`;
    const code = first17 + creditCodeCheckChar(first17);
    const withLetters = code.replace(/0/g, 'O').replace(/1/g, 'I');
    const found = extractIdentifiers([{ pageNo: 3, text: `统一社会信用代码 ${withLetters.toLowerCase()}` }]);
    expect(found.creditCodes).toEqual([{ value: code, page: 3 }]);
  });

  it('reads a string valid both as an ID and as a credit code as an ID only', () => {
    const both = extractIdentifiers([{ pageNo: 1, text: '证件号码 11010519491231037X' }]);
    expect(both.idNumbers).toEqual([{ value: '11010519491231037X', page: 1 }]);
    expect(both.creditCodes).toEqual([]);
  });

  it('ignores codes whose check character fails', () => {
    const first17 = `${body}0A4`;
    const wrong = first17 + (creditCodeCheckChar(first17) === '0' ? '1' : '0');
    expect(extractIdentifiers([{ pageNo: 1, text: wrong }]).creditCodes).toEqual([]);
  });
});

describe('mobile numbers', () => {
  it('finds mobiles however they are grouped', () => {
    const text = '联系电话 138 1234 5678\n手机：+86 139-8765-4321\n电话13512345678，备用 15800001111';
    expect(extractIdentifiers([{ pageNo: 1, text }]).mobiles.map((m) => m.value)).toEqual(['13812345678', '13987654321', '13512345678', '15800001111']);
  });

  it('does not find mobiles inside ID numbers or longer digit strings', () => {
    const found = extractIdentifiers([{ pageNo: 1, text: '证件号码 110105 19491231 002X 账号 62220213912345678' }]);
    expect(found.mobiles).toEqual([]);
  });
});

describe('policy numbers', () => {
  it('prefers numbers printed after a policy-number label, in any of the usual spellings', () => {
    const text = [
      '金额 1000000 元 合同编号 HT20240001',
      '保单号：P2024-00012345',
      '保 险 单 号 880012345678',
      '保單號碼 tw-2023-778899',
      'Policy No. abc123456',
    ].join('\n');
    const found = extractIdentifiers([{ pageNo: 1, text }]).policyNumbers;
    expect(found.filter((p) => p.labelled).map((p) => p.value)).toEqual(['P2024-00012345', '880012345678', 'TW-2023-778899', 'ABC123456']);
    expect(found.filter((p) => !p.labelled).map((p) => p.value)).toEqual(['1000000', 'HT20240001']);
  });

  it('leaves out IDs, mobiles, dates and short codes', () => {
    const text = '证件号码 11010519491231002X 电话 13812345678 日期 2024-01-15 编号 A123 170cm';
    expect(extractIdentifiers([{ pageNo: 1, text }]).policyNumbers).toEqual([]);
  });

  it('ranks a number labelled on a later page above one seen unlabelled', () => {
    const found = extractIdentifiers([
      { pageNo: 1, text: '参考 ZZ99887766 和 P2024-00012345' },
      { pageNo: 2, text: '保单号 P2024-00012345' },
    ]).policyNumbers;
    expect(found[0]).toEqual({ value: 'P2024-00012345', page: 1, labelled: true });
  });
});
