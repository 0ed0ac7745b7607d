import type { CustomerType } from '../../shared/domain/customer.js';
import type { DocumentCategory, DocumentTypeNames, Retention } from '../../shared/domain/document-type.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { type ProductLine, productLines } from '../../shared/domain/policy.js';
import type { Db } from '../db/connection.js';

export interface CatalogueEntry {
  code: string;
  category: DocumentCategory;
  names: DocumentTypeNames;
  requiredFor: { customerTypes?: CustomerType[]; productLines?: ProductLine[] };
  sensitive: boolean;
  retention: Retention;
  /** Words printed on this kind of paper, in Chinese and English, that help classify an OCR'd scan. */
  keywords: string[];
}

/** Insurance Law art. 87: from termination, 5 years for terms of one year or less, 10 for longer. */
const byTerm: Retention = { basis: 'termination', years: null };
const everyPolicy: ProductLine[] = [...productLines];

/**
 * The document types a new archive starts with (H7.1, S2): administrators and archivists edit
 * them afterwards. Codes are stable identifiers (cover sheets and classification name them);
 * names are shown in the user's language.
 */
export const documentTypeCatalogue: readonly CatalogueEntry[] = [
  // Basic information 基本信息
  {
    code: 'id_copy',
    category: 'basic',
    names: { 'zh-CN': '身份证复印件', 'zh-TW': '身分證影本', en: 'ID card copy' },
    requiredFor: { customerTypes: ['individual'] },
    sensitive: false,
    retention: byTerm,
    keywords: ['居民身份证', '公民身份号码', '签发机关', '有效期限', '中华人民共和国', '民族', '住址', '出生', 'Resident Identity Card', 'ID card'],
  },
  {
    code: 'business_licence',
    category: 'basic',
    names: { 'zh-CN': '营业执照', 'zh-TW': '營業執照', en: 'Business licence' },
    requiredFor: { customerTypes: ['enterprise', 'group'] },
    sensitive: false,
    retention: byTerm,
    keywords: ['营业执照', '统一社会信用代码', '法定代表人', '注册资本', '成立日期', '营业期限', '经营范围', '登记机关', '住所', 'Business License', 'Unified Social Credit Code'],
  },
  {
    code: 'legal_rep_id',
    category: 'basic',
    names: { 'zh-CN': '法定代表人身份证复印件', 'zh-TW': '法定代表人身分證影本', en: "Legal representative's ID copy" },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['法定代表人', '法人代表', '居民身份证', '公民身份号码', '签发机关', 'Legal Representative', 'ID card'],
  },
  {
    code: 'pi_consent',
    category: 'basic',
    names: { 'zh-CN': '个人信息授权同意书', 'zh-TW': '個人資料授權同意書', en: 'Consent to personal information processing' },
    requiredFor: { customerTypes: ['individual'] },
    sensitive: false,
    retention: byTerm,
    keywords: ['个人信息', '授权同意书', '个人信息保护', '敏感个人信息', '处理目的', '同意', '撤回', '授权人', 'Personal Information', 'Consent', 'PIPL'],
  },
  // Contract 承保与合同
  {
    code: 'application_form',
    category: 'contract',
    names: { 'zh-CN': '投保单', 'zh-TW': '要保書', en: 'Application form' },
    requiredFor: { productLines: everyPolicy },
    sensitive: false,
    retention: byTerm,
    keywords: ['投保单', '投保书', '投保人', '被保险人', '受益人', '投保须知', '投保日期', '险种名称', '保险金额', '投保人签名', 'Application Form', 'Policyholder', 'Insured'],
  },
  {
    code: 'health_declaration',
    category: 'contract',
    names: { 'zh-CN': '健康告知书', 'zh-TW': '健康告知書', en: 'Health declaration' },
    requiredFor: { productLines: ['life', 'health', 'critical_illness', 'medical'] },
    sensitive: true,
    retention: byTerm,
    keywords: ['健康告知', '告知事项', '既往病史', '是否曾患有', '住院', '手术', '身高', '体重', '吸烟', '饮酒', 'Health Declaration', 'Medical History'],
  },
  {
    code: 'policy_contract',
    category: 'contract',
    names: { 'zh-CN': '保险合同', 'zh-TW': '保險契約', en: 'Policy contract' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['保险合同', '保险单', '保单号', '合同生效日', '保险责任', '责任免除', '保险期间', '犹豫期', '条款', 'Policy Contract', 'Policy Schedule', 'Policy No'],
  },
  {
    code: 'beneficiary_designation',
    category: 'contract',
    names: { 'zh-CN': '受益人指定书', 'zh-TW': '受益人指定書', en: 'Beneficiary designation' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['受益人', '指定受益人', '受益顺序', '受益份额', '身故保险金受益人', '与被保险人关系', 'Beneficiary', 'Designation'],
  },
  {
    code: 'bank_authorisation',
    category: 'contract',
    names: { 'zh-CN': '银行转账授权书', 'zh-TW': '銀行轉帳授權書', en: 'Bank transfer authorisation' },
    requiredFor: {},
    // Financial account data: sensitive personal information under PIPL art. 28.
    sensitive: true,
    retention: byTerm,
    keywords: ['银行转账授权书', '转账授权', '开户银行', '银行账号', '账户名', '续期保费', '自动转账', '扣款', 'Auto-debit Authorization', 'Bank Account'],
  },
  {
    code: 'risk_questionnaire',
    category: 'contract',
    names: { 'zh-CN': '风险测评问卷', 'zh-TW': '風險測評問卷', en: 'Risk assessment questionnaire' },
    requiredFor: { productLines: ['investment_linked', 'annuity'] },
    sensitive: false,
    retention: byTerm,
    keywords: ['风险测评', '风险评估问卷', '风险承受能力', '投资经验', '投资目的', '保守型', '稳健型', '平衡型', '成长型', '进取型', 'Risk Assessment', 'Risk Tolerance'],
  },
  {
    code: 'suitability_confirmation',
    category: 'contract',
    names: { 'zh-CN': '适当性确认书', 'zh-TW': '適當性確認書', en: 'Suitability confirmation' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['适当性', '确认书', '风险匹配', '产品风险等级', '风险不匹配', '风险提示', '投资者适当性', 'Suitability', 'Risk Disclosure'],
  },
  // Claims 理赔
  {
    code: 'claim_application',
    category: 'claims',
    names: { 'zh-CN': '理赔申请书', 'zh-TW': '理賠申請書', en: 'Claim application' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['理赔申请书', '理赔申请', '出险日期', '出险经过', '申请人', '领款人', '保险金给付', '索赔', 'Claim Form', 'Claim Application'],
  },
  {
    code: 'medical_records',
    category: 'claims',
    names: { 'zh-CN': '病历资料', 'zh-TW': '病歷資料', en: 'Medical records' },
    requiredFor: {},
    // Medical and health information: sensitive personal information under PIPL art. 28.
    sensitive: true,
    retention: byTerm,
    keywords: ['病历', '门诊病历', '住院病案', '出院小结', '出院记录', '诊断证明', '诊断书', '主诉', '入院日期', 'Medical Record', 'Discharge Summary', 'Diagnosis'],
  },
  {
    code: 'invoices_receipts',
    category: 'claims',
    names: { 'zh-CN': '发票及收据', 'zh-TW': '發票及收據', en: 'Invoices and receipts' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['发票', '收据', '医疗收费票据', '电子票据', '票据代码', '票据号码', '收款单位', '医疗费用', '合计金额', 'Invoice', 'Receipt'],
  },
  // Service records 服务记录
  {
    code: 'change_request',
    category: 'service',
    names: { 'zh-CN': '保全变更申请书', 'zh-TW': '保全變更申請書', en: 'Policy change request' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['保全', '变更申请书', '保全变更', '变更项目', '变更前', '变更后', '保单号', '申请人签名', 'Policy Change', 'Endorsement'],
  },
  {
    code: 'return_visit_record',
    category: 'service',
    names: { 'zh-CN': '回访记录', 'zh-TW': '回訪記錄', en: 'Return-visit record' },
    requiredFor: {},
    sensitive: false,
    retention: byTerm,
    keywords: ['回访', '回访记录', '回访日期', '回访方式', '电话回访', '新契约回访', '犹豫期', '满意度', 'Return Visit', 'Callback'],
  },
  {
    code: 'complaint_record',
    category: 'service',
    names: { 'zh-CN': '投诉记录', 'zh-TW': '投訴記錄', en: 'Complaint record' },
    requiredFor: {},
    sensitive: false,
    retention: { basis: 'creation', years: 5 },
    keywords: ['投诉', '投诉记录', '投诉人', '投诉事项', '受理', '处理结果', '答复', '投诉编号', 'Complaint'],
  },
];

/**
 * Inserts every catalogue type whose code the archive does not have yet; existing types (and an
 * administrator's edits to them) are left alone. A later migration that extends the catalogue
 * calls this again.
 */
export function seedDocumentTypes(db: Db, at: Date = new Date()): number {
  const insert = db.prepare(
    `INSERT INTO document_types (id, code, category, names, required_for, sensitive, retention, keywords, active, created_at, updated_at)
     VALUES (@id, @code, @category, @names, @requiredFor, @sensitive, @retention, @keywords, 1, @at, @at)
     ON CONFLICT (code) DO NOTHING`,
  );
  let added = 0;
  for (const entry of documentTypeCatalogue) {
    added += insert.run({
      id: uuidv7(at.getTime()),
      code: entry.code,
      category: entry.category,
      names: JSON.stringify(entry.names),
      requiredFor: JSON.stringify(entry.requiredFor),
      sensitive: entry.sensitive ? 1 : 0,
      retention: JSON.stringify(entry.retention),
      keywords: JSON.stringify(entry.keywords),
      at: at.toISOString(),
    }).changes;
  }
  return added;
}
