import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import * as sourceArchive from '../electron/archive/archive.js';
import { pageSize as appPageSize, cipherPragmas, keyPragma } from '../electron/db/cipher.js';
import { DbClient } from '../electron/db/client.js';
import type { BenchOptions, BenchResult } from './run.js';
import { seededRandom } from '../electron/demo/generate.js';

/**
 * The encrypted archive core: (a) how long signing in takes — scrypt key unwrap, database
 * worker start and SQLCipher open — from the TypeScript sources under tsx and from the built
 * JavaScript the app runs; (b) the same customer workload on an encrypted (SQLCipher 4, keyed as
 * the app keys it) and a plain SQLite file in the same run, with the app's settings and with
 * tuning variants.
 */
export async function run(options: BenchOptions = { quick: false }): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  try {
    return [...(await openAndUnlock(root, options)), ...workloads(root, options), ...shellCompatibility(root)];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const bench = 'db-cipher';
/** Progress on stderr (stdout stays clean for --json), with seconds since the process started. */
const log = (message: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)} s]   ${message}`);

// ---------------------------------------------------------------------------------------------
// (a) Open and unlock

const admin = { username: 'bench-admin', displayName: '基准管理员', password: 'bench-password-1', branchName: '基准支公司' };

type OpenTimes = { unlockKey: number[]; database: number[]; openArchive: number[] };

/** One warm-up, then `runs` times: unlockKey alone, the database worker alone, openArchive + close. */
async function timeOpen(api: typeof sourceArchive, client: typeof DbClient, dir: string, runs: number): Promise<OpenTimes> {
  const times: OpenTimes = { unlockKey: [], database: [], openArchive: [] };
  const paths = api.archivePaths(dir);
  for (let i = -1; i < runs; i++) {
    let start = performance.now();
    const { key } = await api.unlockKey(dir, admin.username, admin.password);
    const unlockKey = performance.now() - start;
    start = performance.now();
    const db = await client.open({ file: paths.db, key, create: false, backupDir: paths.backups });
    await db.close();
    const database = performance.now() - start;
    key.fill(0);
    start = performance.now();
    const session = await api.openArchive(dir, admin.username, admin.password);
    await session.close();
    const openArchive = performance.now() - start;
    if (i < 0) continue;
    times.unlockKey.push(unlockKey);
    times.database.push(database);
    times.openArchive.push(openArchive);
  }
  return times;
}

/**
 * The same loop as timeOpen, in a plain `node` child running build/: a worker started from a tsx
 * process inherits tsx's loader (process.execArgv), so the built figure must not come from here.
 * The child creates its own archive, so that built and source code never disagree on the schema.
 */
const builtScript = `
const [archiveUrl, clientUrl, dir, admin, runs] = JSON.parse(process.argv[2]);
const { username, password } = admin;
const api = await import(archiveUrl);
const { DbClient } = await import(clientUrl);
await (await api.createArchive(dir, admin)).session.close();
const times = { unlockKey: [], database: [], openArchive: [] };
const paths = api.archivePaths(dir);
for (let i = -1; i < runs; i++) {
  let start = performance.now();
  const { key } = await api.unlockKey(dir, username, password);
  const unlockKey = performance.now() - start;
  start = performance.now();
  const db = await DbClient.open({ file: paths.db, key, create: false, backupDir: paths.backups });
  await db.close();
  const database = performance.now() - start;
  key.fill(0);
  start = performance.now();
  const session = await api.openArchive(dir, username, password);
  await session.close();
  const openArchive = performance.now() - start;
  if (i < 0) continue;
  times.unlockKey.push(unlockKey);
  times.database.push(database);
  times.openArchive.push(openArchive);
}
process.stdout.write(JSON.stringify(times));
`;

async function timeBuilt(root: string, runs: number): Promise<OpenTimes | string> {
  const dir = join(root, 'archive-built');
  const archive = new URL('../build/electron/archive/archive.js', import.meta.url);
  const client = new URL('../build/electron/db/client.js', import.meta.url);
  if (!existsSync(fileURLToPath(archive)) || !existsSync(fileURLToPath(client))) return 'skipped: build/electron missing (npm run build)';
  // A script file, not `node -e`: workers inherit execArgv, and `--input-type` breaks them.
  const script = join(root, 'open-built.mjs');
  writeFileSync(script, builtScript);
  const input = JSON.stringify([archive.href, client.href, dir, admin, runs]);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, input], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout) as OpenTimes;
  } catch (error) {
    console.error(error);
    return `failed: ${String((error as { stderr?: unknown }).stderr ?? error).match(/\w*Error: .*/)?.[0] ?? 'see stderr'}`;
  }
}

async function openAndUnlock(root: string, options: BenchOptions): Promise<BenchResult[]> {
  const runs = options.quick ? 3 : 10;
  log(`open and unlock: ${runs} runs each, built and tsx`);
  const built = await timeBuilt(root, runs);
  const dir = join(root, 'archive-source');
  await (await sourceArchive.createArchive(dir, admin)).session.close();
  const flavours: [string, OpenTimes | string][] = [
    ['built JS (node)', built],
    ['source (tsx)', await timeOpen(sourceArchive, DbClient, dir, runs)],
  ];
  const results: BenchResult[] = [];
  for (const [flavour, times] of flavours) {
    if (typeof times === 'string') {
      results.push({ bench, name: `openArchive + close, ${flavour}`, values: {}, note: times });
      continue;
    }
    const total = median(times.openArchive);
    results.push(
      { bench, name: `openArchive + close, ${flavour}`, values: { medianMs: total, p95Ms: p95(times.openArchive) }, note: `${runs} runs after one warm-up` },
      { bench, name: `  unlockKey (scrypt N=2^15), ${flavour}`, values: { medianMs: median(times.unlockKey), p95Ms: p95(times.unlockKey), share: median(times.unlockKey) / total } },
      { bench, name: `  database worker open + close, ${flavour}`, values: { medianMs: median(times.database), p95Ms: p95(times.database), share: median(times.database) / total } },
    );
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// (b) Encrypted vs plain on a customer workload

interface Tuning {
  label: string;
  cacheKiB: number;
  pageSize: number;
  synchronous: 'FULL' | 'NORMAL';
  batch: number;
  /** Pages in the WAL before an automatic checkpoint; the app leaves SQLite's default, 1000. */
  walAutocheckpoint: number;
}

/** What tune() in electron/db/connection.ts sets, and SQLCipher 4's page size (cipher.ts). */
const appTuning: Tuning = { label: 'app settings', cacheKiB: 65536, pageSize: appPageSize, synchronous: 'FULL', batch: 5000, walAutocheckpoint: 10000 };

/**
 * Each changes one setting. A cache larger than the app's (-262144) is left out: the 42 MiB
 * file already fits in 64 MiB, and it measured no faster (docs/BENCHMARKS.md).
 */
const variants: Tuning[] = [
  { ...appTuning, label: 'cache_size -16000', cacheKiB: 16000 },
  { ...appTuning, label: 'page size 8192', pageSize: 8192 },
  { ...appTuning, label: 'page size 16384', pageSize: 16384 },
  { ...appTuning, label: 'synchronous NORMAL', synchronous: 'NORMAL' },
  { ...appTuning, label: 'batch 100 rows', batch: 100 },
  { ...appTuning, label: 'batch 1000 rows', batch: 1000 },
  // SQLite's default. SQLite3MultipleCiphers decrypts every WAL frame and encrypts it again when
  // it checkpoints it into the database file, so the app checkpoints ten times less often.
  { ...appTuning, label: 'wal_autocheckpoint 1000 (SQLite default)', walAutocheckpoint: 1000 },
];

type Kind = 'plain' | 'encrypted';
const phases = ['insert', 'lookup', 'fts', 'cold'] as const;
type Phase = (typeof phases)[number];
type Sizes = { rows: number; lookups: number; fts: number; cold: number };
type PhaseTimes = Record<Phase, number>;
type ColdParts = { close: number; open: number; lookups: number };

/**
 * Opens a file the way openDatabase() does: cipher pragmas and the raw key first (encrypted
 * only), a first read, then the same pragmas as tune(). A non-default page size is
 * `legacy_page_size` in SQLite3MultipleCiphers (SQLCipher's `cipher_page_size`).
 */
function openDb(file: string, key: Buffer | null, t: Tuning): Database.Database {
  const db = new Database(file);
  if (key) {
    for (const pragma of cipherPragmas) db.pragma(pragma);
    if (t.pageSize !== appPageSize) db.pragma(`legacy_page_size = ${t.pageSize}`);
    db.pragma(keyPragma(key));
  } else {
    db.pragma(`page_size = ${t.pageSize}`);
  }
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${t.synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${t.cacheKiB}`);
  db.pragma('busy_timeout = 5000');
  if (t.walAutocheckpoint !== 1000) db.pragma(`wal_autocheckpoint = ${t.walAutocheckpoint}`);
  return db;
}

