import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivePaths, openArchive } from '../../electron/archive/archive.js';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { type Db, openDatabase } from '../../electron/db/connection.js';
import { indexCustomer, indexPage } from '../../electron/search/index.js';
import { searchArchive, type SearchResult } from '../../electron/search/query.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/roles.js';
import { searchResultSchema } from '../../shared/ipc/methods/search.js';
import { residentIdCheckChar } from '../../shared/validators/resident-id.js';
import { adminPassword, newArchive, rawDatabase, tempDir } from '../support/archive.js';

const at = '2026-01-15T08:00:00.000Z';
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

/** Sample records, inserted with SQL as the records service would store them. */
const ids = {
  zhangWei: '11010519491231002X', // the standard sample number; its check character is X
  zhangWeiHua: withCheck('31010419850612123'),
  wangZhangWei: withCheck('44030519900101456'),
  zhangWeiWei: withCheck('51010719770707789'),
  liNa: withCheck('33010619881111345'),
};

interface Fixture {
  dir: string;
  recoveryKey: string;
  branchId: string;
  agentA: string;
  agentB: string;
  complianceId: string;
  customers: Record<string, string>;
  documents: Record<string, string>;
}

function seed(db: Database.Database, dir: string, recoveryKey: string): Fixture {
  const branchId = db.prepare('SELECT id FROM branches').pluck().get() as string;
  const user = (username: string, role: Role) => {
    const id = uuidv7();
    db.prepare('INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, username, username, role, branchId, at);
    return id;
  };
  const agentA = user('agent-a', 'agent');
  const agentB = user('agent-b', 'agent');
  const complianceId = user('compliance', 'compliance');

  const customers: Record<string, string> = {};
  const customer = (key: string, c: { name: string; type?: string; idNumber?: string; creditCode?: string; mobile?: string; address?: string; agentId?: string }) => {
    const id = uuidv7();
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO customers (id, branch_id, type, name, id_type, id_number, id_number_rev, credit_code, mobile, address, agent_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id, branchId, c.type ?? 'individual', c.name, c.idNumber ? 'resident_id' : null, c.idNumber ?? null,
        c.idNumber ? [...c.idNumber].reverse().join('') : null, c.creditCode ?? null, c.mobile ?? null, c.address ?? null, c.agentId ?? null, at, at,
      );
    indexCustomer(db, lastInsertRowid, { name: c.name, address: c.address ?? null });
    customers[key] = id;
    return id;
  };
  customer('zhangWei', { name: '张伟', idNumber: ids.zhangWei, mobile: '13812345678', address: '北京市朝阳区建国路88号', agentId: agentA });
  customer('zhangWeiHua', { name: '张伟华', idNumber: ids.zhangWeiHua, mobile: '13987654321', address: '上海市徐汇区漕溪北路1号', agentId: agentB });
  customer('wangZhangWei', { name: '王张伟', idNumber: ids.wangZhangWei, mobile: '13812349999', address: '深圳市南山区科技园路6号', agentId: agentA });
  customer('zhangWeiWei', { name: '张卫', idNumber: ids.zhangWeiWei, mobile: '15011112222', address: '成都市武侯区人民南路3号', agentId: agentA });
  customer('liNa', { name: '李娜', idNumber: ids.liNa, mobile: '18600001111', address: '杭州市西湖区张家弄7号', agentId: agentB });
  customer('company', { name: '北京星辰科技有限公司', type: 'enterprise', creditCode: '91350100M000100Y43', address: '北京市海淀区中关村大街1号', agentId: agentB });

  const policy = (number: string, holder: string) => {
    const id = uuidv7();
    db.prepare(
      `INSERT INTO policies (id, branch_id, policy_number, product_name, product_line, sum_insured_fen, premium_fen, payment_frequency, application_date, status, created_at, updated_at)
       VALUES (?, ?, ?, '重大疾病保险', 'critical_illness', 50000000, 800000, 'annual', '2025-03-01', 'in_force', ?, ?)`,
    ).run(id, branchId, number, at, at);
    db.prepare("INSERT INTO policy_parties (policy_id, customer_id, role) VALUES (?, ?, 'policyholder')").run(id, holder);
    db.prepare("INSERT INTO policy_parties (policy_id, customer_id, role) VALUES (?, ?, 'insured')").run(id, holder);
  };
  policy('P2024000123', customers.liNa!);
  policy('P2024000456', customers.zhangWei!);
  policy('GS-2025-0007', customers.company!);

  const documents: Record<string, string> = {};
  let blobNo = 0;
  const document = (key: string, state: 'inbox' | 'filed' | 'destroyed', customerId: string | null, pages: string[]) => {
    const id = uuidv7();
    db.prepare("INSERT INTO documents (id, branch_id, customer_id, state, source, created_at) VALUES (?, ?, ?, ?, 'scanner', ?)").run(id, branchId, customerId, state, at);
    pages.forEach((text, i) => {
      // A page needs a stored blob; this one is never read, only its row must exist.
      const blobId = createHash('sha256').update(`blob ${blobNo++}`).digest('hex');
      db.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, 0, ?)').run(blobId, at);
      const { lastInsertRowid } = db
        .prepare('INSERT INTO pages (id, document_id, page_no, blob_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(uuidv7(), id, i + 1, blobId, text, at);
      indexPage(db, lastInsertRowid, text);
    });
    documents[key] = id;
  };
  document('claim', 'filed', customers.zhangWei!, [
    '理赔申请书\n申请人张伟，因急性阑尾炎住院治疗，现申请医疗费用理赔。身份证号码11010519491231002X，联系电话13812345678。',
    '保险合同ＡＢ１２３号附件：被保险人户籍所在地为北京市，保险⾦额五十万元。',
  ]);
  document('checkup', 'inbox', null, ['体检报告：血压正常，医生建议每年复查一次。']);
  document('destroyed', 'destroyed', customers.zhangWeiHua!, ['已销毁的投保单，含有独特词语琥珀色的猫。']);
  document('letter', 'filed', customers.liNa!, ['客户来函：关于保单P2024000123的受益人变更申请，请尽快处理。来电号码１３９８７６５４３２１。']);
  return { dir, recoveryKey, branchId, agentA, agentB, complianceId, customers, documents };
}

let fx: Fixture;
let db: Db;

beforeAll(async () => {
  const archive = await newArchive();
  await archive.session.close();
  const raw = rawDatabase(archivePaths(archive.dir).db, archive.recoveryKey);
  try {
    fx = raw.transaction(() => seed(raw, archive.dir, archive.recoveryKey))();
  } finally {
    raw.close();
  }
  const paths = archivePaths(fx.dir);
  db = openDatabase(paths.db, Buffer.from(fx.recoveryKey, 'hex'), { create: false, backupDir: paths.backups });
});

afterAll(() => db?.close());

const search = (query: string, options: Partial<Parameters<typeof searchArchive>[2]> = {}) => {
  const results = searchArchive(db, query, { viewerRole: 'agent', ...options });
  // Everything returned must pass the IPC contract's output schema.
  for (const result of results) searchResultSchema.parse(result);
  return results;
};
const customerNames = (results: SearchResult[]) => results.filter((r) => r.kind === 'customer').map((r) => r.name);
const customerOf = (results: SearchResult[], id: string) => results.find((r) => r.kind === 'customer' && r.customerId === id);
const pagesOf = (results: SearchResult[]) => results.filter((r) => r.kind === 'page');

describe('searchArchive: names', () => {
  it('finds a two-character name: the exact name first, then longer names starting with it, then names containing it', () => {
    const results = search('张伟');
    expect(customerNames(results)).toEqual(['张伟', '张伟华', '王张伟']);
    expect(results.filter((r) => r.kind === 'customer').every((r) => r.matchedBy === 'name')).toBe(true);
    expect(customerNames(results)).not.toContain('张卫');
  });

  it('finds a single surname with an agent filter', () => {
    const results = search('张', { filters: { agentId: fx.agentA } });
    // 张伟 and 张卫 start with it (name order), 王张伟 contains it; 张伟华 is agent B's; 李娜 has 张 only in her address.
    expect(customerNames(results)).toEqual(['张伟', '张卫', '王张伟']);
    expect(customerNames(search('张', { filters: { agentId: fx.agentB } }))).toEqual(['张伟华', '李娜']);
    expect(customerOf(search('张', { filters: { agentId: fx.agentB } }), fx.customers.liNa!)).toMatchObject({ matchedBy: 'address' });
  });

  it('applies the type and branch filters', () => {
    expect(customerNames(search('北京', { filters: { type: 'enterprise' } }))).toEqual(['北京星辰科技有限公司']);
    expect(customerNames(search('张伟', { filters: { branchId: fx.branchId } }))).toEqual(['张伟', '张伟华', '王张伟']);
    expect(search('张伟', { filters: { branchId: 'elsewhere' } })).toEqual([]);
  });

  it('finds customers by address after names', () => {
    const results = search('北京');
    expect(customerNames(results)).toEqual(['北京星辰科技有限公司', '张伟']);
    expect(customerOf(results, fx.customers.zhangWei!)).toMatchObject({ matchedBy: 'address', reason: { key: 'search.reason.address' } });
  });

  it('honours the limit', () => {
    expect(search('张', { limit: 2 })).toHaveLength(2);
    expect(search('张', { limit: 2 }).map((r) => r.kind === 'customer' && r.name)).toEqual(['张伟', '张伟华']);
  });
});

describe('searchArchive: identifiers', () => {
  it('finds a full resident ID, typed with spaces, hyphens, lower-case x or full-width digits', () => {
    for (const query of [ids.zhangWei, '110105 19491231 002x', '110105-19491231-002X', '１１０１０５１９４９１２３１００２Ｘ']) {
      const results = search(query);
      expect(results[0], query).toMatchObject({ kind: 'customer', name: '张伟', matchedBy: 'idNumber', idNumber: ids.zhangWei });
    }
  });

  it('finds the last 4, 5 and 6 characters of an ID number, including a final X', () => {
    for (const suffix of ['002X', '1002x', '31002X']) expect(search(suffix)[0], suffix).toMatchObject({ name: '张伟', matchedBy: 'idSuffix' });
    const li = ids.liNa;
    for (const n of [4, 5, 6]) {
      const results = search(li.slice(-n));
      expect(customerOf(results, fx.customers.liNa!), li.slice(-n)).toMatchObject({ matchedBy: 'idSuffix', reason: { key: 'search.reason.idSuffix', values: { value: li } } });
    }
    // Digits in the middle of a number are not a suffix.
    expect(customerOf(search(ids.zhangWei.slice(6, 10)), fx.customers.zhangWei!)).toBeUndefined();
  });

  it('finds a mobile exactly and by its first 7 or more digits', () => {
    expect(search('13812345678')).toMatchObject([{ name: '张伟', matchedBy: 'mobile', mobile: '13812345678' }]);
    expect(search('138 1234 5678')[0]).toMatchObject({ name: '张伟', matchedBy: 'mobile' });
    expect(customerNames(search('1381234'))).toEqual(['张伟', '王张伟']);
    expect(search('1381234').every((r) => r.kind === 'customer' && r.matchedBy === 'mobile')).toBe(true);
  });

  it('finds the policyholder by policy number, exactly or by prefix, in any case', () => {
    expect(search('P2024000123')[0]).toMatchObject({ kind: 'customer', name: '李娜', matchedBy: 'policyNumber', policyNumber: 'P2024000123' });
    expect(search('p2024000123')[0]).toMatchObject({ name: '李娜', matchedBy: 'policyNumber', reason: { values: { value: 'P2024000123' } } });
    const prefix = search('p2024');
    expect(customerNames(prefix).slice(0, 2)).toEqual(['李娜', '张伟']);
    expect(prefix.slice(0, 2).map((r) => r.kind === 'customer' && r.policyNumber)).toEqual(['P2024000123', 'P2024000456']);
    expect(search('gs-2025')[0]).toMatchObject({ name: '北京星辰科技有限公司', policyNumber: 'GS-2025-0007' });
  });

  it('puts exact identifier matches before names and pages', () => {
    // The policy number also occurs in the text of a letter: the policyholder comes first, then the page.
    const results = search('P2024000123');
    expect(results.map((r) => r.matchedBy)).toEqual(['policyNumber', 'pageText']);
    expect(results[1]).toMatchObject({ kind: 'page', documentId: fx.documents.letter, snippet: { hit: 'P2024000123' } });
  });
});

describe('searchArchive: page text', () => {
  it('finds a one-character word', () => {
    const pages = pagesOf(search('医'));
    expect(pages.map((p) => p.documentId).sort()).toEqual([fx.documents.claim, fx.documents.checkup].sort());
    const checkup = pages.find((p) => p.documentId === fx.documents.checkup)!;
    expect(checkup).toMatchObject({ pageNo: 1, customerId: null, customerName: null, matchedBy: 'pageText', snippet: { before: '体检报告：血压正常，', hit: '医', after: '生建议每年复查一次。' } });
  });

  it('finds a two-character word and names the document, page and customer', () => {
    const pages = pagesOf(search('理赔'));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ documentId: fx.documents.claim, pageNo: 1, customerId: fx.customers.zhangWei, customerName: '张伟', reason: { key: 'search.reason.pageText', values: { page: 1 } } });
    // The first occurrence, line breaks shown as spaces.
    expect(pages[0]!.kind === 'page' && pages[0]!.snippet).toEqual({ before: '', hit: '理赔', after: '申请书 申请人张伟，因急性阑尾炎住院治疗…' });
  });

  it('finds phrases of three and more characters, and only where they occur as written', () => {
    expect(pagesOf(search('阑尾炎')).map((p) => p.documentId)).toEqual([fx.documents.claim]);
    expect(pagesOf(search('急性阑尾炎住院'))).toHaveLength(1);
    expect(pagesOf(search('阑尾住院'))).toEqual([]);
    expect(pagesOf(search('阑尾炎 复查'))).toEqual([]);
  });

  it('filters pages by the document customer', () => {
    expect(pagesOf(search('医', { filters: { agentId: fx.agentA } })).map((p) => p.documentId)).toEqual([fx.documents.claim]);
    expect(pagesOf(search('医', { filters: { agentId: fx.agentB } }))).toEqual([]);
  });

  it('does not find destroyed documents', () => {
    expect(search('琥珀色')).toEqual([]);
    expect(search('投保单')).toEqual([]);
  });

  it('folds full-width and compatibility forms in the query and in the text', () => {
    const fullWidth = pagesOf(search('ＡＢ１２３'));
    expect(fullWidth).toHaveLength(1);
    expect(fullWidth[0]).toMatchObject({ documentId: fx.documents.claim, pageNo: 2 });
    // The hit is cut from the original text, so it shows what the page says.
    expect(fullWidth[0]!.kind === 'page' && fullWidth[0]!.snippet).toMatchObject({ before: '保险合同', hit: 'ＡＢ１２３' });
    expect(pagesOf(search('ab123'))).toHaveLength(1);
    // ⾦ (U+2FA6, KANGXI RADICAL GOLD, as PDF text has it) is 金.
    const gold = pagesOf(search('金额'));
    expect(gold).toHaveLength(1);
    expect(gold[0]!.kind === 'page' && gold[0]!.snippet.hit).toBe('⾦额');
    expect(pagesOf(search('⾦额'))).toHaveLength(1);
  });
});

