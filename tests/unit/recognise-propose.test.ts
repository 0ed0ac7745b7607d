import { describe, expect, it } from 'vitest';
import { type CandidateLookup, type CandidateCustomer, type CandidatePolicy, propose } from '../../electron/ingest/recognise/propose.js';
import { documentTypeCatalogue } from '../../electron/records/document-type-catalogue.js';
import { proposalSchema } from '../../shared/ipc/methods/ingest.js';

interface ArchiveCustomer extends CandidateCustomer {
  idNumber?: string;
  creditCode?: string;
  mobile?: string;
}

/** The look-ups as the archive answers them, over a handful of records. */
function archive(customers: ArchiveCustomer[], policies: CandidatePolicy[] = []): CandidateLookup {
  const strip = ({ id, name }: ArchiveCustomer): CandidateCustomer => ({ id, name });
  const differsInOne = (a: string, b: string) => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1;
  return {
    customersByIdNumber: (n) => customers.filter((c) => c.idNumber === n).map(strip),
    customersByIdNumberNear: (n) => customers.filter((c) => c.idNumber !== undefined && differsInOne(c.idNumber, n)).map(strip),
    customersByCreditCode: (n) => customers.filter((c) => c.creditCode === n).map(strip),
    policiesByNumber: (n) => policies.filter((p) => p.policyNumber === n),
    customersByMobile: (n) => customers.filter((c) => c.mobile === n).map(strip),
    customerById: (id) => {
      const c = customers.find((x) => x.id === id);
      return c ? strip(c) : null;
    },
    documentTypes: () => documentTypeCatalogue.map((t) => ({ id: `type-${t.code}`, code: t.code, keywords: t.keywords })),
  };
}

const zhang: ArchiveCustomer = { id: 'c-zhang', name: '张伟明', idNumber: '11010519491231002X', mobile: '13812345678' };
const li: ArchiveCustomer = { id: 'c-li', name: '李娜', idNumber: '310104198807150027', mobile: '13698765432' };
const wang: ArchiveCustomer = { id: 'c-wang', name: '王秀英', idNumber: '440305197002285022' };
const policy: CandidatePolicy = { id: 'p-1', policyNumber: 'P2024-00012345', customerIds: ['c-zhang', 'c-li'] };
const otherPolicy: CandidatePolicy = { id: 'p-2', policyNumber: 'P2024-00099999', customerIds: ['c-wang'] };
const lookup = archive([zhang, li, wang], [policy, otherPolicy]);

/** The application form of tests/support/scans.ts as OCR read it. */
const applicationForm = (idNumber: string, policyNumber = '', mobile = '') =>
  `人身保险投保单\n投保人姓名 张伟明\n证件类型 居民身份证\n证件号码 ${idNumber}\n联系电话 ${mobile}\n保单号 ${policyNumber}\n险种名称 终身寿险\n投保人声明: 本人已阅读保险条款，了解责任免除内容。\n投保人签名:`;

