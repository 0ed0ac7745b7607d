import { describe, expect, it } from 'vitest';
import { classifyDocument } from '../../electron/ingest/recognise/classify.js';
import { documentTypeCatalogue } from '../../electron/records/document-type-catalogue.js';

const types = documentTypeCatalogue.map((t) => ({ id: `id-${t.code}`, code: t.code, keywords: t.keywords }));

/**
 * Text as the OCR engines returned it for `applicationForm` and `healthDeclaration` from
 * tests/support/scans.ts (200 dpi, skewed, speckled), including their misreadings.
 */
const ocr = {
  nativeApplication:
    '人身保险投保单\n\n投保人姓名 王秀英\n\n证件类型 居民身份证\n\n证件号码 310104198807150026\n联系电话 13698765432\n\n保单号 PL-2023-556677\n险种名称 终身寿险\n\n投保人声明 : 本人已阅读保险条款，了解责任免除内容。\n投保人签名 :\n\n业务专用章\n\nKe',
  wasmApplication:
    '人身保险投保单\n\n投保人姓名        王秀英\n\n证件类型         居民身份证\n\n证件号码                                      310104198807150026\n联系电话                               13698765432\n\n保单号                                  PL-2023-556677\n\n险种名称         终身寿险\n\n投保人声明: 本人已阅读保险条款，了解责任免除内容。\n投保人签名:',
  /** Read without the rulings erased: a speck line above the title, words split and misread. */
  roughApplication: '4人\n人身 保险 投保 单\n投保人姓名 张伟明\n证件 号码 11010519491231002X\nLIZ BR 终身寿险\n投保 人 声明: 本人已阅读保险条 款，了解责任免除内容。\n投保人 签名 :',
  nativeHealth: '健康告知书\n\n被保险人姓名 王秀英\n\n证件号码 310104198807150026\n身高体重 170cm 65kg\n\n既往病史 无\n\n被保险人确认以上健康告知内容属实。',
  wasmHealth:
    '健康告知书\n\n被保险人姓名       王秀英\n\n证件号码                          310104198807150026\n身高体重         170cm 65kg\n\n既往病史         无\n\n被保险人确认以上健康告知内容属实。',
};

describe('classifyDocument', () => {
  it.each([
    ['nativeApplication', 'application_form'],
    ['wasmApplication', 'application_form'],
    ['roughApplication', 'application_form'],
    ['nativeHealth', 'health_declaration'],
    ['wasmHealth', 'health_declaration'],
  ] as const)('classifies %s as %s with the catalogue keywords', (sample, code) => {
    const result = classifyDocument(ocr[sample], types);
    expect(result?.code).toBe(code);
    expect(result?.id).toBe(`id-${code}`);
  });

  it('names the keywords it went by, the title first, and weighs the title', () => {
    const result = classifyDocument(ocr.nativeHealth, types)!;
    expect(result.matched[0]).toBe('健康告知');
    expect(result.matched).toEqual(expect.arrayContaining(['既往病史', '身高', '体重']));
    expect(result.score).toBe(3 + 3);
  });

  it('matches English keywords whatever their case and spacing', () => {
    expect(classifyDocument('HEALTH DECLARATION\nMedical   history: none', types)?.code).toBe('health_declaration');
  });

  it('returns null when nothing or too little matches', () => {
    expect(classifyDocument('', types)).toBeNull();
    expect(classifyDocument('会议纪要\n今天天气很好。', types)).toBeNull();
    // One ordinary word found in the body of many papers is no evidence.
    expect(classifyDocument('会议纪要\n本人同意。', types)).toBeNull();
  });

  it('returns null when two types match equally well', () => {
    const tie = [
      { id: 'a', code: 'first', keywords: ['甲', '乙'] },
      { id: 'b', code: 'second', keywords: ['乙', '甲'] },
    ];
    expect(classifyDocument('标题\n甲 乙', tie)).toBeNull();
  });
});
