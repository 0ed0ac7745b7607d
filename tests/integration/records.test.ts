import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type ArchiveSession, openArchive } from '../../electron/archive/archive.js';
import { newArchive } from '../support/archive.js';

let admin: ArchiveSession;
let agent: ArchiveSession;
let compliance: ArchiveSession;

beforeAll(async () => {
  const created = await newArchive();
  admin = created.session;
  await addUser(admin, { username: 'agent', displayName: '李娜', role: 'agent', password: 'agent-password' });
  await addUser(admin, { username: 'audit', displayName: '赵敏', role: 'compliance', password: 'audit-password' });
  agent = await openArchive(created.dir, 'agent', 'agent-password');
  compliance = await openArchive(created.dir, 'audit', 'audit-password');
});
afterAll(async () => {
  for (const s of [agent, compliance, admin]) await s?.close();
});

const createCustomer = (session: ArchiveSession, customer: unknown) => session.db.call('customers.create', { actorId: session.user.id, customer });

describe('customers', () => {
  it('refuses an individual whose ID number fails its check digit, naming the field and the message key', async () => {
    const error = await createCustomer(agent, { type: 'individual', name: '张伟', idNumber: '110105194912310021', mobile: '13812345678' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: ['idNumber'], messageKey: 'validation.residentId.checkDigit' }] } });
  });

  it('creates an individual, normalising input and deriving birth date and sex from the ID number', async () => {
    const view = await createCustomer(agent, { type: 'individual', name: ' 王芳 ', idNumber: '11010519491231002x', mobile: '+86 138-1234-5678', address: '北京市朝阳区建国路1号' });
    expect(view).toMatchObject({ name: '王芳', idNumber: '11010519491231002X', mobile: '13812345678', birthDate: '1949-12-31', sex: 'female', masked: false, agentName: '李娜' });
  });

  it('refuses a mismatched birth date, a missing phone and a credit code on an individual', async () => {
    const error = await createCustomer(agent, { type: 'individual', name: '刘强', idNumber: '11010519491231002X', birthDate: '1950-01-01', creditCode: '91350100M000100Y43' }).catch((e: unknown) => e);
    const keys = (error as { details: { issues: { messageKey: string }[] } }).details.issues.map((i) => i.messageKey).sort();
    expect(keys).toEqual(['validation.creditCode.notForIndividuals', 'validation.phoneRequired', 'validation.residentId.birthDateMismatch']);
  });

  it('refuses the same ID number twice and names the existing customer', async () => {
    const existing = await createCustomer(agent, { type: 'individual', name: '陈静', idNumber: '440106198202020029', mobile: '13900000000' });
    const error = await createCustomer(agent, { type: 'individual', name: '陈静静', idNumber: '440106198202020029', mobile: '13900000001' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DUPLICATE_CUSTOMER', details: { customerId: existing.id, name: '陈静' } });
  });

  it('requires and checks the credit code of an enterprise', async () => {
    await expect(createCustomer(agent, { type: 'enterprise', name: '某某科技有限公司', landline: '010-12345678' })).rejects.toMatchObject({
      details: { issues: [{ path: ['creditCode'], messageKey: 'validation.required' }] },
    });
    await expect(createCustomer(agent, { type: 'enterprise', name: '某某科技有限公司', creditCode: '91350100M000100Y44', landline: '010-12345678' })).rejects.toMatchObject({
      details: { issues: [{ path: ['creditCode'], messageKey: 'validation.creditCode.checkChar' }] },
    });
    const company = await createCustomer(agent, { type: 'enterprise', name: '某某科技有限公司', creditCode: '91350100m000100y43', landline: '(010) 1234 5678' });
    expect(company).toMatchObject({ creditCode: '91350100M000100Y43', landline: '010-12345678' });
  });

  it('refuses unknown fields, wrong types and hostile strings as invalid input', async () => {
    for (const bad of [{ type: 'person', name: 'x', mobile: '13812345678' }, { type: 'individual', name: 'x', mobile: '13812345678', role: 'admin' }, { type: 'individual', name: 'x'.repeat(500), mobile: '13812345678' }, null, 'string']) {
      await expect(createCustomer(agent, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('masks identifiers and withholds health status for compliance, and records every view', async () => {
    const created = await createCustomer(agent, { type: 'individual', name: '周杰', idNumber: '310104198805050014', mobile: '13712345678', healthStatus: '高血压' });
    const seenByAgent = await agent.db.call('customers.get', { actorId: agent.user.id, id: created.id });
    expect(seenByAgent).toMatchObject({ idNumber: '310104198805050014', healthStatus: '高血压', masked: false });
    const seenByAudit = await compliance.db.call('customers.get', { actorId: compliance.user.id, id: created.id });
    expect(seenByAudit).toMatchObject({ idNumber: '310104********0014', mobile: '137****5678', healthStatus: null, masked: true });
    await expect(compliance.db.call('customers.update', { actorId: compliance.user.id, id: created.id, changes: { name: '周杰伦' } })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('updates a customer, re-validating the whole record and auditing the changed field names only', async () => {
    const created = await createCustomer(agent, { type: 'individual', name: '孙丽', idNumber: '320102199001010029', mobile: '13612345678' });
    await expect(agent.db.call('customers.update', { actorId: agent.user.id, id: created.id, changes: { mobile: '12345' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const updated = await agent.db.call('customers.update', { actorId: agent.user.id, id: created.id, changes: { address: '上海市黄浦区南京东路100号', valueLevel: 'high' } });
    expect(updated).toMatchObject({ address: '上海市黄浦区南京东路100号', valueLevel: 'high', idNumber: '320102199001010029' });
    const cleared = await agent.db.call('customers.update', { actorId: agent.user.id, id: created.id, changes: { valueLevel: null } });
    expect(cleared.valueLevel ?? null).toBeNull();
  });

  it('lists with filters and sorting, masked for compliance', async () => {
    const all = await compliance.db.call('customers.list', { actorId: compliance.user.id, offset: 0, limit: 100, sort: { field: 'name', order: 'asc' }, filters: {} });
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.rows.every((r) => !r.idNumber || r.idNumber.includes('*'))).toBe(true);
    const names = all.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    const enterprises = await agent.db.call('customers.list', { actorId: agent.user.id, offset: 0, limit: 10, sort: { field: 'createdAt', order: 'desc' }, filters: { type: 'enterprise' } });
    expect(enterprises.rows.map((r) => r.type)).toEqual(['enterprise']);
  });
});

describe('policies', () => {
  it('links policyholder, insured and beneficiaries, flags suitability mismatch and refuses bad shares and duplicates', async () => {
    const holder = await createCustomer(agent, { type: 'individual', name: '吴磊', idNumber: '51010419790303001X', mobile: '13512345678' });
    const child = await createCustomer(agent, { type: 'individual', name: '吴小宝', idNumber: '510104201003030013', mobile: '13512345679' });
    const policy = {
      policyNumber: 'p2026-000123',
      productName: '安心重疾险',
      productLine: 'critical_illness',
      policyholderId: holder.id,
      insuredIds: [child.id],
      beneficiaries: [{ customerId: holder.id, sharePercent: 100 }],
      sumInsured: 500000,
      premium: 8888.88,
      paymentFrequency: 'annual',
      termMonths: 240,
      applicationDate: '2026-03-01',
      customerRiskLevel: 'C2',
      productRiskClass: 'R3',
    };
    await expect(agent.db.call('policies.create', { actorId: agent.user.id, policy: { ...policy, beneficiaries: [{ customerId: holder.id, sharePercent: 60 }] } })).rejects.toMatchObject({
      details: { issues: [{ messageKey: 'validation.beneficiaryShares' }] },
    });
    const view = await agent.db.call('policies.create', { actorId: agent.user.id, policy });
    expect(view).toMatchObject({ policyNumber: 'P2026-000123', premium: 8888.88, suitabilityMismatch: true });
    expect(view.parties.map((p) => [p.role, p.name]).sort()).toEqual([['beneficiary', '吴磊'], ['insured', '吴小宝'], ['policyholder', '吴磊']]);
    await expect(agent.db.call('policies.create', { actorId: agent.user.id, policy })).rejects.toMatchObject({ code: 'DUPLICATE_POLICY' });
    const forChild = await agent.db.call('policies.forCustomer', { actorId: agent.user.id, customerId: child.id });
    expect(forChild.map((p) => p.policyNumber)).toEqual(['P2026-000123']);
    const updated = await agent.db.call('policies.update', { actorId: agent.user.id, id: view.id, changes: { status: 'in_force', effectiveDate: '2026-03-15' } });
    expect(updated).toMatchObject({ status: 'in_force', effectiveDate: '2026-03-15' });
  });

  it('lists policies with their policyholder, filtered and sorted, and names the staff for filters', async () => {
    const all = await compliance.db.call('policies.list', { actorId: compliance.user.id, offset: 0, limit: 50, sort: { field: 'premium', order: 'desc' }, filters: {} });
    expect(all.total).toBeGreaterThanOrEqual(1);
    expect(all.rows[0]).toMatchObject({ policyNumber: 'P2026-000123', policyholderName: '吴磊', suitabilityMismatch: true, agentName: '李娜' });
    const none = await agent.db.call('policies.list', { actorId: agent.user.id, offset: 0, limit: 50, sort: { field: 'applicationDate', order: 'asc' }, filters: { productLine: 'property' } });
    expect(none).toEqual({ total: 0, rows: [] });
    const mine = await agent.db.call('policies.list', { actorId: agent.user.id, offset: 0, limit: 50, sort: { field: 'applicationDate', order: 'asc' }, filters: { agentId: agent.user.id, status: 'in_force' } });
    expect(mine.rows.map((r) => r.policyNumber)).toEqual(['P2026-000123']);
    const directory = await agent.db.call('staff.directory', { actorId: agent.user.id });
    expect(directory.staff.map((s) => s.displayName).sort()).toEqual(['李娜', '管理员', '赵敏'].sort());
    expect(Object.keys(directory.staff[0]!).sort()).toEqual(['branchId', 'displayName', 'id', 'role']);
    expect(directory.branches).toHaveLength(1);
  });
});
