import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../electron/db/connection.js';
import { indexCustomer, indexPage } from '../electron/search/index.js';
import { searchArchive } from '../electron/search/query.js';
import type { SearchFilters } from '../shared/ipc/methods/search.js';
import { residentIdCheckChar } from '../shared/validators/resident-id.js';
import type { BenchOptions, BenchResult } from './run.js';
import { seededRandom } from '../electron/demo/generate.js';

/**
 * The search box (electron/search/query.ts) on an encrypted archive database built the way the
 * app builds it (openDatabase: SQLCipher 4 pragmas, tuning, migrations), filled with realistic
 * customers, policies, documents and pages of form text, indexed with indexCustomer/indexPage.
 * Measures searchArchive latency (p50/p95 over ~200 queries per kind, same thread, no IPC) and
 * the customer list's first page and a deep page.
 */
export async function run(options: BenchOptions = { quick: false }): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'dossier-bench-search-'));
  const scale = options.quick ? 10 : 1;
  const results: BenchResult[] = [];
  try {
    for (const size of [
      { customers: 10_000 / scale, pages: 100_000 / scale },
      { customers: 100_000 / scale, pages: pageTarget(options) },
    ]) {
      results.push(...measureSize(root, size, options));
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Pages for the large database: DOSSIER_BENCH_PAGES, else defaultPages; --quick builds a tenth. */
function pageTarget(options: BenchOptions): number {
  const asked = Number(process.env.DOSSIER_BENCH_PAGES);
  const full = Number.isInteger(asked) && asked > 0 ? asked : defaultPages;
  return options.quick ? Math.round(full / 10) : full;
}

/**
 * 1,000,000 pages took 14–18 minutes to build on the 2-core development machine (about 1,000
 * pages a second once the file is large), so the default is the largest size that builds in about
 * ten; DOSSIER_BENCH_PAGES=1000000 builds the full size.
 */
const defaultPages = 500_000;
const bench = 'search';
const log = (message: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)} s]   ${message}`);
const queriesPerKind = 200;

function measureSize(root: string, size: { customers: number; pages: number }, options: BenchOptions): BenchResult[] {
  const file = join(root, `archive-${size.customers}.db`);
  const backupDir = join(root, 'backups');
  const key = randomBytes(32);
  let db = openDatabase(file, key, { create: true, backupDir });
  const label = `${size.customers.toLocaleString('en')} customers, ${size.pages.toLocaleString('en')} pages`;
  const customers = `${size.customers.toLocaleString('en')} customers`;
  try {
    log(`building ${label}`);
    const built = build(db, size);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeMiB = statSync(file).size / 2 ** 20;
    log(`built in ${(built.customersMs / 1000).toFixed(1)} s (customers) + ${(built.pagesMs / 1000).toFixed(1)} s (pages), ${sizeMiB.toFixed(0)} MiB`);
    const results: BenchResult[] = [
      {
        bench,
        name: `build: ${label}`,
        values: { customersMs: built.customersMs, pagesMs: built.pagesMs, pagesPerSecond: Math.round(size.pages / (built.pagesMs / 1000)), fileMiB: sizeMiB },
        note: 'customers (+policy, +FTS) 5,000/transaction; pages (+blob row, +FTS via indexPage) 5,000/transaction; app pragmas (synchronous FULL)',
      },
    ];
    for (const [name, queries] of Object.entries(queryKinds(built.data))) {
      // Each kind starts on a new connection, as after signing in: SQLCipher's page cache is
      // empty (the operating system's file cache is not). The second pass runs on the same
      // connection again, warm.
      db.close();
      db = openDatabase(file, key, { create: false, backupDir });
      const passes = [0, 1].map(() => {
        const times: number[] = [];
        let hits = 0;
        for (const q of queries) {
          const start = performance.now();
          const found = searchArchive(db, q.query, { viewerRole: 'agent', ...(q.filters ? { filters: q.filters } : {}) });
          times.push(performance.now() - start);
          hits += found.length;
        }
        return { times, hits };
      });
      const [fresh, warm] = passes as [(typeof passes)[number], (typeof passes)[number]];
      results.push({
        bench,
        name: `${name} (${customers})`,
        values: {
          p50Ms: percentile(fresh.times, 0.5),
          p95Ms: percentile(fresh.times, 0.95),
          maxMs: Math.max(...fresh.times),
          warmP50Ms: percentile(warm.times, 0.5),
          warmP95Ms: percentile(warm.times, 0.95),
          meanResults: Math.round((fresh.hits / queries.length) * 10) / 10,
        },
        note: `${queries.length} queries, limit 50, first pass on a new connection, then warm; e.g. ${queries
          .slice(0, 3)
          .map((q) => q.query + (q.filters ? ' +agent' : ''))
          .join(', ')}`,
      });
      log(`${name}: p50 ${percentile(fresh.times, 0.5).toFixed(2)} ms, p95 ${percentile(fresh.times, 0.95).toFixed(2)} ms; warm p50 ${percentile(warm.times, 0.5).toFixed(2)} ms, p95 ${percentile(warm.times, 0.95).toFixed(2)} ms`);
    }
    if (size.customers === (options.quick ? 10_000 : 100_000)) results.push(...listQueries(db, size.customers));
    return results;
  } finally {
    db.close();
    key.fill(0);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

/** The customer list: first page by creation time, a deep page by name, as the list view asks. */
function listQueries(db: Db, customers: number): BenchResult[] {
  const columns = 'c.id, c.type, c.name, c.id_number, c.credit_code, c.mobile, c.completeness, c.next_update_due, c.created_at, u.display_name AS agent_name';
  const from = 'FROM customers c LEFT JOIN users u ON u.id = c.agent_id';
  const offset = Math.floor(customers / 2);
  const statements: [string, string][] = [
    ['list: newest first, first 100', `SELECT ${columns} ${from} ORDER BY c.created_at DESC LIMIT 100`],
    [`list: by name, 100 from offset ${offset}`, `SELECT ${columns} ${from} ORDER BY c.name LIMIT 100 OFFSET ${offset}`],
    [`list: by name then id, 100 from offset ${offset}`, `SELECT ${columns} ${from} ORDER BY c.name, c.id LIMIT 100 OFFSET ${offset}`],
    [
      `list: by name, offset ${offset}, offset taken on the index (deferred join)`,
      `SELECT ${columns} FROM (SELECT rowid FROM customers ORDER BY name LIMIT 100 OFFSET ${offset}) k JOIN customers c ON c.rowid = k.rowid LEFT JOIN users u ON u.id = c.agent_id ORDER BY c.name`,
    ],
    [
      'list: by name, the 100 after a given name (keyset)',
      // The name is the last one of the page before, as the list view would remember it.
      `SELECT ${columns} ${from} WHERE c.name > ${quote(db.prepare(`SELECT name FROM customers ORDER BY name LIMIT 1 OFFSET ${offset}`).pluck().get() as string)} ORDER BY c.name LIMIT 100`,
    ],
    ['list: count(*) for the total', 'SELECT count(*) FROM customers c'],
  ];
  return statements.map(([name, sql]) => {
    const statement = db.prepare(sql);
    statement.all();
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      statement.all();
      times.push(performance.now() - start);
    }
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    log(`${name}: p50 ${percentile(times, 0.5).toFixed(2)} ms`);
    return { bench, name: `${name} (${customers.toLocaleString('en')} customers)`, values: { p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95) }, note: `30 runs; plan: ${plan}` };
  });
}

// ---------------------------------------------------------------------------------------------
// Deterministic data


/** The commonest surnames, heaviest first (王 and 李 are about 7 % each; the tail is long). */
const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const givenChars = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉萍红文辉鹏飞宇婷晨浩然思雨欣怡子轩梓涵佳琪俊志宏海燕春梅雪莉波斌鑫琳颖慧丹凤云峰亮成健林斌荣新利清飞彬瑞凯东玲晶倩宁'];
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
const companyWords = ['星辰', '华信', '瑞丰', '恒通', '远航', '金桥', '新创', '博远', '宏达', '嘉禾', '天成', '盛世'];
const companyTrades = ['科技', '贸易', '建筑工程', '餐饮管理', '物流', '医药', '电子', '文化传媒'];

/** Phrases of the forms branch staff scan: applications, health declarations, claims, service. */
const phrases = [
  '投保人声明', '本人已仔细阅读保险条款及免责条款', '被保险人健康告知', '过去两年内是否曾住院治疗', '是否患有高血压或糖尿病', '理赔申请书',
  '申请理赔金额', '医疗费用发票原件', '出院小结及诊断证明', '门诊病历复印件', '受益人指定', '法定继承人', '保险金额人民币伍拾万元整',
  '年缴保费', '缴费期间二十年', '保险期间至被保险人年满八十周岁', '身份证明文件复印件', '银行账户信息', '开户行名称', '账户名须与投保人一致',
  '授权委托书', '委托代理人办理', '客户签名', '代理人签名', '回访记录', '客户对产品条款无异议', '犹豫期内可申请撤销保险合同', '保单变更申请',
  '变更通讯地址', '联系电话变更', '保全业务受理', '退保申请', '现金价值', '减额交清', '重大疾病确诊', '恶性肿瘤', '急性心肌梗塞', '脑中风后遗症',
  '意外伤害事故', '交通事故责任认定书', '住院天数', '自费药品清单', '社保报销结算单', '免赔额', '赔付比例', '核赔意见', '调查报告', '体检报告',
  '血压正常', '医生建议定期复查', '职业类别', '年收入', '家庭成员', '配偶', '子女教育金', '养老年金领取方式', '风险测评结果', '产品风险等级',
  '投保提示书', '电子保单送达确认', '续期缴费提醒', '保单贷款申请', '红利领取', '生存金给付', '身故保险金', '全残保险金', '等待期九十天',
];
/** Two-character words of the phrases above: the short queries staff type into the box. */
const pageWords2 = ['理赔', '住院', '医疗', '保单', '受益', '门诊', '体检', '签名', '退保', '复查', '账户', '变更', '发票', '肿瘤', '事故', '免赔', '配偶', '子女', '年金', '风险', '告知', '回访', '贷款', '红利', '身故'];

interface Data {
  names: string[];
  idNumbers: string[];
  agents: string[];
  pageTexts: string[];
}

function build(db: Db, size: { customers: number; pages: number }): { data: Data; customersMs: number; pagesMs: number } {
  const random = seededRandom(20_260_115);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** Surnames are skewed as in life: the first few cover a large share. */
  const surname = () => surnames[Math.min(surnames.length - 1, Math.floor(surnames.length * random() ** 2.2))]!;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = (ms: number) => {
    const time = ms.toString(16).padStart(12, '0');
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
  };
  const start = Date.UTC(2016, 0, 1);
  const at = (ms: number) => new Date(ms).toISOString();

  const branches = ['北京朝阳支公司', '北京海淀支公司', '上海徐汇支公司'].map((name) => ({ id: uuid(start), name }));
  const insertBranch = db.prepare('INSERT INTO branches (id, name, created_at) VALUES (?, ?, ?)');
  for (const b of branches) insertBranch.run(b.id, b.name, at(start));
  const agents = Array.from({ length: 50 }, (_, i) => uuid(start + i));
  const insertUser = db.prepare("INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (?, ?, ?, 'agent', ?, ?)");
  agents.forEach((id, i) => insertUser.run(id, `agent${i}`, `代理人${i}`, branches[i % branches.length]!.id, at(start)));

  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, branch_id, type, name, sex, birth_date, id_type, id_number, id_number_rev, credit_code, mobile, address, agent_id, created_at, updated_at, completeness)
     VALUES (@id, @branch, @type, @name, @sex, @birth, @idType, @idNumber, @idNumberRev, @creditCode, @mobile, @address, @agent, @at, @at, @completeness)`,
  );
  const insertPolicy = db.prepare(
    `INSERT INTO policies (id, branch_id, policy_number, product_name, product_line, sum_insured_fen, premium_fen, payment_frequency, application_date, status, agent_id, created_at, updated_at)
     VALUES (?, ?, ?, '重大疾病保险', 'critical_illness', ?, ?, 'annual', ?, 'in_force', ?, ?, ?)`,
  );
  const insertParty = db.prepare("INSERT INTO policy_parties (policy_id, customer_id, role) VALUES (?, ?, 'policyholder')");
  const names: string[] = [];
  const idNumbers: string[] = [];
  const customerIds: string[] = [];
  const usedIds = new Set<string>();
  const batch = 5_000;
  let began = performance.now();
  for (let from = 0; from < size.customers; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(size.customers, from + batch); i++) {
        const ms = start + i * 60_000;
        const id = uuid(ms);
        const agent = pick(agents);
        const branch = branches[agents.indexOf(agent) % branches.length]!.id;
        const [region, prefix, districts] = pick(cities);
        const address = `${prefix}${pick(districts)}${pick(roads)}${int(1, 999)}号${pick(estates)}${int(1, 30)}栋${int(1, 6)}单元${int(1, 33)}${pad(int(1, 4), 2)}室`;
        const kind = random();
        let row: Record<string, unknown>;
        if (kind < 0.94) {
          const name = surname() + pick(givenChars) + (random() < 0.6 ? pick(givenChars) : '');
          let idNumber: string;
          let birth: string;
          do {
            birth = `${int(1950, 2005)}${pad(int(1, 12), 2)}${pad(int(1, 28), 2)}`;
            const first17 = `${region}${birth}${pad(int(0, 999), 3)}`;
            idNumber = first17 + residentIdCheckChar(first17);
          } while (usedIds.has(idNumber));
          usedIds.add(idNumber);
          row = {
            type: 'individual', name, sex: Number(idNumber[16]) % 2 ? 'male' : 'female', birth: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
            idType: 'resident_id', idNumber, idNumberRev: [...idNumber].reverse().join(''), creditCode: null,
          };
          names.push(name);
          idNumbers.push(idNumber);
        } else {
          const name = `${pick(cities)[1].replace(/省.*/, '').replace(/市$/, '')}${pick(companyWords)}${pick(companyTrades)}有限公司`;
          row = { type: kind < 0.99 ? 'enterprise' : 'group', name, sex: null, birth: null, idType: null, idNumber: null, idNumberRev: null, creditCode: `91${pad(i, 16)}` };
        }
        const mobile = `1${pick(['3', '5', '7', '8', '9'])}${int(0, 9)}${pad(int(0, 99_999_999), 8)}`;
        const { lastInsertRowid } = insertCustomer.run({ ...row, id, branch, mobile, address, agent, at: at(ms), completeness: int(20, 100) });
        indexCustomer(db, lastInsertRowid, { name: row.name as string, address });
        customerIds.push(id);
        const policyId = uuid(ms + 1);
        insertPolicy.run(policyId, branch, `P${2016 + Math.floor(i / (size.customers / 10))}${pad(i, 8)}`, int(10, 100) * 1_000_000, int(12, 480) * 10_000, at(ms).slice(0, 10), agent, at(ms), at(ms));
        insertParty.run(policyId, id);
      }
    }).immediate();
  }
  const customersMs = performance.now() - began;

  // Documents of 1–8 pages (4 on average), 2 % destroyed; each page has its blob row and ~150 Han characters.
  const insertBlob = db.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, ?, ?)');
  const insertDocument = db.prepare("INSERT INTO documents (id, branch_id, customer_id, state, source, created_at) VALUES (?, ?, ?, ?, 'scanner', ?)");
  const insertPage = db.prepare('INSERT INTO pages (id, document_id, page_no, blob_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const pageTexts: string[] = [];
  began = performance.now();
  let page = 0;
  let documentPagesLeft = 0;
  let documentId = '';
  let pageNo = 0;
  while (page < size.pages) {
    const end = Math.min(size.pages, page + batch);
    db.transaction(() => {
      for (; page < end; page++) {
        const ms = start + page * 6_000;
        if (documentPagesLeft === 0) {
          documentPagesLeft = int(1, 7);
          documentId = uuid(ms);
          pageNo = 0;
          const customer = Math.floor((page / size.pages) * customerIds.length);
          insertDocument.run(documentId, branches[0]!.id, customerIds[customer] ?? null, random() < 0.02 ? 'destroyed' : 'filed', at(ms));
        }
        documentPagesLeft--;
        pageNo++;
        const customerName = names[Math.floor((page / size.pages) * names.length)] ?? '';
        const text = pageText(customerName, random, pick, int);
        if (pageTexts.length < 2_000) pageTexts.push(text);
        const blobId = createHash('sha256').update(`page ${page}`).digest('hex');
        insertBlob.run(blobId, 200_000, at(ms));
        const { lastInsertRowid } = insertPage.run(uuid(ms), documentId, pageNo, blobId, text, at(ms));
        indexPage(db, lastInsertRowid, text);
      }
    }).immediate();
    if (end % 100_000 === 0) log(`  ${end.toLocaleString('en')} pages, ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }
  const pagesMs = performance.now() - began;
  return { data: { names, idNumbers, agents, pageTexts }, customersMs, pagesMs };
}

function pageText(customerName: string, random: () => number, pick: <T>(list: readonly T[]) => T, int: (min: number, max: number) => number): string {
  let text = `投保人：${customerName}。`;
  let han = [...customerName].length + 3;
  while (han < 150) {
    const phrase = pick(phrases);
    text += phrase + (random() < 0.3 ? '。' : '，');
    han += [...phrase].length;
    if (random() < 0.05) text += `${int(1, 12)}月${int(1, 28)}日`;
  }
  return text;
}

interface Query {
  query: string;
  filters?: SearchFilters;
}

function queryKinds(data: Data): Record<string, Query[]> {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const twoCharNames = data.names.filter((name) => [...name].length === 2);
  const threeCharNames = data.names.filter((name) => [...name].length === 3);
  const n = queriesPerKind;
  const times = <T>(make: () => T) => Array.from({ length: n }, make);
  return {
    'two-character name': times(() => ({ query: pick(twoCharNames) })),
    'surname + agent filter': times(() => ({ query: pick(surnames.slice(0, 30)), filters: { agentId: pick(data.agents) } })),
    'three-character name': times(() => ({ query: pick(threeCharNames) })),
    'full resident ID': times(() => ({ query: pick(data.idNumbers) })),
    'ID suffix, 4–6 characters': times(() => {
      const id = pick(data.idNumbers);
      return { query: id.slice(-(4 + Math.floor(random() * 3))) };
    }),
    'page text, two-character word': times(() => ({ query: pick(pageWords2) })),
    'page text, 3–4 character phrase': times(() => {
      const phrase = [...pick(phrases)];
      const length = 3 + Math.floor(random() * 2);
      const from = Math.floor(random() * Math.max(1, phrase.length - length + 1));
      return { query: phrase.slice(from, from + length).join('') };
    }),
    'page text, two-character word + agent filter': times(() => ({ query: pick(pageWords2), filters: { agentId: pick(data.agents) } })),
    'page text, no match': times(() => ({ query: `${pick(pageWords2)}${pick(['鲸鱼', '火箭', '钢琴', '沙漠'])}` })),
  };
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!;
}