describe('propose', () => {
  it('is certain when the only valid ID belongs to one customer and the type is clear', () => {
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: applicationForm('11010519491231002X', 'P2024-00012345', '13812345678') }] }, lookup);
    expect(certain).toBe(true);
    expect(proposal.customer).toEqual({ id: 'c-zhang', name: '张伟明', reason: { kind: 'idNumber', page: 1, value: '110105********002X' } });
    expect(proposal.policy).toEqual({ id: 'p-1', policyNumber: 'P2024-00012345', reason: { kind: 'policyNumber', page: 1, value: 'P2024-00012345' } });
    expect(proposal.documentType?.code).toBe('application_form');
    expect(proposal.documentType?.reason.kind).toBe('keywords');
    // The insured of the customer's own policy is listed, but does not stand in the way.
    expect(proposal.alternatives).toEqual([{ id: 'c-li', name: '李娜', reason: { kind: 'policyNumber', page: 1, value: 'P2024-00012345' } }]);
    expect(() => proposalSchema.parse(proposal)).not.toThrow();
  });

  it('is not certain when a policy number on the page is another customer\'s', () => {
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: applicationForm('11010519491231002X', 'P2024-00099999') }] }, lookup);
    expect(certain).toBe(false);
    expect(proposal.customer?.id).toBe('c-zhang');
    expect(proposal.policy).toBeNull();
    expect(proposal.alternatives.map((a) => a.id)).toEqual(['c-wang']);
  });

  it('is certain on an ID that happens to pass the credit-code check as well', () => {
    const zhao = { id: 'c-zhao', name: '赵敏', idNumber: '11010519491231037X' };
    expect(propose({ pages: [{ pageNo: 1, text: applicationForm('11010519491231037X') }] }, archive([zhao])).certain).toBe(true);
  });

  it('is not certain without a document type', () => {
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: '备注\n11010519491231002X' }] }, lookup);
    expect(proposal.customer?.id).toBe('c-zhang');
    expect(proposal.documentType).toBeNull();
    expect(certain).toBe(false);
  });

  it('proposes the best of two customers and lists the other, without certainty', () => {
    const pages = [
      { pageNo: 1, text: applicationForm('11010519491231002X') },
      { pageNo: 2, text: `被保险人 李娜 证件号码 310104198807150027` },
    ];
    const { proposal, certain } = propose({ pages }, lookup);
    expect(certain).toBe(false);
    expect([proposal.customer?.id, ...proposal.alternatives.map((a) => a.id)].sort()).toEqual(['c-li', 'c-zhang']);
    expect(proposal.alternatives[0]?.reason).toEqual({ kind: 'idNumber', page: expect.any(Number), value: expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/) });
  });

  it('ranks the customer with more evidence first', () => {
    const pages = [{ pageNo: 1, text: `${applicationForm('11010519491231002X', 'P2024-00012345', '13812345678')}\n紧急联系人 13698765432` }];
    const { proposal, certain } = propose({ pages }, lookup);
    expect(certain).toBe(false);
    expect(proposal.customer?.id).toBe('c-zhang');
    expect(proposal.alternatives.map((a) => a.id)).toEqual(['c-li']);
  });

  it('only proposes on a near-miss ID, however well it matches', () => {
    // The 13th digit misread: 1 for 3.
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: applicationForm('11010519491211002X') }] }, lookup);
    expect(certain).toBe(false);
    expect(proposal.customer).toEqual({ id: 'c-zhang', name: '张伟明', reason: { kind: 'idNumberNear', page: 1, value: '110105********002X' } });
  });

  it('is not certain when a valid ID belongs to nobody in the archive', () => {
    const pages = [{ pageNo: 1, text: `${applicationForm('11010519491231002X')}\n受益人证件号码 110108200001010015` }];
    expect(propose({ pages }, lookup).certain).toBe(false);
  });

  it('is not certain when one ID is shared by two customer records', () => {
    const duplicate = archive([zhang, { ...zhang, id: 'c-zhang-2' }]);
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: applicationForm('11010519491231002X') }] }, duplicate);
    expect(certain).toBe(false);
    expect(proposal.alternatives).toHaveLength(1);
  });

  it('proposes the policy and its holder from a policy number alone', () => {
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: applicationForm('', 'P2024-00012345') }] }, lookup);
    expect(certain).toBe(false);
    expect(proposal.customer).toEqual({ id: 'c-zhang', name: '张伟明', reason: { kind: 'policyNumber', page: 1, value: 'P2024-00012345' } });
    expect(proposal.alternatives.map((a) => a.id)).toEqual(['c-li']);
    expect(proposal.policy?.id).toBe('p-1');
  });

  it('proposes no policy that belongs to someone else', () => {
    const { proposal } = propose({ pages: [{ pageNo: 1, text: applicationForm('310104198807150027', 'P2024-00099999') }] }, lookup);
    expect(proposal.customer?.id).toBe('c-li');
    expect(proposal.policy).toBeNull();
  });

  it('proposes from a mobile number, masked, without certainty', () => {
    const { proposal, certain } = propose({ pages: [{ pageNo: 3, text: applicationForm('', '', '13698765432') }] }, lookup);
    expect(certain).toBe(false);
    expect(proposal.customer).toEqual({ id: 'c-li', name: '李娜', reason: { kind: 'mobile', page: 3, value: '136****5432' } });
  });

  it('is certain on a credit code, which is checksummed like an ID', () => {
    const company = { id: 'c-co', name: '华信科技有限公司', creditCode: '91350100M000100Y43' };
    const licence = '营业执照\n统一社会信用代码 91350100M000100Y43\n法定代表人 张伟明\n注册资本 100万元\n成立日期 2015年3月1日\n经营范围 软件开发';
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: licence }] }, archive([company]));
    expect(certain).toBe(true);
    expect(proposal.customer?.reason).toEqual({ kind: 'creditCode', page: 1, value: '9135**********0Y43' });
    expect(proposal.documentType?.code).toBe('business_licence');
  });

  it('proposes nothing for a page without evidence', () => {
    const { proposal, certain } = propose({ pages: [{ pageNo: 1, text: '' }] }, lookup);
    expect(certain).toBe(false);
    expect(proposal).toEqual({ customer: null, policy: null, documentType: null, alternatives: [] });
  });
});
