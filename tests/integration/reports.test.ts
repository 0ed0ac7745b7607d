import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type ArchiveSession, openArchive } from '../../electron/archive/archive.js';
import type { User } from '../../electron/archive/users.js';
import { createAppContext } from '../../electron/app-context.js';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { translator } from '../../electron/i18n.js';
import { IngestRuntime } from '../../electron/ingest/runtime.js';
import { EventHub } from '../../electron/ipc/router.js';
import { addMonths, localToday } from '../../electron/records/due-dates.js';
import { reportFile } from '../../electron/reports/output.js';
import { chromiumPrinter } from '../../electron/reports/pdf.js';
import { TaskTracker } from '../../electron/services/tasks.js';
import { openDatabase } from '../../electron/db/connection.js';
import type { Language } from '../../shared/i18n/languages.js';
import type { ReportResult } from '../../shared/ipc/methods/reports.js';
import { reportHtml } from '../../shared/reports/print-html.js';
import { newArchive, tempDir } from '../support/archive.js';
import { pdfPagesText } from '../support/pdf-text.js';
import { applicationForm, blankScan, healthDeclaration, scanForm, textPdf } from '../support/scans.js';

/*
 * The reports against an archive built from known data:
 *
 * customers (all created by the administrator, agents assigned):
 *   张伟   individual, agent 李娜, every field; id copy and consent filed from the inbox → 100 %
 *   刘洋   individual, agent 李娜, high value, no address or occupation; id copy filed at 150 dpi (poor),
 *          consent missing → 3 of 7 items → 43 %, 1 missing document, 2 field problems, 1 poor page
 *   华信   enterprise, agent 王强; business licence missing → 3 of 4 → 75 %
 *   陈晨   individual, agent 王强, every field, no documents → 5 of 7 → 71 %
 * due dates (3 months for others, 1 month for high value, from the last verification):
 *   张伟 verified 2026-01-10 → due 2026-04-10, overdue; 陈晨 verified 2025-06-01 → due 2025-09-01,
 *   overdue; 刘洋 (high value) verified so that the due date is 5 days ahead; 华信 never verified,
 *   created today → due in 3 months, not listed.
 * one batch through the real ingest pipeline (OCR off, so every file waits in the inbox), by the
 * archivist: 300 dpi ×2, 150 dpi ×1, a blank sheet, a text PDF and a file that is not an image.
 */

const passwords = { agent: 'agent-password-1', agent2: 'agent-password-2', compliance: 'compliance-password', archivist: 'archivist-password' };
const ids = { zhang: '11010519491231002X', liu: '110105198001010016', chen: '440305199002020021' };
const creditCode = '91350100M000100Y43';

let dir: string;
let admin: ArchiveSession;
/** One browser for the PDFs of this file, as the app keeps one. */
const printer = chromiumPrinter();
const users: Record<string, User> = {};
const customers: Record<string, string> = {};
let batchId: string;

/** A resident ID with a valid check character. */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

async function as(username: keyof typeof passwords) {
  return openArchive(dir, username, passwords[username]);
}

function run(session: ArchiveSession, reportId: string, parameters: Record<string, unknown> = {}, language: Language = 'zh-CN'): Promise<ReportResult> {
  return session.db.call('reports.run', { actorId: session.user.id, reportId: reportId as ReportResult['id'], parameters, language, action: 'generate' }) as Promise<ReportResult>;
}