const schema = `
  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT,
    id_number TEXT,
    mobile TEXT,
    address TEXT,
    branch_id TEXT,
    created_at TEXT,
    notes TEXT
  ) STRICT;
  CREATE INDEX customers_id_number ON customers(id_number);
  CREATE INDEX customers_mobile ON customers(mobile);
  CREATE VIRTUAL TABLE customers_fts USING fts5(name, address, notes, content='customers', content_rowid='rowid', tokenize='trigram');
  CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts(rowid, name, address, notes) VALUES (new.rowid, new.name, new.address, new.notes);
  END;
`;

type Row = [id: string, name: string, idNumber: string, mobile: string, address: string, branchId: string, createdAt: string, notes: string];

interface Workload {
  rows: Row[];
  lookups: [column: 'id_number' | 'mobile', value: string][];
  fts: string[];
  cold: [column: 'id_number' | 'mobile', value: string][];
}

/** One open file and its prepared statements. */
class Conn {
  readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly write: Database.Transaction<(slice: Row[]) => void>;
  private readonly byColumn: Record<'id_number' | 'mobile', Database.Statement>;
  private readonly fts: Database.Statement;

  constructor(file: string, key: Buffer | null, t: Tuning, create: boolean) {
    this.db = openDb(file, key, t);
    if (create) this.db.exec(schema);
    this.insert = this.db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.write = this.db.transaction((slice: Row[]) => {
      for (const row of slice) this.insert.run(row);
    });
    this.byColumn = {
      id_number: this.db.prepare('SELECT * FROM customers WHERE id_number = ?'),
      mobile: this.db.prepare('SELECT * FROM customers WHERE mobile = ?'),
    };
    this.fts = this.db.prepare('SELECT rowid, name, address FROM customers_fts WHERE customers_fts MATCH ? LIMIT 20');
  }

