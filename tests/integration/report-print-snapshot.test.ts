import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../electron/i18n.js';
import { chromiumPrinter } from '../../electron/reports/pdf.js';
import { completenessReport } from '../../electron/reports/completeness-report.js';
import type { ReportResult } from '../../shared/ipc/methods/reports.js';
import { reportHtml, reportPdfTemplates } from '../../shared/reports/print-html.js';
import { pdfPagesText } from '../support/pdf-text.js';

/*
 * The printed report: what every page repeats, read back with pdf.js; and the first page compared
 * with a reference image, so that the layout (title, scope, generation line, key figures, table
 * with its heading, page header and footer) does not drift unnoticed. The report is made up here with fixed names, dates and user, and printed in a fixed
 * time zone, so the page is the same on every run on the same machine type (Debian bookworm,
 * fonts-noto-cjk, /usr/bin/chromium). Pages are rendered with pdf.js onto @napi-rs/canvas.
 *
 * DOSSIER_UPDATE_SNAPSHOTS=1 writes the reference anew (after a deliberate layout change; look at
 * it before committing). On a mismatch, the page and a diff image are written to test-results/.
 */

const here = dirname(fileURLToPath(import.meta.url));
const reference = join(here, '__snapshots__', 'report-completeness-page1.png');
/** A channel differing by more than this counts the pixel as changed (anti-aliasing noise stays under it). */
const channelTolerance = 48;
/** The share of changed pixels allowed: on one machine type, runs differ by none; a changed name in the header (two characters) is 0.08 %. */
const changedShare = 0.000_2;
const scale = 1.5;

const surnames = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const given = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军'];
const documents = ['身份证件复印件', '个人信息处理授权书', '投保单', '健康告知书'];

function fixedReport(): ReportResult {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const missing = documents.slice(0, 1 + (i % 3));
    return {
      customer: `${surnames[i % 10]}${given[(i * 3) % 10]}${i % 4 === 0 ? given[(i + 1) % 10] : ''}`,
      customerType: '个人',
      idNumber: `110105********${String(1000 + i * 37).slice(-4)}`,
      agent: i < 20 ? '李娜' : '王强',
      missingDocuments: missing.join('；'),
      missingCount: missing.length,
      fieldIssues: i % 5 === 0 ? '地址缺失；职业缺失' : '',
      fieldIssueCount: i % 5 === 0 ? 2 : 0,
      lowQualityPages: i % 7 === 0 ? 1 : 0,
      completeness: (30 + ((i * 7) % 60)) / 100,
    };
  });
  return {
    id: 'completeness',
    titleKey: completenessReport.titleKey,
    orientation: completenessReport.orientation,
    parameters: { from: '2026-01-01', to: '2026-10-31', customerType: 'individual' },
    scope: { customerType: '个人' },
    generatedAt: '2026-11-22T02:30:00.000Z',
    generatedBy: '赵敏',
    columns: [...completenessReport.columns],
    rows,
    rowCount: rows.length,
    totals: { customer: '合计', missingCount: 80, fieldIssueCount: 16, lowQualityPages: 6, completeness: 0.588 },
    summary: [
      { key: 'customers', labelKey: 'reports.summary.customers', type: 'integer', value: 1234 },
      { key: 'completeFiles', labelKey: 'reports.summary.completeFiles', type: 'integer', value: 1194 },
      { key: 'completenessRate', labelKey: 'reports.summary.completenessRate', type: 'percent', value: 0.9676 },
    ],
    groups: [],
    auditChain: null,
  };
}

async function firstPagePixels(pdf: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const document = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await document.getPage(1);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#ffffff' }).promise;
    return { data: Buffer.from(canvas.data()), width: canvas.width, height: canvas.height };
  } finally {
    await document.destroy();
  }
}

const png = (image: { data: Buffer; width: number; height: number }) => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).png().toBuffer();

/** Pixels whose colour differs by more than the tolerance in any channel, and an image of them in red. */
function difference(actual: { data: Buffer; width: number; height: number }, expected: { data: Buffer; width: number; height: number }) {
  const marks = Buffer.alloc(actual.data.length, 255);
  let changed = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    let most = 0;
    for (let c = 0; c < 3; c++) most = Math.max(most, Math.abs(actual.data[i + c]! - expected.data[i + c]!));
    if (most > channelTolerance) {
      changed++;
      marks.set([255, 0, 0, 255], i);
    }
  }
  return { share: changed / (actual.data.length / 4), marks };
}

let pdf: Buffer;

beforeAll(async () => {
  const printer = chromiumPrinter();
  try {
    const t = translator('zh-CN');
    const report = fixedReport();
    pdf = await printer.print(reportHtml(report, t, 'zh-CN', { pageBoxes: false, timeZone: 'Asia/Shanghai' }), reportPdfTemplates(report, t, 'zh-CN', 'Asia/Shanghai'));
  } finally {
    await printer.close();
  }
}, 60_000);

describe('the printed report', () => {
  it('repeats the title, the generation line, the table heading and page x of y on every page', async () => {
    const pages = await pdfPagesText(pdf);
    expect(pages).toHaveLength(3);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('档案完整性报告');
      expect(text, `page ${i + 1}`).toContain('生成时间 2026/11/22 10:30,生成人 赵敏');
      expect(text, `page ${i + 1}`).toContain('缺失或质量不合格的资料');
      expect(text, `page ${i + 1}`).toContain(`第 ${i + 1} 页,共 3 页`);
      expect(text, `page ${i + 1}`).toContain('机密');
    });
  });

  it('has a first page that matches the reference image of the completeness report, within a small tolerance', async () => {
    const actual = await firstPagePixels(pdf);

    if (process.env.DOSSIER_UPDATE_SNAPSHOTS === '1') {
      mkdirSync(dirname(reference), { recursive: true });
      writeFileSync(reference, await png(actual));
    }
    if (!existsSync(reference)) throw new Error(`no reference image ${reference}: make it with DOSSIER_UPDATE_SNAPSHOTS=1, look at it, and commit it`);
    const stored = await sharp(readFileSync(reference)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const expected = { data: stored.data, width: stored.info.width, height: stored.info.height };
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    const { share, marks } = difference(actual, expected);
    if (share > changedShare) {
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/report-completeness-page1.actual.png', await png(actual));
      writeFileSync('test-results/report-completeness-page1.diff.png', await png({ ...actual, data: marks }));
    }
    expect(share, 'share of changed pixels (see test-results/report-completeness-page1.*.png)').toBeLessThanOrEqual(changedShare);
  });
});