describe('searchArchive: masking', () => {
  it('shows identifiers to agents and masks them for compliance, in the reason too', () => {
    const agent = search(ids.zhangWei, { viewerRole: 'agent' })[0]!;
    expect(agent).toMatchObject({ idNumber: ids.zhangWei, mobile: '13812345678', reason: { values: { value: ids.zhangWei } } });
    const compliance = search(ids.zhangWei, { viewerRole: 'compliance' })[0]!;
    expect(compliance).toMatchObject({ name: '张伟', idNumber: '110105********002X', mobile: '138****5678', reason: { key: 'search.reason.idNumber', values: { value: '110105********002X' } } });
    expect(JSON.stringify(search('002X', { viewerRole: 'compliance' }))).not.toContain(ids.zhangWei);
    expect(JSON.stringify(search('13812345678', { viewerRole: 'compliance' }))).not.toContain('13812345678');
    expect(search('北京星辰', { viewerRole: 'supervisor' })[0]).toMatchObject({ creditCode: '9135**********0Y43' });
    expect(search('北京星辰', { viewerRole: 'archivist' })[0]).toMatchObject({ creditCode: '91350100M000100Y43' });
  });

  it('masks identifiers in page snippets for masked roles', () => {
    const query = '身份证号码';
    const agent = pagesOf(search(query, { viewerRole: 'agent' }))[0]!;
    expect(agent.kind === 'page' && agent.snippet.after).toContain('11010519491231002X');
    const compliance = pagesOf(search(query, { viewerRole: 'compliance' }))[0]!;
    expect(compliance.kind === 'page' && compliance.snippet.after).toContain('110105********002X');
    expect(JSON.stringify(search('联系电话', { viewerRole: 'compliance' }))).not.toContain('13812345678');
    expect(JSON.stringify(search('联系电话', { viewerRole: 'compliance' }))).toContain('138****5678');
    // Full-width digits, as OCR reads some forms, are masked alike.
    const letter = pagesOf(search('来电号码', { viewerRole: 'compliance' }))[0]!;
    expect(letter.kind === 'page' && letter.snippet.after).toBe('１３９****４３２１。');
    const letterForAgent = pagesOf(search('来电号码', { viewerRole: 'agent' }))[0]!;
    expect(letterForAgent.kind === 'page' && letterForAgent.snippet.after).toBe('１３９８７６５４３２１。');
  });
});

