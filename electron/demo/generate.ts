import type { CustomerInput } from '../../shared/domain/customer.js';
import type { PolicyInput } from '../../shared/domain/policy.js';
import { creditCodeCheckChar } from '../../shared/validators/credit-code.js';
import { residentIdCheckChar } from '../../shared/validators/resident-id.js';

/**
 * Realistic, checksum-valid and clearly fictitious records for trials and benchmarks: every
 * customer carries the tag 演示 (demo) and an address on 演示路 (Demo Road). Deterministic for a
 * seed, so benchmarks compare like with like.
 */
/** mulberry32: small, seeded, the same sequence on every machine (demo data, benchmarks, tests). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const givenChars = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国海燕晶晓雪宇浩然子轩欣怡雨涵梓萱一诺思远嘉豪俊杰梦琪文博佳琪'.split('');
const regions = ['110105', '110108', '310104', '310115', '440106', '440305', '330106', '320102', '510104', '420106', '500103', '610113'];
const cities: Record<string, string> = { '11': '北京市', '31': '上海市', '44': '广东省', '33': '浙江省', '32': '江苏省', '51': '四川省', '42': '湖北省', '50': '重庆市', '61': '陕西省' };
const occupations = ['教师', '工程师', '医生', '会计', '销售经理', '公务员', '个体经营', '护士', '律师', '设计师', '司机', '退休'];
const companyWords = ['华信', '恒达', '瑞丰', '金桥', '东方', '远航', '德盛', '新元', '汇通', '鼎盛'];
const companyKinds = ['科技有限公司', '贸易有限公司', '建设工程有限公司', '餐饮管理有限公司', '物流有限公司'];
const products: { name: string; line: PolicyInput['productLine']; risk: 'R1' | 'R2' | 'R3' | 'R4' }[] = [
  { name: '安康终身寿险', line: 'life', risk: 'R1' },
  { name: '守护百万医疗险', line: 'medical', risk: 'R1' },
  { name: '康宁重大疾病保险', line: 'critical_illness', risk: 'R2' },
  { name: '无忧意外伤害保险', line: 'accident', risk: 'R1' },
  { name: '鑫享年金保险', line: 'annuity', risk: 'R2' },
  { name: '稳盈投资连结保险', line: 'investment_linked', risk: 'R4' },
  { name: '安居家庭财产保险', line: 'property', risk: 'R1' },
  { name: '健康无忧住院医疗保险', line: 'health', risk: 'R1' },
];

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const digits = (rng: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function demoName(rng: () => number): string {
  return pick(rng, surnames) + pick(rng, givenChars) + (rng() < 0.6 ? pick(rng, givenChars) : '');
}

export function demoResidentId(rng: () => number, sequence: number): { idNumber: string; birthDate: string } {
  // Birth date and the three-digit sequence code both follow from the sequence number, so no
  // two IDs of a run collide however many are made; only the region is random.
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(sequence / 1000) * 19 * 86_400_000);
  const date = `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCDate())}`;
  const body = `${pick(rng, regions)}${date}${pad(sequence % 1000, 3)}`;
  return { idNumber: body + residentIdCheckChar(body), birthDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` };
}

export function demoCreditCode(rng: () => number, sequence: number): string {
  const body = `91${pick(rng, regions)}MA${pad(sequence % 10_000_000, 7)}`;
  return body + creditCodeCheckChar(body);
}

export function demoCustomer(rng: () => number, sequence: number): CustomerInput {
  const region = pick(rng, regions);
  const address = `${cities[region.slice(0, 2)] ?? ''}演示路${1 + Math.floor(rng() * 999)}号（演示数据）`;
  const mobile = `1${pick(rng, ['35', '38', '39', '50', '58', '86', '88'])}${digits(rng, 8)}`;
  const classification = {
    lifecycleStage: pick(rng, ['new', 'growing', 'mature', 'declining'] as const),
    riskLevel: pick(rng, ['high', 'medium', 'low'] as const),
    valueLevel: rng() < 0.1 ? ('high' as const) : pick(rng, ['medium', 'low'] as const),
    tags: ['演示'],
  };
  if (rng() < 0.9) {
    const { idNumber } = demoResidentId(rng, sequence);
    return {
      type: 'individual',
      name: demoName(rng),
      idNumber,
      mobile,
      address,
      occupation: pick(rng, occupations),
      riskPreference: pick(rng, ['C1', 'C2', 'C3', 'C4', 'C5'] as const),
      ...classification,
    };
  }
  return {
    type: rng() < 0.7 ? 'enterprise' : 'group',
    name: `${pick(rng, companyWords)}${pick(rng, companyKinds)}（演示）`,
    creditCode: demoCreditCode(rng, sequence),
    landline: `0${pick(rng, ['10', '21', '20', '755', '571', '28'])}-${1 + Math.floor(rng() * 8)}${digits(rng, 7)}`,
    address,
    ...classification,
  };
}

export function demoPolicy(rng: () => number, sequence: number, holderId: string, insuredIds: string[], customerRisk?: string): PolicyInput {
  const product = pick(rng, products);
  const year = 2018 + Math.floor(rng() * 9);
  const applicationDate = `${year}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`;
  const premium = Math.round(500 + rng() * 20_000);
  return {
    policyNumber: `DEMO${year}${pad(sequence, 8)}`,
    productName: product.name,
    productLine: product.line,
    policyholderId: holderId,
    insuredIds,
    beneficiaries: [],
    sumInsured: premium * (10 + Math.floor(rng() * 40)),
    premium,
    paymentFrequency: pick(rng, ['annual', 'annual', 'monthly', 'single'] as const),
    termMonths: pick(rng, [12, 120, 240, 360]),
    applicationDate,
    effectiveDate: applicationDate,
    status: pick(rng, ['in_force', 'in_force', 'in_force', 'lapsed', 'applied'] as const),
    ...(customerRisk ? { customerRiskLevel: customerRisk as PolicyInput['customerRiskLevel'] } : {}),
    productRiskClass: product.risk,
  };
}
