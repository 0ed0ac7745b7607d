import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArchiveSession, archivePaths } from '../../electron/archive/archive.js';
import { createRouter, EventHub, type Handlers } from '../../electron/ipc/router.js';
import { checklistHandlers } from '../../electron/records/checklist-handlers.js';
import { customerChecklist, policyChecklist, refreshCompleteness } from '../../electron/records/completeness.js';
import { documentTypeCatalogue } from '../../electron/records/document-type-catalogue.js';
import { addDays, addMonths, daysBetween, dueList, nextUpdateDue, refreshDueDate } from '../../electron/records/due-dates.js';
import { SessionManager } from '../../electron/services/sessions.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/roles.js';
import { type ChecklistItem, defaultDueRules, type DueRules } from '../../shared/ipc/methods/checklists.js';
import { creditCodeCheckChar } from '../../shared/validators/credit-code.js';
import { residentIdCheckChar } from '../../shared/validators/resident-id.js';
import { adminPassword, newArchive, rawDatabase } from '../support/archive.js';

const created = '2026-01-15T08:00:00.000Z';
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const validId = (n: number) => withCheck(`110105198${n % 10}0101${String(100 + n).slice(-3)}`);

let dir: string;
let session: ArchiveSession;
let raw: Database.Database;
let branchId: string;
let adminId: string;
const users: Record<'agent' | 'otherAgent' | 'archivist' | 'compliance', string> = { agent: '', otherAgent: '', archivist: '', compliance: '' };
let idSeq = 0;

