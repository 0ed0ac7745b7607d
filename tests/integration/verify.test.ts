import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivePaths, openArchive, type VerifyItem, type VerifyReport, verifyArchive } from '../../electron/archive/archive.js';
import { pageSize } from '../../electron/db/cipher.js';
import { adminPassword, newArchive, rawDatabase, tempDir } from '../support/archive.js';
import { seededRandom } from '../../electron/demo/generate.js';

/**
 * verifyArchive end to end, on real encrypted files: one archive with two stored pages is built
 * once, and every kind of damage is done to its own copy of the closed folder.
 */

let template: { dir: string; pageIds: [string, string]; dbPages: number; blobsRoot: number };
const copies: string[] = [];

beforeAll(async () => {
  const { dir, session, recoveryKey } = await newArchive();
  const ids: string[] = [];
  for (const text of ['投保单 第1页', '健康告知 第2页']) {
    const buf = Buffer.concat([Buffer.from(text), randomBytes(20_000)]);
    const id = await session.pages.put(buf);
    await session.db.call('blobs.register', { id, size: buf.length });
    ids.push(id);
  }
  await session.close();
  const size = statSync(archivePaths(dir).db).size;
  const raw = rawDatabase(archivePaths(dir).db, recoveryKey);
  // The blobs table's root page: signing in never reads it, PRAGMA integrity_check does.
  const blobsRoot = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'blobs'").pluck().get() as number;
  raw.close();
  template = { dir, pageIds: [ids[0]!, ids[1]!], dbPages: size / pageSize, blobsRoot };
});

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

function copyArchive(): string {
  const root = tempDir('dossier-verify-');
  copies.push(root);
  const dir = join(root, 'archive');
  cpSync(template.dir, dir, { recursive: true });
  return dir;
}

function pageFile(dir: string, id: string): string {
  return join(dir, 'pages', id.slice(0, 2), id);
}

function flipByte(file: string, offset: number, mask = 0xff): void {
  const bytes = readFileSync(file);
  bytes[offset] = bytes[offset]! ^ mask;
  writeFileSync(file, bytes);
}

function item<C extends VerifyItem['check']>(report: VerifyReport, check: C): Extract<VerifyItem, { check: C }> | undefined {
  return report.items.find((i): i is Extract<VerifyItem, { check: C }> => i.check === check);
}


describe('a sound archive', () => {
  it('verifies ok with all four items ok', async () => {
    expect(Number.isInteger(template.dbPages)).toBe(true);
    const report = await verifyArchive(copyArchive(), 'admin', adminPassword);
    expect(report.ok).toBe(true);
    expect(report.firstProblem).toBeNull();
    expect(report.items.map((i) => [i.check, i.ok])).toEqual([
      ['databasePages', true],
      ['databaseIntegrity', true],
      ['auditChain', true],
      ['pageStore', true],
    ]);
    expect(item(report, 'databasePages')).toMatchObject({ pages: template.dbPages });
    expect(item(report, 'databasePages')).not.toHaveProperty('badPage');
    expect(item(report, 'databaseIntegrity')).toMatchObject({ problems: [] });
    expect(item(report, 'pageStore')).toEqual({ check: 'pageStore', ok: true, pages: 2, missing: [], corrupt: [], unlisted: [] });
  });
});