describe('searchArchive: odd input', () => {
  it('returns nothing for punctuation only or blanks', () => {
    for (const query of ['', '   ', '！？。，', '"', '*', '()', '-', '——', '……']) expect(search(query), JSON.stringify(query)).toEqual([]);
  });

  it('never lets FTS5 syntax through', () => {
    const queries = ['"', '张伟"', '"张伟', '张*', '*张', '(张伟', '张伟)', 'NEAR(张 伟)', '张 OR 李', 'AND', 'OR', 'NOT 张', '张 NOT 伟', '^张', 'name:张', '{name}:张', '张 + 伟', "张'伟", '张伟 -', 'a"b', '\\', '%_'];
    for (const query of queries) expect(() => search(query), query).not.toThrow();
    expect(customerNames(search('"张伟"'))).toEqual(['张伟', '张伟华', '王张伟']);
    expect(customerNames(search('张 OR 李'))).toEqual([]);
  });

  it('accepts long input', () => {
    expect(() => search('张'.repeat(500))).not.toThrow();
    expect(() => search('1'.repeat(500))).not.toThrow();
  });
});

describe('search through the database worker and the CLI', () => {
  it('runs search.query for the acting user, masked by their role', async () => {
    const session = await openArchive(fx.dir, 'admin', adminPassword);
    try {
      const before = await session.db.call('audit.verify');
      const asAgent = await session.db.call('search.query', { actorId: fx.agentA, query: '张', filters: { agentId: fx.agentA } });
      expect(customerNames(asAgent)).toEqual(['张伟', '张卫', '王张伟']);
      expect(asAgent[0]).toMatchObject({ idNumber: ids.zhangWei });
      const asCompliance = await session.db.call('search.query', { actorId: fx.complianceId, query: '002X' });
      expect(asCompliance[0]).toMatchObject({ name: '张伟', idNumber: '110105********002X' });
      const asAdmin = await session.db.call('search.query', { actorId: session.user.id, query: 'P2024', limit: 1 });
      expect(asAdmin).toHaveLength(1);
      await expect(session.db.call('search.query', { actorId: uuidv7(), query: '张' })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
      // Searching writes nothing to the audit log.
      expect((await session.db.call('audit.verify')).entries).toBe(before.entries);
    } finally {
      await session.close();
    }
  });

  it('searches from the command line, as JSON and as lines in the user language', async () => {
    const work = tempDir();
    const passwordFile = join(work, 'password.txt');
    writeFileSync(passwordFile, `${adminPassword}\n`);
    const cli = async (args: string[], lang = 'en_US.UTF-8') => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { LANG: lang }, readStdin: async () => '' };
      const code = await runCli(args, io);
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const base = ['--data', fx.dir, '--user', 'admin', '--password-file', passwordFile];
    const json = await cli(['search', '张伟', ...base, '--json']);
    expect(json.code).toBe(0);
    const found = JSON.parse(json.out) as SearchResult[];
    expect(customerNames(found)).toEqual(['张伟', '张伟华', '王张伟']);
    // The claim form names 张伟 too: page hits follow the customers.
    expect(found.slice(3).map((r) => r.kind === 'page' && r.documentId)).toEqual([fx.documents.claim]);
    // The administrator sees identifiers masked, in the list and in the reason.
    const lines = await cli(['search', '110105', '19491231', '002X', ...base], 'zh_CN.UTF-8');
    expect(lines.code).toBe(0);
    expect(lines.out).toBe('客户  张伟  110105********002X  138****5678  证件号码 110105********002X');
    const page = await cli(['search', '理赔', ...base, '--type', 'individual', '--limit', '5']);
    expect(page.out).toBe('Page  张伟  «理赔»申请书 申请人张伟，因急性阑尾炎住院治疗…  Text on page 1');
    expect((await cli(['search', '琥珀色', ...base])).out).toBe('Nothing found.');
    expect(await cli(['search', ...base])).toMatchObject({ code: 2, err: expect.stringContaining('dossier search') });
    expect(await cli(['search', '张', ...base, '--type', 'person'])).toMatchObject({ code: 2, err: expect.stringContaining('--type') });
    expect(await cli(['search', '张', ...base, '--limit', '0'])).toMatchObject({ code: 2, err: expect.stringContaining('--limit') });
    expect((await cli(['help'])).out).toContain('search');
  });
});