beforeAll(async () => {
  ids.liu = residentId('11010519800101001');
  ids.chen = residentId('44030519900202002');
  const created = await newArchive();
  dir = created.dir;
  admin = created.session;
  users.agent = await addUser(admin, { username: 'agent', displayName: '李娜', role: 'agent', password: passwords.agent });
  users.agent2 = await addUser(admin, { username: 'agent2', displayName: '王强', role: 'agent', password: passwords.agent2 });
  users.compliance = await addUser(admin, { username: 'compliance', displayName: '赵敏', role: 'compliance', password: passwords.compliance });
  users.archivist = await addUser(admin, { username: 'archivist', displayName: '陈静', role: 'archivist', password: passwords.archivist });

  const liuDue = localToday(new Date(Date.now() + 5 * 86_400_000));
  // 1 month before the due date (days 1–28 only, so no month-end clamping).
  const liuVerified = liuDue.slice(8) > '28' ? null : addMonths(liuDue, -1);
  const create = async (key: string, customer: Record<string, unknown>) => {
    const view = await admin.db.call('customers.create', { actorId: admin.user.id, customer });
    customers[key] = view.id;
  };
  await create('zhang', { type: 'individual', name: '张伟', idNumber: ids.zhang, mobile: '13812345678', address: '北京市朝阳区建国路1号', occupation: '教师', agentId: users.agent!.id, lastVerifiedAt: '2026-01-10', valueLevel: 'medium' });
  await create('liu', { type: 'individual', name: '刘洋', idNumber: ids.liu, mobile: '13912345678', agentId: users.agent!.id, valueLevel: 'high', ...(liuVerified ? { lastVerifiedAt: liuVerified } : {}) });
  await create('huaxin', { type: 'enterprise', name: '华信科技有限公司', creditCode, landline: '010-87654321', address: '北京市海淀区中关村大街2号', agentId: users.agent2!.id });
  await create('chen', { type: 'individual', name: '陈晨', idNumber: ids.chen, mobile: '13712345678', address: '广东省深圳市南山区科技园路3号', occupation: '工程师', agentId: users.agent2!.id, lastVerifiedAt: '2025-06-01' });

  // The batch, through the pipeline as `dossier import` runs it.
  const folder = join(tempDir(), 'scan');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a-id.jpg'), await scanForm(applicationForm({ name: '张伟', idNumber: ids.zhang }), { dpi: 300 }));
  writeFileSync(join(folder, 'b-consent.jpg'), await scanForm(healthDeclaration({ name: '张伟', idNumber: ids.zhang }), { dpi: 300, seed: 2 }));
  writeFileSync(join(folder, 'c-low.jpg'), await scanForm(applicationForm({ name: '刘洋', idNumber: ids.liu }), { dpi: 150, seed: 3 }));
  writeFileSync(join(folder, 'd-blank.jpg'), await blankScan({ dpi: 300 }));
  writeFileSync(join(folder, 'e-notes.png'), 'not an image at all');
  writeFileSync(join(folder, 'f-text.pdf'), await textPdf([['Insurance notice', 'Policy terms explained']]));
  const archivist = await as('archivist');
  const runtime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), { ocr: 'off' });
  try {
    await runtime.opened(archivist);
    const started = await runtime.importPaths(['a-id.jpg', 'b-consent.jpg', 'c-low.jpg', 'd-blank.jpg', 'e-notes.png', 'f-text.pdf'].map((f) => join(folder, f)), '2026-11 柜台扫描');
    batchId = started.batchId;
    await started.acknowledged;
    await runtime.current().idle();
    const files = await archivist.db.call('ingest.files', { actorId: archivist.user.id, batchId });
    const doc = (name: string) => files.find((f) => f.fileName === name)!.documents[0]!.documentId;
    const types = await archivist.db.call('documentTypes.list', { actorId: archivist.user.id });
    const type = (code: string) => types.find((t: { code: string }) => t.code === code)!.id;
    const file = (documentId: string, customerId: string, code: string) =>
      archivist.db.call('inbox.confirm', { actorId: archivist.user.id, documentId, customerId, policyId: null, documentTypeId: type(code) });
    await file(doc('a-id.jpg'), customers.zhang!, 'id_copy');
    await file(doc('b-consent.jpg'), customers.zhang!, 'pi_consent');
    await file(doc('c-low.jpg'), customers.liu!, 'id_copy');
  } finally {
    await runtime.dispose();
    await archivist.close();
  }

  // Known accesses: compliance opens 张伟's file; the agent prints 张伟's id copy.
  const compliance = await as('compliance');
  await compliance.db.call('customers.get', { actorId: compliance.user.id, id: customers.zhang! });
  await compliance.close();
  const agent = await as('agent');
  const docs = await agent.db.call('documents.forCustomer', { actorId: agent.user.id, customerId: customers.zhang! });
  await agent.db.call('documents.recordPrint', { actorId: agent.user.id, documentId: docs[0]!.documentId });
  await agent.close();
}, 240_000);