beforeAll(async () => {
  const archive = await newArchive();
  dir = archive.dir;
  session = archive.session;
  adminId = session.user.id;
  raw = rawDatabase(archivePaths(dir).db, archive.recoveryKey);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  branchId = raw.prepare('SELECT id FROM branches').pluck().get() as string;
  const user = (username: string, role: Role) => {
    const id = uuidv7();
    raw.prepare('INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, username, username, role, branchId, created);
    return id;
  };
  users.agent = user('agent-li', 'agent');
  users.otherAgent = user('agent-zhao', 'agent');
  users.archivist = user('archivist-wu', 'archivist');
  users.compliance = user('compliance-qian', 'compliance');
});

afterAll(async () => {
  raw?.close();
  await session?.close();
});

/* Records inserted with SQL, as the customer and policy services will store them. */

interface CustomerSeed {
  type?: 'individual' | 'enterprise' | 'group';
  name?: string;
  idNumber?: string | null;
  creditCode?: string | null;
  mobile?: string | null;
  address?: string | null;
  occupation?: string | null;
  agentId?: string | null;
  valueLevel?: 'high' | 'medium' | 'low' | null;
  lastVerifiedAt?: string | null;
  createdAt?: string;
  nextUpdateDue?: string | null;
}

function insertCustomer(c: CustomerSeed = {}): string {
  const id = uuidv7();
  const type = c.type ?? 'individual';
  const idNumber = c.idNumber === undefined ? (type === 'individual' ? validId(++idSeq) : null) : c.idNumber;
  raw
    .prepare(
      `INSERT INTO customers (id, branch_id, type, name, id_type, id_number, credit_code, mobile, address, occupation, agent_id, value_level,
                              last_verified_at, next_update_due, created_at, updated_at)
       VALUES (@id, @branchId, @type, @name, @idType, @idNumber, @creditCode, @mobile, @address, @occupation, @agentId, @valueLevel,
               @lastVerifiedAt, @nextUpdateDue, @createdAt, @createdAt)`,
    )
    .run({
      id,
      branchId,
      type,
      name: c.name ?? '张伟',
      idType: type === 'individual' ? 'resident_id' : null,
      idNumber,
      creditCode: c.creditCode ?? null,
      mobile: c.mobile === undefined ? '13812345678' : c.mobile,
      address: c.address === undefined ? '北京市朝阳区建国路 88 号' : c.address,
      occupation: c.occupation === undefined ? '教师' : c.occupation,
      agentId: c.agentId ?? null,
      valueLevel: c.valueLevel ?? null,
      lastVerifiedAt: c.lastVerifiedAt ?? null,
      nextUpdateDue: c.nextUpdateDue ?? null,
      createdAt: c.createdAt ?? created,
    });
  return id;
}

let policySeq = 0;
function insertPolicy(p: {
  productLine: string;
  policyholderId: string;
  insuredIds?: string[];
  status?: string;
  applicationDate?: string;
  updatedAt?: string;
  sumInsuredFen?: number;
  premiumFen?: number;
  customerRisk?: string | null;
  productRisk?: string | null;
  agentId?: string | null;
}): string {
  const id = uuidv7();
  raw
    .prepare(
      `INSERT INTO policies (id, branch_id, policy_number, product_name, product_line, sum_insured_fen, premium_fen, payment_frequency, application_date,
                             status, customer_risk_level, product_risk_class, agent_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'annual', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      branchId,
      `P2026${String(++policySeq).padStart(6, '0')}`,
      '安康终身保障计划',
      p.productLine,
      p.sumInsuredFen ?? 50_000_000,
      p.premiumFen ?? 1_200_000,
      p.applicationDate ?? '2026-01-10',
      p.status ?? 'in_force',
      p.customerRisk ?? null,
      p.productRisk ?? null,
      p.agentId ?? null,
      created,
      p.updatedAt ?? created,
    );
  const party = raw.prepare('INSERT INTO policy_parties (policy_id, customer_id, role) VALUES (?, ?, ?)');
  party.run(id, p.policyholderId, 'policyholder');
  for (const insured of p.insuredIds ?? [p.policyholderId]) party.run(id, insured, 'insured');
  return id;
}

const typeId = (code: string) => raw.prepare('SELECT id FROM document_types WHERE code = ?').pluck().get(code) as string;

let blobSeq = 0;
function fakeBlob(): string {
  const id = createHash('sha256').update(`blob ${++blobSeq} ${Math.random()}`).digest('hex');
  raw.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, 1024, ?)').run(id, created);
  return id;
}

function insertDocument(d: { code: string; customerId: string; policyId?: string; state?: 'inbox' | 'filed' | 'destroyed'; pages?: string[][] }): string {
  const id = uuidv7();
  const state = d.state ?? 'filed';
  raw
    .prepare(
      `INSERT INTO documents (id, branch_id, customer_id, policy_id, document_type_id, state, source, original_blob_id, created_at, filed_at)
       VALUES (?, ?, ?, ?, ?, ?, 'scanner', ?, ?, ?)`,
    )
    .run(id, branchId, d.customerId, d.policyId ?? null, typeId(d.code), state, fakeBlob(), created, state === 'filed' ? created : null);
  (d.pages ?? [[]]).forEach((flags, i) => {
    raw
      .prepare('INSERT INTO pages (id, document_id, page_no, blob_id, dpi, color_mode, quality_flags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(uuidv7(), id, i + 1, fakeBlob(), flags.includes('lowResolution') ? 150 : 300, 'gray', JSON.stringify(flags), created);
  });
  return id;
}

const documentState = (items: ChecklistItem[], code: string) => items.find((i) => i.kind === 'document' && i.code === code)?.state;
const fieldItem = (items: ChecklistItem[], field: string) => items.find((i) => i.kind === 'field' && i.field === field);
const codes = (items: ChecklistItem[]) => items.flatMap((i) => (i.kind === 'document' ? [i.code] : []));

describe('the document-type catalogue', () => {
  it('is seeded into a new archive by migration 003, with names, rules and keywords', async () => {
    const types = await session.db.call('documentTypes.list', { actorId: adminId });
    expect(types.map((t) => t.code).sort()).toEqual(documentTypeCatalogue.map((e) => e.code).sort());
    expect(types.length).toBeGreaterThanOrEqual(17);
    for (const code of ['id_copy', 'business_licence', 'legal_rep_id', 'application_form', 'health_declaration', 'policy_contract', 'beneficiary_designation',
      'bank_authorisation', 'risk_questionnaire', 'suitability_confirmation', 'claim_application', 'medical_records', 'invoices_receipts', 'pi_consent',
      'change_request', 'return_visit_record', 'complaint_record']) {
      expect(types.map((t) => t.code)).toContain(code);
    }
    const byCode = Object.fromEntries(types.map((t) => [t.code, t]));
    expect(byCode.id_copy).toMatchObject({
      category: 'basic',
      names: { 'zh-CN': '身份证复印件', en: 'ID card copy' },
      requiredFor: { customerTypes: ['individual'] },
      retention: { basis: 'termination', years: null },
      active: true,
    });
    expect(byCode.id_copy!.keywords).toEqual(expect.arrayContaining(['居民身份证', '公民身份号码', '签发机关']));
    expect(byCode.business_licence!.requiredFor.customerTypes).toEqual(['enterprise', 'group']);
    expect(byCode.application_form!.requiredFor.productLines).toHaveLength(8);
    expect(byCode.health_declaration!.requiredFor.productLines!.sort()).toEqual(['critical_illness', 'health', 'life', 'medical']);
    expect(byCode.risk_questionnaire!.requiredFor.productLines!.sort()).toEqual(['annuity', 'investment_linked']);
    expect(byCode.pi_consent!.requiredFor.customerTypes).toEqual(['individual']);
    expect(byCode.medical_records!.sensitive).toBe(true);
    expect(byCode.medical_records!.category).toBe('claims');
    for (const t of types) {
      expect(Object.values(t.names).every((n) => n.trim().length > 0)).toBe(true);
      expect(t.keywords.length).toBeGreaterThan(0);
    }
    // Catalogue order: basic, contract, claims, service.
    const order = ['basic', 'contract', 'claims', 'service'];
    const categories = types.map((t) => order.indexOf(t.category));
    expect(categories).toEqual([...categories].sort((a, b) => a - b));
  });
});

describe('customer checklists', () => {
  it('asks an individual for an ID copy and a consent form, and counts filed documents only', () => {
    const customerId = insertCustomer();
    let list = customerChecklist(raw, customerId);
    expect(codes(list.items)).toEqual(['id_copy', 'pi_consent']);
    expect(documentState(list.items, 'id_copy')).toBe('missing');
    expect(list.items.filter((i) => i.kind === 'field').map((i) => (i.kind === 'field' ? [i.field, i.state] : []))).toEqual([
      ['name', 'present'],
      ['idNumber', 'present'],
      ['mobile', 'present'],
      ['address', 'present'],
      ['occupation', 'present'],
    ]);
    // 5 of 7 items present.
    expect(list.percent).toBe(71);

    insertDocument({ code: 'pi_consent', customerId, state: 'inbox' });
    expect(documentState(customerChecklist(raw, customerId).items, 'pi_consent')).toBe('missing');

    const documentId = insertDocument({ code: 'id_copy', customerId });
    list = customerChecklist(raw, customerId);
    expect(list.items[0]).toMatchObject({ kind: 'document', code: 'id_copy', state: 'present', documentId, names: { 'zh-CN': '身份证复印件' } });
    expect(list.percent).toBe(86);
    insertDocument({ code: 'pi_consent', customerId });
    expect(customerChecklist(raw, customerId).percent).toBe(100);
  });

  it('flags a document whose pages are low-resolution or blank, until a good copy is filed', () => {
    const customerId = insertCustomer();
    insertDocument({ code: 'id_copy', customerId, pages: [[], ['lowResolution']] });
    expect(documentState(customerChecklist(raw, customerId).items, 'id_copy')).toBe('lowQuality');

    const blankOnly = insertCustomer();
    insertDocument({ code: 'id_copy', customerId: blankOnly, pages: [['blank']] });
    expect(documentState(customerChecklist(raw, blankOnly).items, 'id_copy')).toBe('lowQuality');

    const otherFlag = insertCustomer();
    insertDocument({ code: 'id_copy', customerId: otherFlag, pages: [['skewed']] });
    expect(documentState(customerChecklist(raw, otherFlag).items, 'id_copy')).toBe('present');

    const good = insertDocument({ code: 'id_copy', customerId, pages: [[]] });
    const list = customerChecklist(raw, customerId);
    expect(list.items[0]).toMatchObject({ code: 'id_copy', state: 'present', documentId: good });
  });

  it('re-validates stored identifiers and phone numbers, and reports missing fields', () => {
    const first17 = '11010519900307123';
    const wrongCheck = first17 + (residentIdCheckChar(first17) === '1' ? '2' : '1');
    const customerId = insertCustomer({ idNumber: wrongCheck, mobile: '12345678901', occupation: null, address: '  ' });
    const list = customerChecklist(raw, customerId);
    expect(fieldItem(list.items, 'idNumber')).toEqual({ kind: 'field', field: 'idNumber', state: 'invalid', reason: 'checkDigit' });
    expect(fieldItem(list.items, 'mobile')).toEqual({ kind: 'field', field: 'mobile', state: 'invalid', reason: 'format' });
    expect(fieldItem(list.items, 'occupation')).toEqual({ kind: 'field', field: 'occupation', state: 'missing' });
    expect(fieldItem(list.items, 'address')).toMatchObject({ state: 'missing' });
    // Only the name is present: 1 of 7.
    expect(list.percent).toBe(14);
  });

  it('asks enterprises for a business licence and a valid credit code', () => {
    const code = '91110105MA01C2D3E';
    const customerId = insertCustomer({ type: 'enterprise', name: '北京星辰科技有限公司', creditCode: code + creditCodeCheckChar(code), mobile: null, occupation: null });
    let list = customerChecklist(raw, customerId);
    expect(codes(list.items)).toEqual(['business_licence']);
    expect(list.items.filter((i) => i.kind === 'field').map((i) => (i.kind === 'field' ? i.field : ''))).toEqual(['name', 'creditCode', 'address']);
    expect(list.percent).toBe(75);
    raw.prepare('UPDATE customers SET credit_code = ? WHERE id = ?').run(code + 'I', customerId);
    list = customerChecklist(raw, customerId);
    expect(fieldItem(list.items, 'creditCode')).toMatchObject({ state: 'invalid' });
    expect(list.percent).toBe(50);
  });

  it('stores the percentage, open items and poor pages on the customer, and the percentage on its policies', () => {
    const customerId = insertCustomer();
    const policyId = insertPolicy({ productLine: 'property', policyholderId: customerId });
    insertDocument({ code: 'id_copy', customerId });
    // Six of eight: the customer's own items, and the policy's missing application form.
    expect(refreshCompleteness(raw, customerId)).toBe(75);
    const stored = () =>
      raw
        .prepare('SELECT completeness, items AS open_items, missing_documents, field_issues, low_quality_pages FROM customers LEFT JOIN customer_open_items ON customer_id = id WHERE id = ?')
        .get(customerId) as {
        completeness: number;
        open_items: string;
        missing_documents: number;
        field_issues: number;
        low_quality_pages: number;
      };
    expect(stored()).toMatchObject({ completeness: 75, missing_documents: 2, field_issues: 0, low_quality_pages: 0 });
    const policyNumber = raw.prepare('SELECT policy_number FROM policies WHERE id = ?').pluck().get(policyId) as string;
    expect(JSON.parse(stored().open_items)).toEqual([
      { kind: 'document', documentTypeId: typeId('pi_consent'), state: 'missing' },
      { kind: 'document', documentTypeId: typeId('application_form'), policyNumber, state: 'missing' },
    ]);
    const policyPaper = customerChecklist(raw, customerId).items.filter((i) => i.kind === 'document' && i.policyNumber);
    expect(policyPaper.map((i) => (i.kind === 'document' ? `${i.code}:${i.state}` : ''))).toEqual(['application_form:missing']);
    expect(raw.prepare('SELECT completeness FROM policies WHERE id = ?').pluck().get(policyId)).toBe(88);

    // A consent form with a blank page and one at 150 dpi: filed, but not good enough.
    insertDocument({ code: 'pi_consent', customerId, pages: [['blank'], ['lowResolution'], []] });
    expect(refreshCompleteness(raw, customerId)).toBe(75);
    expect(stored()).toMatchObject({ missing_documents: 1, low_quality_pages: 2 });
    expect(JSON.parse(stored().open_items)[0]).toEqual({ kind: 'document', documentTypeId: typeId('pi_consent'), state: 'lowQuality' });
  });

  it('answers over the worker, keeping agents to their own customers', async () => {
    const mine = insertCustomer({ agentId: users.agent });
    const theirs = insertCustomer({ agentId: users.otherAgent });
    await expect(session.db.call('completeness.customer', { actorId: users.agent, customerId: mine })).resolves.toMatchObject({ percent: 71 });
    await expect(session.db.call('completeness.customer', { actorId: users.agent, customerId: theirs })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(session.db.call('completeness.customer', { actorId: users.compliance, customerId: theirs })).resolves.toMatchObject({ percent: 71 });
    await expect(session.db.call('completeness.customer', { actorId: adminId, customerId: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('policy checklists', () => {
  it('requires a health declaration for a health policy but not for a property policy', () => {
    const customerId = insertCustomer();
    const health = insertPolicy({ productLine: 'health', policyholderId: customerId });
    const property = insertPolicy({ productLine: 'property', policyholderId: customerId });

    let list = policyChecklist(raw, health);
    expect(codes(list.items)).toEqual(['application_form', 'health_declaration']);
    expect(list.items.filter((i) => i.kind === 'field').map((i) => (i.kind === 'field' ? `${i.field}:${i.state}` : ''))).toEqual([
      'policyNumber:present',
      'productName:present',
      'applicationDate:present',
      'policyholder:present',
      'insured:present',
      'sumInsured:present',
      'premium:present',
    ]);
    // 7 of 9.
    expect(list.percent).toBe(78);
    insertDocument({ code: 'health_declaration', customerId, policyId: health });
    list = policyChecklist(raw, health);
    expect(documentState(list.items, 'health_declaration')).toBe('present');
    expect(list.percent).toBe(89);

    list = policyChecklist(raw, property);
    expect(codes(list.items)).toEqual(['application_form']);
    // 7 of 8 is 87.5, rounded.
    expect(list.percent).toBe(88);
    // A document filed under another policy does not count.
    insertDocument({ code: 'application_form', customerId, policyId: health });
    expect(documentState(policyChecklist(raw, property).items, 'application_form')).toBe('missing');
    expect(documentState(policyChecklist(raw, health).items, 'application_form')).toBe('present');
    expect(policyChecklist(raw, health).percent).toBe(100);
  });

  it('asks investment-linked and annuity policies for a risk questionnaire and a suitability record', () => {
    const customerId = insertCustomer();
    const policyId = insertPolicy({ productLine: 'investment_linked', policyholderId: customerId, premiumFen: 0 });
    let list = policyChecklist(raw, policyId);
    expect(codes(list.items)).toEqual(['application_form', 'risk_questionnaire']);
    expect(fieldItem(list.items, 'suitability')).toEqual({ kind: 'field', field: 'suitability', state: 'missing' });
    expect(fieldItem(list.items, 'premium')).toMatchObject({ state: 'missing' });
    // 6 of 10.
    expect(list.percent).toBe(60);

    raw.prepare("UPDATE policies SET customer_risk_level = 'C2', product_risk_class = 'R4' WHERE id = ?").run(policyId);
    expect(fieldItem(policyChecklist(raw, policyId).items, 'suitability')).toEqual({ kind: 'field', field: 'suitability', state: 'invalid', reason: 'mismatch' });
    raw.prepare("UPDATE policies SET customer_risk_level = 'C4' WHERE id = ?").run(policyId);
    list = policyChecklist(raw, policyId);
    expect(fieldItem(list.items, 'suitability')).toMatchObject({ state: 'present' });
    expect(list.percent).toBe(70);

    const noInsured = uuidv7();
    raw
      .prepare(
        `INSERT INTO policies (id, branch_id, policy_number, product_name, product_line, sum_insured_fen, premium_fen, payment_frequency, application_date, status, created_at, updated_at)
         VALUES (?, ?, 'P-NO-PARTIES', '年年有余', 'annuity', 0, 100, 'single', '2026-02-01', 'applied', ?, ?)`,
      )
      .run(noInsured, branchId, created, created);
    list = policyChecklist(raw, noInsured);
    expect(list.items.filter((i) => i.state !== 'present').map((i) => (i.kind === 'field' ? i.field : i.code))).toEqual([
      'application_form',
      'risk_questionnaire',
      'policyholder',
      'insured',
      'sumInsured',
      'suitability',
    ]);
  });
});

describe('due dates', () => {
  const customer = (c: Partial<{ valueLevel: string | null; lastVerifiedAt: string | null; createdAt: string }> = {}) => ({
    valueLevel: c.valueLevel ?? 'medium',
    lastVerifiedAt: c.lastVerifiedAt ?? null,
    createdAt: c.createdAt ?? '2026-01-15T08:00:00.000Z',
  });
  const slowRefresh: DueRules = { ...defaultDueRules, otherMonths: 12, highValueMonths: 12 };

  it('adds months clamping to the month end, and days across months and years', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-05-15', 3)).toBe('2026-08-15');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-05-20', '2026-06-01')).toBe(12);
    expect(daysBetween('2026-06-10', '2026-06-01')).toBe(-9);
  });

  it('asks for the first re-verification within 6 months of a policy application', () => {
    const policies = [{ applicationDate: '2026-02-01', status: 'in_force' as const }];
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-01-10' }), policies, [], slowRefresh)).toBe('2026-08-01');
    // Verified after the application: the periodic refresh alone.
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-03-01' }), policies, [], slowRefresh)).toBe('2027-03-01');
    // Month-end application dates clamp.
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-01-10' }), [{ applicationDate: '2026-08-31', status: 'applied' }], [], slowRefresh)).toBe('2027-01-10');
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-08-01' }), [{ applicationDate: '2026-08-31', status: 'applied' }], [], { ...slowRefresh, otherMonths: 24 })).toBe('2027-02-28');
    // The earliest of several policies.
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2025-12-01' }), [{ applicationDate: '2026-03-10', status: 'in_force' }, ...policies], [], slowRefresh)).toBe('2026-08-01');
  });

  it('refreshes high-value customers monthly and the others quarterly, from the last verification or creation', () => {
    expect(nextUpdateDue(customer({ valueLevel: 'high', lastVerifiedAt: '2026-03-15' }), [], [])).toBe('2026-04-15');
    expect(nextUpdateDue(customer({ valueLevel: 'medium', lastVerifiedAt: '2026-03-15' }), [], [])).toBe('2026-06-15');
    expect(nextUpdateDue(customer({ valueLevel: null, lastVerifiedAt: '2026-03-15' }), [], [])).toBe('2026-06-15');
    expect(nextUpdateDue(customer({ valueLevel: 'high', createdAt: '2026-01-31T10:00:00.000Z' }), [], [])).toBe('2026-02-28');
    expect(nextUpdateDue(customer({ valueLevel: 'low', createdAt: '2025-11-30T10:00:00.000Z' }), [], [])).toBe('2026-02-28');
  });

  it('asks for re-verification within 30 days of a claim, renewal or product change', () => {
    const claimed = [{ applicationDate: '2025-06-01', status: 'claimed' as const, statusDate: '2026-05-10T03:00:00.000Z' }];
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-05-01' }), claimed, [])).toBe('2026-06-09');
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-05-01' }), claimed, [], { ...defaultDueRules, afterEventDays: 10 })).toBe('2026-05-20');
    // Verified since the claim: only the periodic refresh.
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-05-12' }), claimed, [])).toBe('2026-08-12');
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-05-01' }), [], [{ kind: 'renewal', date: '2026-05-20' }])).toBe('2026-06-19');
    expect(nextUpdateDue(customer({ lastVerifiedAt: '2026-05-01' }), [], [{ kind: 'productChange', date: '2026-04-20' }])).toBe('2026-08-01');
  });

  it('stores the due date computed from the customer and their policies', () => {
    const customerId = insertCustomer({ valueLevel: 'medium', lastVerifiedAt: '2026-05-01' });
    insertPolicy({ productLine: 'medical', policyholderId: customerId, status: 'claimed', applicationDate: '2025-06-01', updatedAt: '2026-05-10T03:00:00.000Z' });
    expect(refreshDueDate(raw, customerId)).toBe('2026-06-09');
    expect(raw.prepare('SELECT next_update_due FROM customers WHERE id = ?').pluck().get(customerId)).toBe('2026-06-09');
    expect(refreshDueDate(raw, customerId, [{ kind: 'renewal', date: '2026-05-05' }])).toBe('2026-06-04');

    const insuredOnly = insertCustomer({ valueLevel: 'high', lastVerifiedAt: '2026-01-05' });
    insertPolicy({ productLine: 'life', policyholderId: customerId, insuredIds: [insuredOnly], applicationDate: '2026-01-20' });
    // Monthly refresh (2026-02-05) comes before the first re-verification (2026-07-20).
    expect(refreshDueDate(raw, insuredOnly)).toBe('2026-02-05');
  });

  it('lists customers due within 14 days or overdue, with days overdue, per agent', async () => {
    const agent = users.agent;
    const today = '2026-06-01';
    const overdue = insertCustomer({ name: '陈逾期', agentId: agent, nextUpdateDue: '2026-05-20', lastVerifiedAt: '2026-02-20' });
    const dueToday = insertCustomer({ name: '林今日', agentId: agent, nextUpdateDue: '2026-06-01' });
    const dueSoon = insertCustomer({ name: '黄临近', agentId: agent, nextUpdateDue: '2026-06-15' });
    insertCustomer({ name: '周稍后', agentId: agent, nextUpdateDue: '2026-06-16' });
    insertCustomer({ name: '吴未定', agentId: agent, nextUpdateDue: null });
    const others = insertCustomer({ name: '郑他人', agentId: users.otherAgent, nextUpdateDue: '2026-05-01' });

    const overdueList = dueList(raw, { today, filter: 'overdue', agentId: agent, limit: 50, offset: 0 });
    expect(overdueList).toEqual({
      total: 1,
      rows: [{ customerId: overdue, name: '陈逾期', agentId: agent, agentName: 'agent-li', nextUpdateDue: '2026-05-20', daysOverdue: 12, lastVerifiedAt: '2026-02-20' }],
    });
    const due = dueList(raw, { today, filter: 'due', agentId: agent, limit: 50, offset: 0 });
    expect(due.rows.map((r) => [r.customerId, r.daysOverdue])).toEqual([
      [dueToday, 0],
      [dueSoon, -14],
    ]);
    const all = dueList(raw, { today, filter: 'all', agentId: agent, limit: 50, offset: 0 });
    expect(all.rows.map((r) => r.customerId)).toEqual([overdue, dueToday, dueSoon]);
    const page = dueList(raw, { today, filter: 'all', agentId: agent, limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3, rows: [{ customerId: dueSoon }] });

    // Over the worker: an agent sees only their own customers, whichever agent they name.
    const asAgent = await session.db.call('due.list', { actorId: agent, today, filter: 'overdue', agentId: users.otherAgent, limit: 50, offset: 0 });
    expect(asAgent.rows.map((r) => r.customerId)).toEqual([overdue]);
    const asCompliance = await session.db.call('due.list', { actorId: users.compliance, today, filter: 'overdue', agentId: users.otherAgent, limit: 50, offset: 0 });
    expect(asCompliance).toMatchObject({ today, total: 1, rows: [{ customerId: others, daysOverdue: 31 }] });
  });
});

describe('saving document types', () => {
  const newType = {
    code: 'tax_residency',
    category: 'basic' as const,
    names: { 'zh-CN': '税收居民身份声明', 'zh-TW': '稅收居民身分聲明', en: 'Tax residency declaration' },
    requiredFor: { customerTypes: ['enterprise' as const] },
    sensitive: false,
    retention: { basis: 'creation' as const, years: 10 },
    keywords: ['税收居民', 'Tax Residency', '税收居民'],
  };

  it('validates the code and the names and refuses duplicates', async () => {
    const save = (changes: Record<string, unknown>) => session.db.call('documentTypes.save', { actorId: adminId, ...newType, ...changes } as never);
    for (const code of ['Tax', 'x', '1abc', 'tax-residency', 'a'.repeat(41), '税收']) {
      await expect(save({ code })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(save({ names: { ...newType.names, en: ' ' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ names: { 'zh-CN': '税收' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ retention: { basis: 'forever', years: 1 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ code: 'id_copy' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: ['code'], code: 'duplicate' }] } });
    await expect(save({ id: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(raw.prepare("SELECT count(*) FROM document_types WHERE code LIKE 'tax%'").pluck().get()).toBe(0);
  });

  it('lets administrators and archivists save, refuses agents and compliance, and audits', async () => {
    await expect(session.db.call('documentTypes.save', { actorId: users.agent, ...newType })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(session.db.call('documentTypes.save', { actorId: users.compliance, ...newType })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });

    const code = '91310115MA1H7GL6X';
    const enterprise = insertCustomer({ type: 'enterprise', name: '上海浦江贸易有限公司', creditCode: code + creditCodeCheckChar(code), mobile: null, occupation: null });
    refreshCompleteness(raw, enterprise);
    expect(raw.prepare('SELECT completeness FROM customers WHERE id = ?').pluck().get(enterprise)).toBe(75);

    const saved = await session.db.call('documentTypes.save', { actorId: adminId, ...newType });
    expect(saved).toMatchObject({ code: 'tax_residency', active: true, requiredFor: { customerTypes: ['enterprise'] }, keywords: ['税收居民', 'Tax Residency'] });
    // A new requirement moves every stored percentage and open item list: 3 of 5 now.
    expect(raw.prepare('SELECT completeness FROM customers WHERE id = ?').pluck().get(enterprise)).toBe(60);
    expect(raw.prepare('SELECT missing_documents FROM customers WHERE id = ?').pluck().get(enterprise)).toBe(2);
    expect(raw.prepare('SELECT items FROM customer_open_items WHERE customer_id = ?').pluck().get(enterprise)).toContain(saved.id);

    const edited = await session.db.call('documentTypes.save', { actorId: users.archivist, ...newType, id: saved.id, active: false, names: { ...newType.names, en: 'Tax residency self-certification' } });
    expect(edited).toMatchObject({ id: saved.id, active: false, createdAt: saved.createdAt, names: { en: 'Tax residency self-certification' } });
    expect(raw.prepare('SELECT completeness FROM customers WHERE id = ?').pluck().get(enterprise)).toBe(75);
    expect(codes(customerChecklist(raw, enterprise).items)).toEqual(['business_licence']);

    const audit = raw.prepare("SELECT actor_id, object_id, details FROM audit_log WHERE action = 'documentType.save' ORDER BY seq").all() as { actor_id: string; object_id: string; details: string }[];
    expect(audit.map((a) => [a.actor_id, a.object_id, JSON.parse(a.details).created])).toEqual([
      [adminId, saved.id, true],
      [users.archivist, saved.id, false],
    ]);
    expect((await session.db.call('documentTypes.list', { actorId: users.agent })).find((t) => t.id === saved.id)).toMatchObject({ active: false });
  });
});

describe('due rules', () => {
  it('round-trips through the settings table, for administrators only, recomputing due dates', async () => {
    await expect(session.db.call('due.rules', { actorId: users.agent })).resolves.toEqual(defaultDueRules);
    expect(raw.prepare("SELECT value FROM settings WHERE key = 'records.dueRules'").pluck().get()).toBeUndefined();

    const customerId = insertCustomer({ valueLevel: 'high', lastVerifiedAt: '2026-03-15' });
    refreshDueDate(raw, customerId);
    expect(raw.prepare('SELECT next_update_due FROM customers WHERE id = ?').pluck().get(customerId)).toBe('2026-04-15');

    await expect(session.db.call('due.setRules', { actorId: users.agent, highValueMonths: 2 })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(session.db.call('due.setRules', { actorId: users.archivist, highValueMonths: 2 })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(session.db.call('due.setRules', { actorId: adminId, otherMonths: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const rules = await session.db.call('due.setRules', { actorId: adminId, highValueMonths: 2, afterEventDays: 45 });
    expect(rules).toEqual({ ...defaultDueRules, highValueMonths: 2, afterEventDays: 45 });
    await expect(session.db.call('due.rules', { actorId: users.compliance })).resolves.toEqual(rules);
    expect(JSON.parse(raw.prepare("SELECT value FROM settings WHERE key = 'records.dueRules'").pluck().get() as string)).toEqual(rules);
    expect(raw.prepare('SELECT next_update_due FROM customers WHERE id = ?').pluck().get(customerId)).toBe('2026-05-15');
    const audit = raw.prepare("SELECT actor_id, details FROM audit_log WHERE action = 'due.rulesChange'").all() as { actor_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(adminId);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ highValueMonths: 2, afterEventDays: 45 });

    await session.db.call('due.setRules', { actorId: adminId, ...defaultDueRules });
    await expect(session.db.call('due.rules', { actorId: adminId })).resolves.toEqual(defaultDueRules);
    expect(raw.prepare('SELECT next_update_due FROM customers WHERE id = ?').pluck().get(customerId)).toBe('2026-04-15');
  });
});

describe('over IPC', () => {
  it('validates input against the contract and answers for the signed-in user', async () => {
    const origin = 'app://dossier';
    const sender = { origin, topFrame: true };
    const sessions = new SessionManager(dir, new EventHub());
    await sessions.signIn('admin', adminPassword);
    try {
      const router = createRouter(checklistHandlers(sessions) as Handlers, [origin]);
      const list = await router.call('documentTypes.list', {}, sender);
      expect(list).toMatchObject({ ok: true });
      expect((list as { value: unknown[] }).value.length).toBeGreaterThanOrEqual(17);
      expect(await router.call('due.rules', {}, sender)).toEqual({ ok: true, value: defaultDueRules });
      expect(await router.call('due.list', { filter: 'sometimes' }, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await router.call('due.list', {}, sender)).toMatchObject({ ok: true, value: { rows: expect.any(Array) } });
      expect(await router.call('due.setRules', { otherMonths: 4, extra: 1 }, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await router.call('documentTypes.save', { code: 'Bad Code', category: 'basic', names: { 'zh-CN': 'a', 'zh-TW': 'a', en: 'a' }, retention: { basis: 'creation', years: 1 } }, sender)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      const customerId = insertCustomer();
      expect(await router.call('completeness.customer', { customerId }, sender)).toMatchObject({ ok: true, value: { percent: 71 } });
      expect(await router.call('completeness.policy', { policyId: 'not-a-uuid' }, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      await sessions.signOut();
    }
  });
});
