import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, archivePaths, createArchive, openArchive } from '../electron/archive/archive.js';
import { appendAudit } from '../electron/archive/audit-log.js';
import { openDatabase } from '../electron/db/connection.js';
import { seededRandom } from '../electron/demo/generate.js';
import { translator } from '../electron/i18n.js';
import { refreshCompleteness } from '../electron/records/completeness.js';
import { reportFile } from '../electron/reports/output.js';
import { chromiumPrinter } from '../electron/reports/pdf.js';
import { type ExportFormat, type ReportId, type ReportResult, screenRowLimit } from '../shared/ipc/methods/reports.js';
import type { BenchOptions, BenchResult } from './run.js';

/*
 * The reports on a 100,000-customer encrypted archive (10,000 with --quick): customers and
 * policies made by the demo op (`demo.fill`, the same schema, completeness and due-date code as
 * the forms), 20 agents they are spread over; 400 ingest batches of 5 files with 5,000 documents
 * and 20,000 pages (one page in ten at 150 dpi, one in fifty blank, one file in twenty refused);
 * 50,000 audit entries (views and changes of customers). The batches, documents, pages and audit
 * entries are written straight into the database on a second connection (the ingest pipeline
 * would take hours to make 20,000 pages): the rows have the shape the pipeline writes, the
 * customers' checklist summaries are refreshed as filing refreshes them, and the audit entries go
 * through appendAudit, so the chain is real.
 *
 * The build takes minutes (demo.fill is most of it). DOSSIER_BENCH_REPORTS_ARCHIVE=DIR keeps the
 * built archive in DIR and, when DIR already holds one, measures on it without building again:
 * for re-running the measurements while working on a report. Without it, a temporary archive is
 * built and removed.
 *
 * Measured, as compliance over the whole archive, median of 3:
 * - screen: `reports.run` as the screen calls it (database worker, audit entry, the first
 *   screenRowLimit rows plus the row count, totals, key figures and roll-ups over every row,
 *   structured-cloned back): what the user waits for after Run. The issue's "query under 2 s".
 * - the KPI dashboard over 12 months.
 * - export: the same with every row, as an XLSX or CSV export needs it (one round).
 * - PDF: a 1,000-row report (the completeness report's first 1,000 rows) through one Chromium kept
 *   open (chromiumPrinter): the first PDF (browser launch included) and the median of 3 after it.
 * - XLSX: the same 1,000 rows; then the whole completeness report as XLSX and CSV (one round).
 */

const passwords = { admin: 'bench-password-1', compliance: 'bench-password-2', archivist: 'bench-password-3' };