  /** One transaction, begun IMMEDIATE as the app's writers are. */
  insertBatch(rows: Row[]): number {
    this.write.immediate(rows);
    return rows.length;
  }

  lookups(keys: Workload['lookups']): number {
    let found = 0;
    for (const [column, value] of keys) if (this.byColumn[column].get(value)) found++;
    return found;
  }

  search(queries: string[]): number {
    let found = 0;
    for (const query of queries) found += this.fts.all(`"${query}"`).length;
    return found;
  }

  /** As the database worker closes: checkpoint, then close. */
  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * One round: a fresh pair of files. Each phase is cut into steps (a transaction, 1,000
 * look-ups, 100 queries) and every step runs on both files back to back, the order flipping
 * from step to step and round to round, so that a noisy neighbour on this shared machine slows
 * both sides alike instead of one phase of one side.
 */
function round(dir: string, n: number, t: Tuning, w: Workload): Round {
  const key = randomBytes(32);
  const keys: Record<Kind, Buffer | null> = { encrypted: key, plain: null };
  const files: Record<Kind, string> = { encrypted: join(dir, `round${n}-encrypted.db`), plain: join(dir, `round${n}-plain.db`) };
  const conns = { encrypted: new Conn(files.encrypted, key, t, true), plain: new Conn(files.plain, null, t, true) };
  const zero = (): PhaseTimes => ({ insert: 0, lookup: 0, fts: 0, cold: 0 });
  const wall = { encrypted: zero(), plain: zero() };
  const cpu = { encrypted: zero(), plain: zero() };
  const answers: Record<Kind, number[]> = { encrypted: [], plain: [] };
  const cold = { encrypted: {} as ColdParts, plain: {} as ColdParts };
  const steps: Record<Phase, ((conn: Conn, kind: Kind) => number)[]> = {
    insert: chunks(w.rows, t.batch).map((rows) => (conn) => conn.insertBatch(rows)),
    lookup: chunks(w.lookups, 1000).map((keys) => (conn) => conn.lookups(keys)),
    fts: chunks(w.fts, 100).map((queries) => (conn) => conn.search(queries)),
    cold: [
      (conn, kind) => {
        const start = performance.now();
        conn.close();
        const closed = performance.now();
        const reopened = new Conn(files[kind], keys[kind], t, false);
        conns[kind] = reopened;
        const opened = performance.now();
        const found = reopened.lookups(w.cold);
        cold[kind] = { close: closed - start, open: opened - closed, lookups: performance.now() - opened };
        return found;
      },
    ],
  };
  let step = n;
  for (const phase of phases) {
    for (const run of steps[phase]) {
      const order: Kind[] = step++ % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted'];
      for (const kind of order) {
        const start = performance.now();
        const startCpu = process.cpuUsage();
        answers[kind].push(run(conns[kind], kind));
        const usedCpu = process.cpuUsage(startCpu);
        wall[kind][phase] += performance.now() - start;
        cpu[kind][phase] += (usedCpu.user + usedCpu.system) / 1000;
      }
    }
  }
  if (answers.encrypted.join() !== answers.plain.join()) throw new Error('encrypted and plain answered differently');
  conns.encrypted.close();
  conns.plain.close();
  const sizeMiB = { encrypted: statSync(files.encrypted).size / 2 ** 20, plain: statSync(files.plain).size / 2 ** 20 };
  key.fill(0);
  for (const file of Object.values(files)) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return { wall, cpu, cold, sizeMiB };
}

/** Wall-clock and CPU milliseconds (this process: user + system) of one round. */
interface Round {
  wall: Record<Kind, PhaseTimes>;
  cpu: Record<Kind, PhaseTimes>;
  cold: Record<Kind, ColdParts>;
  sizeMiB: Record<Kind, number>;
}

/**
 * Medians over the rounds. CPU time leaves out the time other tenants of this machine held the
 * cores and the time spent waiting for fsync, so its ratio is the steadier one from run to run.
 */
interface Measured {
  phase: Record<Phase, Record<Kind, number>>;
  cpuPhase: Record<Phase, Record<Kind, number>>;
  cold: Record<keyof ColdParts, Record<Kind, number>>;
  total: Record<Kind, number>;
  cpuTotal: Record<Kind, number>;
  sizeMiB: Record<Kind, number>;
}

/** Medians over `rounds` rounds. */
function measure(dir: string, t: Tuning, w: Workload, rounds: number): Measured {
  const all = Array.from({ length: rounds }, (_, n) => round(dir, n, t, w));
  const medians = (pick: (r: Round, kind: Kind) => number) => ({ plain: median(all.map((r) => pick(r, 'plain'))), encrypted: median(all.map((r) => pick(r, 'encrypted'))) });
  const sum = (times: PhaseTimes) => phases.reduce((s, p) => s + times[p], 0);
  const phase = {} as Measured['phase'];
  const cpuPhase = {} as Measured['cpuPhase'];
  for (const p of phases) {
    phase[p] = medians((r, kind) => r.wall[kind][p]);
    cpuPhase[p] = medians((r, kind) => r.cpu[kind][p]);
  }
  const cold = {} as Measured['cold'];
  for (const part of ['close', 'open', 'lookups'] as const) cold[part] = medians((r, kind) => r.cold[kind][part]);
  return {
    phase,
    cpuPhase,
    cold,
    total: medians((r, kind) => sum(r.wall[kind])),
    cpuTotal: medians((r, kind) => sum(r.cpu[kind])),
    sizeMiB: all[0]!.sizeMiB,
  };
}

function workloads(root: string, options: BenchOptions): BenchResult[] {
  const sizes: Sizes = options.quick ? { rows: 5_000, lookups: 2_000, fts: 200, cold: 200 } : { rows: 50_000, lookups: 20_000, fts: 2_000, cold: 2_000 };
  const w = generate(sizes);
  const labels: Record<Phase, string> = {
    insert: `insert ${sizes.rows} rows (+FTS), ${appTuning.batch}/transaction`,
    lookup: `${sizes.lookups} point look-ups (id_number, mobile)`,
    fts: `${sizes.fts} FTS trigram queries, LIMIT 20`,
    cold: `close + reopen + ${sizes.cold} look-ups (cold cache)`,
  };
  log(`workload at app settings: ${sizes.rows} rows, 3 rounds`);
  const app = measure(root, appTuning, w, 3);
  const describe = (t: Tuning) =>
    `cache_size -${t.cacheKiB}, page ${t.pageSize}, synchronous ${t.synchronous}, WAL, wal_autocheckpoint ${t.walAutocheckpoint}, temp_store MEMORY, batch ${t.batch}`;
  const ratio = (m: Record<Kind, number>) => m.encrypted / m.plain;
  const row = (name: string, m: Record<Kind, number>, cpu?: Record<Kind, number>): BenchResult => ({
    bench,
    name,
    values: { plainMs: m.plain, encryptedMs: m.encrypted, ratio: ratio(m), ...(cpu ? { cpuRatio: ratio(cpu) } : {}) },
  });
  const results: BenchResult[] = phases.map((p) => row(labels[p], app.phase[p], app.cpuPhase[p]));
  results.push(
    row('  cold: checkpoint + close', app.cold.close),
    row('  cold: open (key, first read, pragmas)', app.cold.open),
    row(`  cold: ${sizes.cold} look-ups`, app.cold.lookups),
  );
  const total = row('workload total, app settings', app.total, app.cpuTotal);
  Object.assign(total.values, { plainMiB: app.sizeMiB.plain, encryptedMiB: app.sizeMiB.encrypted });
  results.push({ ...total, note: `${describe(appTuning)}; median of 3 rounds` });
  log('one row per commit, synchronous FULL and NORMAL');
  results.push(...singleRowCommits(root, w, options.quick ? 500 : 5_000, options.quick ? 100 : 500));
  // One round each keeps the full run within about five minutes on two cores; the step-by-step
  // interleaving keeps each variant's ratio fair, but its absolute times are one sample.
  const variantRounds = 1;
  for (const t of variants) {
    log(`variant: ${t.label}`);
    const m = measure(root, t, w, variantRounds);
    results.push({
      bench,
      name: `variant: ${t.label}`,
      values: {
        plainMs: m.total.plain,
        encryptedMs: m.total.encrypted,
        ratio: ratio(m.total),
        cpuRatio: ratio(m.cpuTotal),
        insertRatio: ratio(m.phase.insert),
        lookupRatio: ratio(m.phase.lookup),
        ftsRatio: ratio(m.phase.fts),
        coldRatio: ratio(m.phase.cold),
      },
      note: variantRounds === 1 ? 'one round' : `median of ${variantRounds} rounds`,
    });
  }
  return results;
}

/**
 * The app's own write pattern: one customer per transaction. Four files (encrypted and plain,
 * synchronous FULL and NORMAL), each already holding `prefill` rows, take the next rows one
 * commit at a time, round-robin, so that the fsync FULL adds to every commit shows beside NORMAL.
 */
function singleRowCommits(dir: string, w: Workload, prefill: number, commits: number): BenchResult[] {
  const key = randomBytes(32);
  const setups = (['FULL', 'NORMAL'] as const).flatMap((synchronous) =>
    (['encrypted', 'plain'] as const).map((kind) => {
      const file = join(dir, `single-${kind}-${synchronous}.db`);
      const conn = new Conn(file, kind === 'encrypted' ? key : null, { ...appTuning, synchronous }, true);
      for (const rows of chunks(w.rows.slice(0, prefill), 5_000)) conn.insertBatch(rows);
      return { kind, synchronous, file, conn, wall: 0, cpu: 0 };
    }),
  );
  w.rows.slice(prefill, prefill + commits).forEach((row, i) => {
    for (let j = 0; j < setups.length; j++) {
      const setup = setups[(i + j) % setups.length]!;
      const start = performance.now();
      const startCpu = process.cpuUsage();
      setup.conn.insertBatch([row]);
      const usedCpu = process.cpuUsage(startCpu);
      setup.wall += performance.now() - start;
      setup.cpu += (usedCpu.user + usedCpu.system) / 1000;
    }
  });
  key.fill(0);
  for (const setup of setups) {
    setup.conn.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(setup.file + suffix, { force: true });
  }
  return (['FULL', 'NORMAL'] as const).map((synchronous) => {
    const find = (kind: Kind) => setups.find((s) => s.kind === kind && s.synchronous === synchronous)!;
    const [encrypted, plain] = [find('encrypted'), find('plain')];
    return {
      bench,
      name: `one row per commit, synchronous ${synchronous}`,
      values: { plainMs: plain.wall / commits, encryptedMs: encrypted.wall / commits, ratio: encrypted.wall / plain.wall, cpuRatio: encrypted.cpu / plain.cpu },
      note: `ms per commit, mean of ${commits} commits into ${prefill} rows${synchronous === appTuning.synchronous ? '; the app setting' : ''}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The recovery key and a non-default page size

/** Whether the standard sqlcipher 4 shell opens a file of each page size with `PRAGMA key` alone. */
function shellCompatibility(root: string): BenchResult[] {
  if (spawnSync('sqlcipher', ['-version'], { encoding: 'utf8' }).status !== 0) {
    return [{ bench, name: 'sqlcipher 4 shell, PRAGMA key only', values: {}, note: 'skipped: no sqlcipher on PATH' }];
  }
  const key = randomBytes(32);
  const answers: string[] = [];
  for (const size of [4096, 8192, 16384]) {
    const file = join(root, `shell-${size}.db`);
    const db = openDb(file, key, { ...appTuning, pageSize: size });
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (42)');
    db.close();
    const shell = (extra: string) => spawnSync('sqlcipher', [file], { input: `PRAGMA key = "x'${key.toString('hex')}'";\n${extra}SELECT x FROM t;\n`, encoding: 'utf8' }).stdout.includes('42');
    answers.push(`${size}: ${shell('') ? 'opens' : 'refused'}${size === appPageSize ? '' : `, with PRAGMA cipher_page_size = ${size}: ${shell(`PRAGMA cipher_page_size = ${size};\n`) ? 'opens' : 'refused'}`}`);
  }
  key.fill(0);
  return [{ bench, name: 'sqlcipher 4 shell, PRAGMA key only', values: {}, note: answers.join('; ') }];
}

// ---------------------------------------------------------------------------------------------
// Deterministic customer-like data


const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程'];
const givenChars = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉萍红文辉鹏飞宇婷晨浩然思雨欣怡子轩梓涵佳琪俊杰志宏海燕春梅雪莉'];
const cities: [region: string, prefix: string, districts: string[]][] = [
  ['110105', '北京市', ['朝阳区', '海淀区', '东城区', '西城区']],
  ['310104', '上海市', ['徐汇区', '浦东新区', '静安区', '黄浦区']],
  ['440305', '广东省深圳市', ['南山区', '福田区', '罗湖区', '宝安区']],
  ['440106', '广东省广州市', ['天河区', '越秀区', '海珠区', '白云区']],
  ['330106', '浙江省杭州市', ['西湖区', '上城区', '滨江区', '拱墅区']],
  ['510107', '四川省成都市', ['武侯区', '锦江区', '青羊区', '金牛区']],
  ['420111', '湖北省武汉市', ['洪山区', '江汉区', '武昌区', '汉阳区']],
  ['320102', '江苏省南京市', ['玄武区', '鼓楼区', '秦淮区', '建邺区']],
];
const roads = ['人民路', '中山路', '解放路', '建设路', '科技园路', '长江路', '文化路', '和平路', '新华路', '友谊路', '胜利路', '光明街', '青年路', '滨河大道', '学府路', '花园街'];
const estates = ['阳光花园', '锦绣家园', '翠苑小区', '金色家园', '幸福里', '碧水湾', '华府天地', '东方明珠苑', '绿城桂花园', '世纪新城'];
const products = ['重大疾病保险', '终身寿险', '百万医疗保险', '意外伤害保险', '养老年金保险', '少儿教育金保险', '家庭财产保险', '机动车商业险'];
const followUps = ['需每年续保前电话提醒', '已提交体检报告', '理赔资料齐全待审核', '受益人为配偶及子女', '客户要求邮寄纸质保单', '通讯地址变更已核实', '已完成首期回访', '待补充身份证复印件', '投保前已告知既往病史', '保单已办理自动续期'];
const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function generate(sizes: Sizes): Workload {
  const random = seededRandom(20_240_601);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  const branches = Array.from({ length: 5 }, () => `${hex(8)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`);
  const start = Date.UTC(2024, 0, 1);
  const rows: Row[] = [];
  for (let i = 0; i < sizes.rows; i++) {
    const [region, prefix, districts] = pick(cities);
    const name = pick(surnames) + pick(givenChars) + (random() < 0.7 ? pick(givenChars) : '');
    const body = `${region}${int(1950, 2005)}${pad(int(1, 12), 2)}${pad(int(1, 28), 2)}${pad(int(0, 999), 3)}`;
    const sum = [...body].reduce((s, d, k) => s + Number(d) * checkWeights[k]!, 0);
    const idNumber = body + '10X98765432'[sum % 11]!;
    const mobile = `1${pick(['3', '5', '7', '8', '9'])}${int(0, 9)}${pad(int(0, 99_999_999), 8)}`;
    const address = `${prefix}${pick(districts)}${pick(roads)}${int(1, 999)}号${pick(estates)}${int(1, 30)}栋${int(1, 6)}单元${int(1, 33)}${pad(int(1, 4), 2)}室`;
    const notes = `客户于${int(2008, 2024)}年${int(1, 12)}月投保${pick(products)}，年缴保费${int(12, 480) * 100}元，${pick(followUps)}。`;
    // UUIDv7-shaped and time-ordered, as the app's ids are: one customer a minute.
    const ms = start + i * 60_000;
    const time = ms.toString(16).padStart(12, '0');
    const id = `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
    rows.push([id, name, idNumber, mobile, address, pick(branches), new Date(ms).toISOString(), notes]);
  }
  const keysOf = (count: number): Workload['lookups'] =>
    Array.from({ length: count }, (_, k) => {
      const row = pick(rows);
      return k % 2 === 0 ? ['id_number', row[2]] : ['mobile', row[3]];
    });
  const fts = Array.from({ length: sizes.fts }, () => {
    const row = pick(rows);
    const text = [...(random() < 0.7 ? row[4] : row[7])];
    const length = int(3, 5);
    const from = int(0, text.length - length);
    return text.slice(from, from + length).join('');
  });
  return { rows, lookups: keysOf(sizes.lookups), fts, cold: keysOf(sizes.cold) };
}

// ---------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank 95th percentile: with 10 runs, the slowest. */
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)]!;
}