afterAll(async () => {
  await printer.close();
  await admin?.close();
});

describe('report: file completeness', () => {
  it('counts missing documents, field problems, poor pages and the rates the known data gives', async () => {
    const compliance = await as('compliance');
    try {
      const result = await run(compliance, 'completeness');
      const figure = (key: string) => result.summary.find((f) => f.key === key)?.value;
      expect(figure('customers')).toBe(4);
      expect(figure('completeFiles')).toBe(1);
      expect(figure('completenessRate')).toBe(0.25);
      expect(figure('averageCompleteness')).toBeCloseTo((100 + 43 + 75 + 71) / 400, 6);
      expect(figure('missingDocuments')).toBe(4);
      expect(figure('fieldIssues')).toBe(2);
      expect(figure('lowQualityPages')).toBe(1);

      const byName = Object.fromEntries(result.rows.map((r) => [r.customer, r]));
      expect(Object.keys(byName).sort()).toEqual(['刘洋', '华信科技有限公司', '陈晨'].sort());
      expect(byName['刘洋']).toMatchObject({ completeness: 0.43, missingCount: 1, fieldIssueCount: 2, lowQualityPages: 1, agent: '李娜' });
      expect(byName['刘洋']!.missingDocuments).toContain('个人信息处理授权书'.slice(0, 2));
      expect(byName['刘洋']!.missingDocuments).toContain('扫描质量差');
      expect(byName['刘洋']!.fieldIssues).toBe('地址缺失；职业缺失');
      expect(byName['华信科技有限公司']).toMatchObject({ completeness: 0.75, missingCount: 1, fieldIssueCount: 0, lowQualityPages: 0, agent: '王强' });
      expect(byName['陈晨']).toMatchObject({ completeness: 0.71, missingCount: 2, fieldIssueCount: 0 });

      const agents = Object.fromEntries(result.groups[0]!.rows.map((r) => [r.agent, r]));
      expect(agents['李娜']).toMatchObject({ customers: 2, completeFiles: 1, completenessRate: 0.5, missingCount: 1, fieldIssueCount: 2, lowQualityPages: 1 });
      expect(agents['王强']).toMatchObject({ customers: 2, completeFiles: 0, completenessRate: 0, missingCount: 3 });
      expect(result.groups[1]!.rows).toEqual([expect.objectContaining({ branch: '北京朝阳支公司', customers: 4, completeFiles: 1, completenessRate: 0.25 })]);

      // Masked for compliance: the ID number keeps its region and last four characters only.
      expect(byName['刘洋']!.idNumber).toBe(`110105********${ids.liu.slice(-4)}`);
      expect(byName['华信科技有限公司']!.idNumber).toBe('9135**********0Y43');
      expect(JSON.stringify(result)).not.toContain(ids.liu);
    } finally {
      await compliance.close();
    }
  });

  it('agrees with the per-customer checklist of the records screens', async () => {
    const compliance = await as('compliance');
    try {
      const result = await run(compliance, 'completeness');
      const rows = new Map(result.rows.map((r) => [r.customerId, r]));
      for (const [name, id] of Object.entries(customers)) {
        const { percent, items } = await admin.db.call('completeness.customer', { actorId: admin.user.id, customerId: id });
        if (name === 'zhang') {
          expect(percent).toBe(100);
          continue;
        }
        const row = rows.get(id)!;
        expect(row.completeness).toBe(percent / 100);
        expect(row.missingCount).toBe(items.filter((i) => i.kind === 'document' && i.state === 'missing').length);
        expect(row.fieldIssueCount).toBe(items.filter((i) => i.kind === 'field' && i.state !== 'present').length);
        // One entry per open item in the row's lists (a policy's paper names its policy number).
        const listed = `${String(row.missingDocuments)}；${String(row.fieldIssues)}`.split('；').filter(Boolean);
        expect(listed).toHaveLength(items.filter((i) => i.state !== 'present').length);
      }
    } finally {
      await compliance.close();
    }
  });

  it('scopes an agent to their own customers, unmasked, and refuses another agent\'s', async () => {
    const agent = await as('agent');
    try {
      const result = await run(agent, 'completeness');
      expect(result.summary.find((f) => f.key === 'customers')?.value).toBe(2);
      expect(result.rows.map((r) => r.customer)).toEqual(['刘洋']);
      expect(result.rows[0]!.idNumber).toBe(ids.liu);
      await expect(run(agent, 'completeness', { agentId: users.agent2!.id })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
      await expect(run(agent, 'accessAudit')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    } finally {
      await agent.close();
    }
  });

  it('filters by customer type and agent', async () => {
    const compliance = await as('compliance');
    try {
      const enterprises = await run(compliance, 'completeness', { customerType: 'enterprise' });
      expect(enterprises.rows.map((r) => r.customer)).toEqual(['华信科技有限公司']);
      expect(enterprises.scope.customerType).toBe('企业');
      const wang = await run(compliance, 'completeness', { agentId: users.agent2!.id });
      expect(wang.summary.find((f) => f.key === 'customers')?.value).toBe(2);
      expect(wang.scope.agentId).toBe('王强');
    } finally {
      await compliance.close();
    }
  });
});

describe('report: update timeliness', () => {
  it('lists the due and overdue customers with their days overdue and the timeliness rate', async () => {
    const supervisorless = await as('compliance');
    try {
      const result = await run(supervisorless, 'timeliness');
      const today = localToday();
      const days = (due: string) => Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
      expect(result.rows.map((r) => [r.customer, r.nextUpdateDue, r.daysOverdue, r.agent])).toEqual([
        ['陈晨', '2025-09-01', days('2025-09-01'), '王强'],
        ['张伟', '2026-04-10', days('2026-04-10'), '李娜'],
        ...(result.rows.length === 3 ? [['刘洋', result.rows[2]!.nextUpdateDue, -5, '李娜']] : []),
      ]);
      expect(result.rows.length).toBe(3);
      expect(result.rows[0]!.lastVerifiedAt).toBe('2025-06-01');
      const figure = (key: string) => result.summary.find((f) => f.key === key)?.value;
      expect(figure('customers')).toBe(4);
      expect(figure('overdue')).toBe(2);
      expect(figure('dueSoon')).toBe(1);
      expect(figure('timelinessRate')).toBe(0.5);
      expect(result.rows[1]!.phone).toBe('138****5678');
    } finally {
      await supervisorless.close();
    }
  });
});

describe('report: digitisation batches', () => {
  it('counts the files, pages, low-resolution and blank pages and the refusal with its reason', async () => {
    const compliance = await as('compliance');
    try {
      const result = await run(compliance, 'batches', {}, 'en');
      expect(result.rows).toHaveLength(1);
      const row = result.rows[0]!;
      expect(row).toMatchObject({ batch: '2026-11 柜台扫描', source: 'Imported files', operator: '陈静', files: 6, pages: 5, lowDpiPages: 1, blankPages: 1, rejectedFiles: 1 });
      expect(row.rejections).toBe('e-notes.png: This is not a PDF, TIFF, JPEG or PNG file.');
      expect(row.ocrStatus).toMatch(/skipped 5/);
      // An agent ran no batch: they see none.
      const agent = await as('agent');
      expect((await run(agent, 'batches')).rows).toEqual([]);
      await agent.close();
    } finally {
      await compliance.close();
    }
  });
});

describe('report: access audit', () => {
  it('lists views, prints and changes of a customer\'s file, by customer and by user, with the chain verified', async () => {
    const compliance = await as('compliance');
    try {
      const zhang = await run(compliance, 'accessAudit', { customerId: customers.zhang! }, 'en');
      expect(zhang.rows.map((r) => [r.user, r.actionClass, r.action])).toEqual([
        ['管理员', 'Change', 'customer.create'],
        // The two scans filed to 张伟 were made in the inbox first, then filed.
        ['陈静', 'Change', 'document.inbox'],
        ['陈静', 'Change', 'document.inbox'],
        ['陈静', 'Change', 'document.file'],
        ['陈静', 'Change', 'document.file'],
        ['赵敏', 'View', 'customer.view'],
        ['李娜', 'Print', 'document.print'],
      ]);
      expect(zhang.rows[0]!.object).toBe('Customer 张伟');
      expect(zhang.rows[6]!.object).toMatch(/^Document .+ of 张伟$/);
      expect(zhang.auditChain).toMatchObject({ ok: true });
      expect(zhang.summary.find((f) => f.key === 'views')?.value).toBe(1);
      expect(zhang.summary.find((f) => f.key === 'prints')?.value).toBe(1);
      expect(zhang.summary.find((f) => f.key === 'changes')?.value).toBe(5);

      const byAgent = await run(compliance, 'accessAudit', { userId: users.agent!.id }, 'en');
      expect(byAgent.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['document.print']));
      expect(byAgent.rows.every((r) => r.user === '李娜')).toBe(true);
    } finally {
      await compliance.close();
    }
  });

  it('records generate, print and export in the audit log with the parameters', async () => {
    const compliance = await as('compliance');
    try {
      await run(compliance, 'timeliness', { customerType: 'individual' });
      await compliance.db.call('reports.run', { actorId: compliance.user.id, reportId: 'timeliness', parameters: { customerType: 'individual' }, language: 'en', action: 'print' });
      await compliance.db.call('reports.run', { actorId: compliance.user.id, reportId: 'timeliness', parameters: { customerType: 'individual' }, language: 'en', action: 'export', format: 'xlsx' });
      const audit = await run(compliance, 'accessAudit', { userId: users.compliance!.id }, 'en');
      const last = audit.rows.slice(-3);
      expect(last.map((r) => [r.actionClass, r.action])).toEqual([
        ['View', 'report.generate'],
        ['Print', 'report.print'],
        ['Export', 'report.export'],
      ]);
      expect(last[2]!.object).toBe('Report: Update timeliness (XLSX)');
      const db = openDatabase(join(dir, 'archive.db'), Buffer.from(compliance.key), { create: false, backupDir: join(dir, 'backups') });
      try {
        const details = (db.prepare("SELECT details FROM audit_log WHERE action = 'report.export' ORDER BY seq DESC LIMIT 1").pluck().get() as string);
        expect(JSON.parse(details)).toEqual({ reportId: 'timeliness', parameters: { customerType: 'individual' }, rows: 3, format: 'xlsx' });
      } finally {
        db.close();
      }
    } finally {
      await compliance.close();
    }
  });
});

describe('report outputs', () => {
  it('XLSX: typed cells, frozen heading, auto filter, masked for compliance; read back with exceljs', async () => {
    const compliance = await as('compliance');
    try {
      const result = await run(compliance, 'completeness');
      const { bytes, name } = await reportFile(result, 'xlsx', translator('zh-CN'), 'zh-CN', printer.print);
      expect(name).toMatch(/^档案完整性报告-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('客户');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      // Widths from the definition: the missing-documents column is the widest.
      const widths = sheet.columns.map((column) => column.width ?? 0);
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(8);
      expect(widths[4]).toBe(Math.max(...widths));
      const headings = (sheet.getRow(1).values as unknown[]).slice(1);
      const col = (label: string) => headings.indexOf(label) + 1;
      const liu = [2, 3, 4].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === '刘洋')!;
      expect(liu.getCell(col('完整度')).value).toBe(0.43);
      expect(liu.getCell(col('完整度')).numFmt).toBe('0.0%');
      expect(liu.getCell(col('缺失资料数')).value).toBe(1);
      expect(liu.getCell(col('证件号码／信用代码')).value).toBe(`110105********${ids.liu.slice(-4)}`);
      const about = book.worksheets[1]!;
      expect(about.getRow(1).getCell(1).value).toBe('档案完整性报告');
      const rate = about.getColumn(1).values.indexOf('档案完整率');
      expect(about.getRow(rate).getCell(2).value).toBe(0.25);
      expect(book.worksheets.map((w) => w.name)).toEqual(['档案完整性报告', '报告说明', '按业务员汇总', '按机构汇总']);
      expect(bytes.includes(Buffer.from(ids.liu))).toBe(false);

      const timeliness = await reportFile(await run(compliance, 'timeliness'), 'xlsx', translator('zh-CN'), 'zh-CN', printer.print);
      const book2 = new ExcelJS.Workbook();
      await book2.xlsx.load(timeliness.bytes as unknown as ArrayBuffer);
      const due = book2.worksheets[0]!.getRow(2).getCell(7).value;
      expect(due).toBeInstanceOf(Date);
      expect((due as Date).toISOString().slice(0, 10)).toBe('2025-09-01');
      expect(typeof book2.worksheets[0]!.getRow(2).getCell(8).value).toBe('number');
    } finally {
      await compliance.close();
    }
  });

  it('CSV: UTF-8 with a BOM, RFC 4180 quoting, Chinese round-trips, formulas neutralised (also in XLSX), masked', async () => {
    const compliance = await as('compliance');
    try {
      const result = await run(compliance, 'completeness');
      result.rows.push({ customer: '=HYPERLINK("http://x","点我")', customerType: '个人', idNumber: '-1+1', agent: '@SUM(A1)', missingDocuments: 'a,b\n"c"', missingCount: -3, fieldIssues: '+1', fieldIssueCount: 0, lowQualityPages: 0, completeness: 0.5 });
      result.rows.push({ customer: '\t=1+2', customerType: '个人', idNumber: null, agent: '\r@x', missingDocuments: '', missingCount: 0, fieldIssues: '', fieldIssueCount: 0, lowQualityPages: 0, completeness: 0.5 });
      const { bytes } = await reportFile(result, 'csv', translator('zh-CN'), 'zh-CN', printer.print);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('客户,类型,证件号码／信用代码,业务员,缺失或质量不合格的资料,缺失资料数,信息问题,信息问题数,扫描质量不合格页数,完整度');
      expect(text).toContain('刘洋,个人,110105********');
      expect(text).not.toContain(ids.liu);
      const hostile = lines.find((l) => l.includes('HYPERLINK'))!;
      expect(hostile).toBe(`"'=HYPERLINK(""http://x"",""点我"")",个人,'-1+1,'@SUM(A1),"a,b\n""c""",-3,'+1,0,0,50.0%`);
      // A leading tab or carriage return is guarded too (spreadsheets skip them and run the rest).
      expect(text).toContain(`'\t=1+2,个人,,"'\r@x",,0,,0,0,50.0%`);

      // In XLSX the same text stays text: a string cell, never a formula.
      const xlsx = await reportFile(result, 'xlsx', translator('zh-CN'), 'zh-CN', printer.print);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const cells = book.worksheets[0]!.getColumn(1).values.filter((v) => typeof v === 'string' && /HYPERLINK|=1\+2/.test(v));
      expect(cells).toEqual(['=HYPERLINK("http://x","点我")', '\t=1+2']);
      book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    } finally {
      await compliance.close();
    }
  });

  it.each([
    ['zh-CN', '档案完整性报告', '档案完整率', '第 1 页,共 1 页'],
    ['zh-TW', '檔案完整性報告', '檔案完整率', '第 1 頁,共 1 頁'],
    ['en', 'File completeness', 'Completeness rate', 'Page 1 of 1'],
  ] as const)('PDF in %s: title, totals, page numbers and masking read back with pdfjs', async (language, title, rateLabel, pageOf) => {
    const compliance = await as('compliance');
    try {
      const result = await run(compliance, 'completeness', {}, language);
      const { bytes } = await reportFile(result, 'pdf', translator(language), language, printer.print);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await pdfPagesText(bytes)).join('\n');
      expect(text).toContain(title);
      expect(text).toContain(rateLabel);
      expect(text).toContain('25.0%');
      expect(text).toContain('72.3%');
      expect(text).toContain(pageOf);
      expect(text).toContain('刘洋');
      expect(text).toContain(`110105********${ids.liu.slice(-4)}`);
      expect(text).not.toContain(ids.liu);
    } finally {
      await compliance.close();
    }
  }, 60_000);

  it('the printable HTML repeats headings, keeps rows whole, and is a complete document', async () => {
    const compliance = await as('compliance');
    try {
      const html = reportHtml(await run(compliance, 'accessAudit'), translator('zh-CN'), 'zh-CN');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('thead { display: table-header-group; }');
      expect(html).toContain('tr { break-inside: avoid;');
      expect(html).toContain('size: A4');
      expect(html).toContain('审计链校验通过');
      expect(html).toContain('counter(pages)');
      expect(html).toContain('机密');
    } finally {
      await compliance.close();
    }
  });
});