/** Makes the bench archive in `dir`: what the description above says. */
async function build(dir: string, customers: number, log: (message: string) => void): Promise<BenchResult> {
  const { session } = await createArchive(dir, { username: 'admin', displayName: '管理员', password: passwords.admin, branchName: '北京朝阳支公司' });
  try {
    let started = performance.now();
    const filled = await session.db.call('demo.fill', { actorId: session.user.id, customers, seed: 20_261_122 });
    const fillMs = performance.now() - started;
    log(`demo.fill: ${filled.customers} customers, ${filled.policies} policies in ${(fillMs / 1000).toFixed(1)} s`);
    const compliance = await addUser(session, { username: 'compliance', displayName: '赵敏', role: 'compliance', password: passwords.compliance });
    const archivist = await addUser(session, { username: 'archivist', displayName: '陈静', role: 'archivist', password: passwords.archivist });

    started = performance.now();
    const paths = archivePaths(dir);
    const db = openDatabase(paths.db, Buffer.from(session.key), { create: false, backupDir: paths.backups });
    try {
      const rng = seededRandom(7);
      const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      const uuid = () => crypto.randomUUID();
      const branchId = session.user.branchId;
      db.transaction(() => {
        const agents: string[] = [];
        const insertUser = db.prepare("INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (?, ?, ?, 'agent', ?, ?)");
        for (let i = 0; i < 20; i++) {
          const id = uuid();
          agents.push(id);
          insertUser.run(id, `agent${i}`, `代理人${i}`, branchId, at(400));
        }
        const setAgent = db.prepare('UPDATE customers SET agent_id = ? WHERE rowid = ?');
        for (const rowid of db.prepare('SELECT rowid FROM customers').pluck().all() as number[]) setAgent.run(agents[rowid % agents.length], rowid);
      })();
      const customerIds = db.prepare('SELECT id FROM customers').pluck().all() as string[];
      const types = db.prepare('SELECT id FROM document_types WHERE active = 1').pluck().all() as string[];
      const insertBatch = db.prepare("INSERT INTO ingest_batches (id, branch_id, source, label, operator_id, state, created_at, finished_at) VALUES (?, ?, 'hot_folder', ?, ?, 'done', ?, ?)");
      const insertFile = db.prepare(
        `INSERT INTO ingest_files (id, batch_id, seq, file_name, size, sha256, state, outcome, reason, reason_values, page_count, ocr_state, created_at, finished_at)
         VALUES (@id, @batch, @seq, @name, 1000, @sha, @state, @outcome, @reason, NULL, @pages, @ocr, @at, @at)`,
      );
      const insertBlob = db.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, 1000, ?)');
      const insertDocument = db.prepare(
        "INSERT INTO documents (id, branch_id, customer_id, document_type_id, state, source, created_at, filed_at, batch_id, file_id) VALUES (?, ?, ?, ?, ?, 'hot_folder', ?, ?, ?, ?)",
      );
      const insertPage = db.prepare(
        "INSERT INTO pages (id, document_id, page_no, blob_id, width, height, dpi, color_mode, text, quality_flags, created_at, text_source, ocr_confidence) VALUES (?, ?, ?, ?, 2480, 3508, ?, 'gray', ?, ?, ?, ?, 0.9)",
      );
      let blobNo = 0;
      const filedFor = new Set<string>();
      const blob = (when: string) => {
        const id = createHash('sha256').update(String(blobNo++)).digest('hex');
        insertBlob.run(id, when);
        return id;
      };
      db.transaction(() => {
        for (let b = 0; b < 400; b++) {
          const batch = uuid();
          const when = at(365 - Math.floor(b * 0.9));
          insertBatch.run(batch, branchId, `扫描批次 ${b + 1}`, archivist.id, when, when);
          for (let f = 0; f < 5; f++) {
            const file = uuid();
            const refused = rng() < 0.05;
            insertFile.run({ id: file, batch, seq: f + 1, name: `scan-${b}-${f}.pdf`, sha: createHash('sha256').update(file).digest('hex'), state: refused ? 'rejected' : 'done', outcome: refused ? 'rejected' : 'filed', reason: refused ? 'corrupt' : null, pages: refused ? null : 4, ocr: refused ? null : 'done', at: when });
            if (refused) continue;
            for (let d = 0; d < 2 + (f % 2); d++) {
              const document = uuid();
              const inbox = rng() < 0.05;
              const customer = inbox ? null : customerIds[Math.floor(rng() * customerIds.length)]!;
              if (customer) filedFor.add(customer);
              insertDocument.run(document, branchId, customer, inbox ? null : types[Math.floor(rng() * types.length)], inbox ? 'inbox' : 'filed', when, inbox ? null : when, batch, file);
              for (let p = 1; p <= 4; p++) {
                const low = rng() < 0.1;
                const blank = rng() < 0.02;
                insertPage.run(uuid(), document, p, blob(when), low ? 150 : 300, blank ? null : '投保人声明 本人已仔细阅读保险条款', JSON.stringify([...(low ? ['lowResolution'] : []), ...(blank ? ['blank'] : [])]), when, blank ? 'none' : 'ocr');
              }
            }
          }
        }
      })();
      // As filing does: the customers' stored checklist summaries follow their new documents.
      db.transaction(() => {
        for (const customer of filedFor) refreshCompleteness(db, customer);
      })();
      db.transaction(() => {
        for (let i = 0; i < 50_000; i++) {
          const customer = customerIds[Math.floor(rng() * customerIds.length)]!;
          appendAudit(db, { actorId: rng() < 0.5 ? compliance.id : archivist.id, branchId, action: rng() < 0.8 ? 'customer.view' : 'customer.update', objectType: 'customer', objectId: customer, outcome: 'success' });
        }
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }

    const extraMs = performance.now() - started;
    log(`batches, documents, pages, audit entries in ${(extraMs / 1000).toFixed(1)} s`);
    return {
      bench: 'reports',
      name: `build: ${customers.toLocaleString('en')} customers`,
      values: { demoFillMs: fillMs, extraMs, customers: filled.customers, policies: filled.policies },
      note: '400 batches, 2,000 files, ~5,000 documents, ~20,000 pages, 50,000 audit entries',
    };
  } finally {
    await session.close();
  }
}

export async function run(options: BenchOptions = { quick: false }): Promise<BenchResult[]> {
  const customers = options.quick ? 10_000 : 100_000;
  const log = (message: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)} s]   ${message}`);
  const kept = process.env.DOSSIER_BENCH_REPORTS_ARCHIVE;
  const root = kept ? null : mkdtempSync(join(tmpdir(), 'dossier-bench-reports-'));
  const dir = kept ?? join(root!, 'archive');
  const results: BenchResult[] = [];
  if (kept && existsSync(archivePaths(dir).db)) log(`measuring on the archive kept in ${dir}`);
  else results.push(await build(dir, customers, log));

  const session = await openArchive(dir, 'compliance', passwords.compliance);
  const printer = chromiumPrinter();
  try {
    const scope = `${(await session.db.call('reports.run', { actorId: session.user.id, reportId: 'batches', parameters: {}, language: 'zh-CN', action: 'generate' })).rowCount} batches`;
    log(`archive: ${scope}`);
    const times = async <T>(label: string, fn: () => Promise<T>, rounds = 3) => {
      const ms: number[] = [];
      let last: T | undefined;
      for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        last = await fn();
        ms.push(performance.now() - start);
      }
      ms.sort((a, b) => a - b);
      log(`${label}: median ${ms[Math.floor(rounds / 2)]!.toFixed(0)} ms`);
      return { median: ms[Math.floor(rounds / 2)]!, max: ms[rounds - 1]!, last: last! };
    };
    const call = (reportId: ReportId, action: 'generate' | 'export', format?: ExportFormat) =>
      session.db.call('reports.run', { actorId: session.user.id, reportId, parameters: {}, language: 'zh-CN', action, ...(format ? { format } : {}) });

    // Every screen query first, as a user runs them; the export queries after (their 100,000-row
    // results leave the database worker's heap large, which slowed the next screen query).
    const reportIds: ReportId[] = ['completeness', 'timeliness', 'batches', 'accessAudit'];
    for (const reportId of reportIds) {
      const screen = await times(`screen ${reportId}`, () => call(reportId, 'generate'));
      results.push({
        bench: 'reports',
        name: `query for the screen: ${reportId}`,
        values: { medianMs: screen.median, maxMs: screen.max, rows: screen.last.rows.length, rowCount: screen.last.rowCount },
        note: `first ${screenRowLimit} rows + totals over all; goal < 2,000 ms`,
      });
    }
    const kpi = await times('KPI dashboard, 12 months', () => session.db.call('kpi.dashboard', { actorId: session.user.id, months: 12 }));
    results.push({ bench: 'reports', name: 'KPI dashboard (12 months)', values: { medianMs: kpi.median, maxMs: kpi.max }, note: 'five KPIs with their monthly trends; no goal set' });
    let completeness: ReportResult | null = null;
    for (const reportId of reportIds) {
      const full = await times(`export query ${reportId}`, () => call(reportId, 'export', 'xlsx'), 1);
      if (reportId === 'completeness') completeness = full.last;
      results.push({ bench: 'reports', name: `query for an export: ${reportId}`, values: { ms: full.median, rows: full.last.rows.length }, note: 'every row, one round' });
    }

    const thousand: ReportResult = { ...completeness!, rows: completeness!.rows.slice(0, 1000), rowCount: 1000 };
    const t = translator('zh-CN');
    const file = (result: ReportResult, format: ExportFormat) => reportFile(result, format, t, 'zh-CN', printer.print);
    const first = await times('first PDF (browser launch)', () => file(thousand, 'pdf'), 1);
    const pdf = await times('1,000 rows to PDF, browser open', () => file(thousand, 'pdf'));
    results.push({ bench: 'reports', name: '1,000-row report to PDF', values: { medianMs: pdf.median, maxMs: pdf.max, firstMs: first.median, kiB: Math.round(pdf.last.bytes.length / 1024) }, note: 'completeness, zh-CN, one Chromium kept open; first = with its launch; goal < 5,000 ms' });
    const xlsx = await times('1,000 rows to XLSX', () => file(thousand, 'xlsx'));
    results.push({ bench: 'reports', name: '1,000-row report to XLSX', values: { medianMs: xlsx.median, maxMs: xlsx.max, kiB: Math.round(xlsx.last.bytes.length / 1024) }, note: 'exceljs, with the roll-up sheets; goal < 3,000 ms' });
    for (const format of ['xlsx', 'csv'] as const) {
      const whole = await times(`whole completeness report to ${format}`, () => file(completeness!, format), 1);
      results.push({ bench: 'reports', name: `whole completeness report to ${format.toUpperCase()}`, values: { ms: whole.median, rows: completeness!.rows.length, kiB: Math.round(whole.last.bytes.length / 1024) }, note: 'file building only, after the export query; one round' });
    }
    return results;
  } finally {
    await printer.close();
    await session.close();
    if (root) rmSync(root, { recursive: true, force: true });
  }
}