describe('the page store', () => {
  it('lists a page file with one flipped byte as corrupt', async () => {
    const dir = copyArchive();
    const [damaged] = template.pageIds;
    const file = pageFile(dir, damaged);
    flipByte(file, Math.floor(statSync(file).size / 2));
    const report = await verifyArchive(dir, 'admin', adminPassword);
    expect(report.ok).toBe(false);
    expect(item(report, 'pageStore')).toEqual({ check: 'pageStore', ok: false, pages: 2, missing: [], corrupt: [damaged], unlisted: [] });
    expect(report.items.filter((i) => !i.ok).map((i) => i.check)).toEqual(['pageStore']);
    expect(report.firstProblem).toEqual({ messageKey: 'verify.pageCorrupt', values: { id: damaged } });
  });

  it('lists a deleted page file as missing', async () => {
    const dir = copyArchive();
    const [, deleted] = template.pageIds;
    unlinkSync(pageFile(dir, deleted));
    const report = await verifyArchive(dir, 'admin', adminPassword);
    expect(report.ok).toBe(false);
    expect(item(report, 'pageStore')).toEqual({ check: 'pageStore', ok: false, pages: 2, missing: [deleted], corrupt: [], unlisted: [] });
    expect(report.firstProblem).toEqual({ messageKey: 'verify.pageMissing', values: { id: deleted } });
  });

  it('lists a page file that the blobs table does not know as unlisted', async () => {
    const dir = copyArchive();
    const session = await openArchive(dir, 'admin', adminPassword);
    const stray = await session.pages.put(Buffer.concat([Buffer.from('未登记的页面'), randomBytes(5_000)]));
    await session.close();
    expect(existsSync(pageFile(dir, stray))).toBe(true);
    const report = await verifyArchive(dir, 'admin', adminPassword);
    expect(report.ok).toBe(false);
    expect(item(report, 'pageStore')).toEqual({ check: 'pageStore', ok: false, pages: 2, missing: [], corrupt: [], unlisted: [stray] });
    expect(report.firstProblem).toEqual({ messageKey: 'verify.pageUnlisted', values: { id: stray } });
  });
});

describe('the database file', () => {
  /**
   * A flipped byte either still lets the database open (the cipher check after the checkpoint
   * names the page) or stops it opening (verifyArchive falls back to the cipher check alone);
   * either way the report is not ok and names the page.
   */
  async function flipAndVerify(offset: number, mask = 0xff): Promise<{ offset: number; expectedPage: number; ok?: boolean; badPage?: number | null; firstProblem?: unknown; threw?: string }> {
    const dir = copyArchive();
    flipByte(archivePaths(dir).db, offset, mask);
    const expectedPage = Math.floor(offset / pageSize) + 1;
    try {
      const report = await verifyArchive(dir, 'admin', adminPassword);
      return { offset, expectedPage, ok: report.ok, badPage: item(report, 'databasePages')?.badPage, firstProblem: report.firstProblem };
    } catch (error) {
      const { code, details } = error as { code?: string; details?: unknown };
      return { offset, expectedPage, threw: `${code ?? (error as Error).message} ${JSON.stringify(details ?? null)}` };
    }
  }

  function expected(offset: number) {
    const page = Math.floor(offset / pageSize) + 1;
    return { offset, expectedPage: page, ok: false, badPage: page, firstProblem: { messageKey: 'verify.badDatabasePage', values: { page } } };
  }

  const places: [string, () => number][] = [
    ['the middle of page 3', () => 2 * pageSize + pageSize / 2],
    ['the middle of the last page', () => (template.dbPages - 1) * pageSize + pageSize / 2],
    ['the blobs table, which signing in does not read', () => (template.blobsRoot - 1) * pageSize + pageSize / 2],
    ['the salt at offset 5', () => 5],
    ['page 1 just after the salt', () => 16],
    ['the HMAC at the end of page 2', () => 2 * pageSize - 10],
    ['the IV of page 2', () => 2 * pageSize - 80 + 3],
  ];

  it.each(places)('names the page when a byte in %s is flipped', async (_where, at) => {
    const offset = at();
    expect(await flipAndVerify(offset)).toEqual(expected(offset));
  });

  it('reports every single flipped byte, wherever it is', { timeout: 180_000 }, async () => {
    const random = seededRandom(20260511);
    const size = template.dbPages * pageSize;
    const results = [];
    for (let i = 0; i < 20; i++) {
      const offset = Math.floor(random() * size);
      const mask = 1 + Math.floor(random() * 255);
      results.push(await flipAndVerify(offset, mask));
    }
    expect(results).toEqual(results.map((r) => expected(r.offset)));
  });
});