describe('dossier report', () => {
  async function cli(args: string[], lang = 'en_US.UTF-8') {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: { LANG: lang }, readStdin: async () => '' };
    const code = await runCli(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists the reports and writes one as XLSX, masked for the user, recorded as an export', async () => {
    const list = await cli(['report', '--list']);
    expect(list.code).toBe(0);
    expect(list.out.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['completeness', 'timeliness', 'batches', 'accessAudit']);
    expect(list.out).toContain('Update timeliness');

    const work = tempDir();
    const passwordFile = join(work, 'password');
    writeFileSync(passwordFile, `${passwords.compliance}\n`);
    const out = join(work, 'due.xlsx');
    const made = await cli(['report', 'timeliness', '--data', dir, '--user', 'compliance', '--password-file', passwordFile, '--type', 'individual', '--out', out], 'zh_CN.UTF-8');
    expect(made).toMatchObject({ code: 0, err: '' });
    expect(made.out).toBe(`信息更新及时性报告：3 行已写入 ${out}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('陈晨');
    expect(sheet.getRow(2).getCell(3).value).toBe(`440305********${ids.chen.slice(-4)}`);

    // --branch and --agent by name: the branch's name, an agent's user name in any case or display name.
    for (const [agent, file] of [['AGENT2', 'wang.csv'], ['王强', 'wang2.csv']] as const) {
      const named = await cli(['report', 'completeness', '--data', dir, '--user', 'compliance', '--password-file', passwordFile, '--branch', '北京朝阳支公司', '--agent', agent, '--out', join(work, file)]);
      expect(named).toMatchObject({ code: 0, err: '' });
      expect(readFileSync(join(work, file), 'utf8')).toContain('华信科技有限公司');
      expect(readFileSync(join(work, file), 'utf8')).not.toContain('刘洋');
    }
    const unknown = await cli(['report', 'completeness', '--data', dir, '--user', 'compliance', '--password-file', passwordFile, '--agent', 'nobody', '--out', join(work, 'none.csv')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('There is no such agent in this archive.');
    expect(existsSync(join(work, 'none.csv'))).toBe(false);

    expect((await cli(['report', 'nonsense', '--out', join(work, 'x.pdf')])).code).toBe(2);
    expect((await cli(['report', 'timeliness', '--data', dir, '--user', 'compliance', '--password-file', passwordFile, '--out', join(work, 'x.doc')])).code).toBe(2);
    expect((await cli(['report', 'timeliness', '--data', dir, '--user', 'compliance', '--password-file', passwordFile, '--from', '2026-13-01', '--out', out])).code).toBe(2);
  }, 60_000);
});

describe('reports over IPC', () => {
  it('lists by role, runs, records a print, exports through the host and computes the KPIs', async () => {
    const origin = 'app://dossier';
    const own = { origin, topFrame: true };
    const downloads: { name: string; bytes: Buffer; mime: string | undefined }[] = [];
    const app = createAppContext({
      configDir: tempDir(),
      dataDir: dir,
      host: 'cli',
      trustedOrigins: [origin],
      files: {
        offerDownload: (name, bytes, mime) => {
          downloads.push({ name, bytes, mime });
          return `/archive/download/${downloads.length}`;
        },
      },
    });
    await admin.close();
    try {
      expect(await app.router.call('session.signIn', { username: 'agent', password: passwords.agent }, own)).toMatchObject({ ok: true });
      const listed = (await app.router.call('reports.list', {}, own)) as { ok: true; value: { id: string }[] };
      expect(listed.value.map((r) => r.id)).toEqual(['completeness', 'timeliness', 'batches']);
      await app.router.call('session.signOut', {}, own);

      expect(await app.router.call('session.signIn', { username: 'compliance', password: passwords.compliance }, own)).toMatchObject({ ok: true });
      const ran = (await app.router.call('reports.run', { reportId: 'completeness', parameters: {} }, own)) as { ok: true; value: ReportResult };
      expect(ran.value.rows).toHaveLength(3);
      // The printout is the report run again for printing: masked, every row, recorded as a print.
      const printed = (await app.router.call('reports.print', { reportId: 'completeness', parameters: {} }, own)) as { ok: true; value: ReportResult };
      expect(printed.value.rows).toHaveLength(3);
      const printHtml = reportHtml(printed.value, translator('zh-CN'), 'zh-CN');
      expect(printHtml).toContain(`110105********${ids.liu.slice(-4)}`);
      expect(printHtml).not.toContain(ids.liu);
      const exported = await app.router.call('reports.export', { reportId: 'completeness', parameters: {}, format: 'csv' }, own);
      expect(exported).toEqual({ ok: true, value: { saved: false, downloadUrl: '/archive/download/1' } });
      expect(downloads[0]!.mime).toBe('text/csv; charset=utf-8');
      expect(downloads[0]!.bytes.toString('utf8')).toContain('刘洋');

      const dashboard = (await app.router.call('kpi.dashboard', { months: 3 }, own)) as { ok: true; value: { kpis: { id: string; value: number | null; trend: { month: string; value: number | null }[] }[] } };
      const kpi = Object.fromEntries(dashboard.value.kpis.map((k) => [k.id, k]));
      expect(kpi.completenessRate!.value).toBe(0.25);
      expect(kpi.timelinessRate!.value).toBe(0.5);
      expect(kpi.inboxBacklog!.value).toBe(2);
      expect(kpi.documentsFiledPerDay!.value).toBeCloseTo(3 / 30, 6);
      expect(kpi.completenessRate!.trend).toHaveLength(3);
      expect(kpi.completenessRate!.trend[2]!.value).toBe(0.25);
      // Nobody existed before this month.
      expect(kpi.completenessRate!.trend[0]!.value).toBeNull();
      const month = kpi.completenessRate!.trend[2]!.month;
      const drill = (await app.router.call('kpi.drill', { kpi: 'completenessRate', month }, own)) as { ok: true; value: ReportResult };
      expect(drill.value.id).toBe('completeness');
      expect(drill.value.rows).toHaveLength(3);
      const batches = (await app.router.call('kpi.drill', { kpi: 'scanQualityRate', month }, own)) as { ok: true; value: ReportResult };
      expect(batches.value.rows).toHaveLength(1);
      await app.router.call('session.signOut', {}, own);
    } finally {
      admin = await openArchive(dir, 'admin', (await import('../support/archive.js')).adminPassword);
    }
  }, 60_000);
});
