import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PageStore } from '../../electron/archive/page-store.js';
import { DossierError } from '../../shared/ipc/errors.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'dossier-pages-'));
  roots.push(root);
  return root;
}

async function freshStore(key = randomBytes(32)): Promise<{ dir: string; key: Buffer; store: PageStore }> {
  const dir = join(tempDir(), 'archive');
  return { dir, key, store: await PageStore.open(dir, key) };
}

function pagePath(dir: string, id: string): string {
  return join(dir, 'pages', id.slice(0, 2), id);
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(path, bytes);
}

describe('PageStore', () => {
  it('round-trips empty, small, binary and 5 MB buffers', async () => {
    const { store } = await freshStore();
    const inputs = [Buffer.alloc(0), Buffer.from('a'), Buffer.from('保单 policy 2024', 'utf8'), randomBytes(4096), randomBytes(5 * 1024 * 1024)];
    const ids: string[] = [];
    for (const input of inputs) ids.push(await store.put(input));
    expect(new Set(ids).size).toBe(inputs.length);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect((await store.get(id)).equals(inputs[i]!)).toBe(true);
    }
  });

  it('addresses pages by HMAC-SHA256 under the HKDF address subkey, not by a plain hash', async () => {
    const { dir, key, store } = await freshStore();
    const data = Buffer.from('known public form, revision 3');
    const id = await store.put(data);
    const addressKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'dossier/pages/address/v1', 32));
    expect(id).toBe(createHmac('sha256', addressKey).update(data).digest('hex'));
    const plainHash = createHash('sha256').update(data).digest('hex');
    expect(id).not.toBe(plainHash);
    expect(allFiles(dir).some((file) => file.includes(plainHash))).toBe(false);
  });

  it('never writes the plaintext to any file under the folder', async () => {
    const { dir, store } = await freshStore();
    const ascii = 'DOSSIER-PLAINTEXT-MARKER-7f3a9c';
    const chinese = '张伟 110105194912310025';
    const document = Buffer.concat([randomBytes(1000), Buffer.from(`${ascii} ${chinese} `.repeat(50), 'utf8'), randomBytes(1000)]);
    const ids = [await store.put(document), await store.put(Buffer.from(ascii)), await store.put(Buffer.from(chinese, 'utf8'))];
    for (const id of ids) await store.get(id);

    const files = allFiles(dir);
    expect(files).toHaveLength(3);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(ascii, 'ascii')), relative(dir, file)).toBe(false);
      expect(bytes.includes(Buffer.from(chinese, 'utf8')), relative(dir, file)).toBe(false);
      expect(bytes.includes(Buffer.from('张伟', 'utf8')), relative(dir, file)).toBe(false);
    }
  });

  it('writes the documented format: DSP1, 12-byte IV, ciphertext, 16-byte tag', async () => {
    const { dir, store } = await freshStore();
    const data = randomBytes(1234);
    const id = await store.put(data);
    const bytes = readFileSync(pagePath(dir, id));
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('DSP1');
    expect(bytes.length).toBe(4 + 12 + data.length + 16);
  });

  it('stores the same content once, also when put concurrently', async () => {
    const { dir, store } = await freshStore();
    const data = randomBytes(2048);
    const id = await store.put(data);
    const before = readFileSync(pagePath(dir, id));
    expect(await store.put(Buffer.from(data))).toBe(id);
    expect(readFileSync(pagePath(dir, id)).equals(before)).toBe(true);

    const other = randomBytes(2048);
    const concurrent = await Promise.all([store.put(other), store.put(other), store.put(other)]);
    expect(new Set(concurrent).size).toBe(1);
    expect((await store.get(concurrent[0]!)).equals(other)).toBe(true);
    expect(allFiles(dir)).toHaveLength(2);
    expect(readdirSync(join(dir, 'staging'))).toEqual([]);
  });

  it('gives different ids under different keys, and the wrong key cannot read a page', async () => {
    const data = Buffer.from('same content');
    const a = await freshStore();
    const b = await freshStore();
    const id = await a.store.put(data);
    expect(await b.store.put(data)).not.toBe(id);

    const wrong = await PageStore.open(a.dir, randomBytes(32));
    await expect(wrong.get(id)).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id } });
    expect((await a.store.get(id)).equals(data)).toBe(true);
  });

  it('refuses a key that is not a 32-byte Buffer with a plain Error', async () => {
    const dir = join(tempDir(), 'archive');
    for (const key of [randomBytes(31), randomBytes(33), Buffer.alloc(0), 'k'.repeat(32) as unknown as Buffer]) {
      const error = await PageStore.open(dir, key).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(DossierError);
    }
  });

  it('detects one flipped byte in the magic, IV, ciphertext or tag', async () => {
    const { dir, store } = await freshStore();
    const data = randomBytes(300);
    const id = await store.put(data);
    const path = pagePath(dir, id);
    const length = statSync(path).size;
    const offsets = { magic: 0, 'magic end': 3, 'IV start': 4, 'IV end': 15, 'ciphertext start': 16, 'ciphertext middle': 166, 'ciphertext end': length - 17, 'tag start': length - 16, 'tag end': length - 1 };
    for (const [where, offset] of Object.entries(offsets)) {
      flipByte(path, offset);
      await expect(store.get(id), where).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id } });
      flipByte(path, offset);
      expect((await store.get(id)).equals(data), where).toBe(true);
    }
  });

  it('detects a truncated or extended page', async () => {
    const { dir, store } = await freshStore();
    const id = await store.put(randomBytes(100));
    const path = pagePath(dir, id);
    const original = readFileSync(path);
    for (const length of [original.length - 1, 4 + 12 + 16, 4 + 12 + 15, 10, 4, 0]) {
      writeFileSync(path, original.subarray(0, length));
      await expect(store.get(id), `length ${length}`).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id } });
    }
    writeFileSync(path, Buffer.concat([original, Buffer.from([0])]));
    await expect(store.get(id)).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id } });
    truncateSync(path, 0);
    await expect(store.get(id)).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id } });
  });

  it('reports a missing page as PAGE_MISSING', async () => {
    const { dir, store } = await freshStore();
    const id = await store.put(Buffer.from('here today'));
    rmSync(pagePath(dir, id));
    await expect(store.get(id)).rejects.toMatchObject({ code: 'PAGE_MISSING', details: { id } });
    const never = 'ab'.repeat(32);
    await expect(store.get(never)).rejects.toMatchObject({ code: 'PAGE_MISSING', details: { id: never } });
    expect(await store.has(never)).toBe(false);
  });

  it('detects two pages swapped on disk', async () => {
    const { dir, store } = await freshStore();
    const a = await store.put(Buffer.from('page A'));
    const b = await store.put(Buffer.from('page B'));
    const pathA = pagePath(dir, a);
    const pathB = pagePath(dir, b);
    const parked = join(dir, 'parked');
    renameSync(pathA, parked);
    renameSync(pathB, pathA);
    renameSync(parked, pathB);
    await expect(store.get(a)).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id: a } });
    await expect(store.get(b)).rejects.toMatchObject({ code: 'PAGE_CORRUPT', details: { id: b } });
  });

  it('treats malformed ids as missing and never follows them outside the store', async () => {
    const root = tempDir();
    const dir = join(root, 'x', 'archive');
    const store = await PageStore.open(dir, randomBytes(32));
    // A store that joined the id into a path would reach this file.
    const sentinel = join(root, 'sentinel');
    const traversal = '../../sentinel';
    expect(join(dir, 'pages', traversal.slice(0, 2), traversal)).toBe(sentinel);
    writeFileSync(sentinel, 'DSP1 not yours');

    const upper = (await store.put(Buffer.from('x'))).toUpperCase();
    for (const id of [traversal, '../../etc/passwd', 'ABC', '', upper, 'a'.repeat(63), 'a'.repeat(65), `${'a'.repeat(63)}/`]) {
      await expect(store.get(id), id).rejects.toMatchObject({ code: 'PAGE_MISSING', details: { id } });
      expect(await store.has(id), id).toBe(false);
      expect(await store.verify(id), id).toEqual({ id, ok: false, code: 'PAGE_MISSING' });
      await store.remove(id);
    }
    expect(readFileSync(sentinel, 'utf8')).toBe('DSP1 not yours');
  });

  it('creates its folders; recovery places staged pages the archive lists and clears stale unlisted ones, leaving recent ones to their writer', async () => {
    const { dir, key, store } = await freshStore();
    expect(statSync(join(dir, 'pages')).isDirectory()).toBe(true);
    expect(readdirSync(join(dir, 'staging'))).toEqual([]);
    const id = await store.put(Buffer.from('kept'));

    // Committed to the database, then the power went: staged but not yet in place.
    const listed = await store.stage(Buffer.from('listed, not yet placed'));
    // Staged, but the database never committed it.
    const stale = await store.stage(Buffer.from('never committed'));
    const inFlight = await store.stage(Buffer.from('another writer, right now'));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    writeFileSync(join(dir, 'staging', 'deadbeef.tmp'), randomBytes(64));
    mkdirSync(join(dir, 'staging', 'nested'));
    writeFileSync(join(dir, 'staging', 'nested', 'y.tmp'), 'y');
    const staleName = readdirSync(join(dir, 'staging')).find((n) => n.startsWith(stale.id))!;
    for (const name of ['deadbeef.tmp', 'nested', staleName]) utimesSync(join(dir, 'staging', name), anHourAgo, anHourAgo);

    const reopened = await PageStore.open(dir, key);
    expect(readdirSync(join(dir, 'staging'))).toHaveLength(5);
    const result = await reopened.recover(async (ids) => new Set(ids.filter((i) => i === listed.id)));
    expect(result).toEqual({ placed: 1, removed: 3 });
    expect(readdirSync(join(dir, 'staging')).map((n) => n.slice(0, 64))).toEqual([inFlight.id]);
    expect((await reopened.get(listed.id)).toString()).toBe('listed, not yet placed');
    expect(await reopened.has(stale.id)).toBe(false);
    expect((await reopened.get(id)).toString()).toBe('kept');
  });

  it('stages a page out of sight until it is committed, and stages existing content as a no-op', async () => {
    const { store } = await freshStore();
    const staged = await store.stage(Buffer.from('page'));
    expect(await store.has(staged.id)).toBe(false);
    expect(await collect(store.ids())).toEqual([]);
    await staged.commit();
    expect((await store.get(staged.id)).toString()).toBe('page');
    const again = await store.stage(Buffer.from('page'));
    expect(again.id).toBe(staged.id);
    await again.commit();
    expect(await collect(store.ids())).toEqual([staged.id]);
  });

  it('lists exactly the stored ids, skipping stray and misplaced files', async () => {
    const { dir, store } = await freshStore();
    expect(await collect(store.ids())).toEqual([]);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await store.put(Buffer.from(`page ${i}`)));
    await store.put(Buffer.from('page 3'));

    const pages = join(dir, 'pages');
    const folder = ids[1]!.slice(0, 2);
    const misplaced = `${folder === '00' ? 'ff' : '00'}${'a'.repeat(62)}`;
    const unusedFanout = ['0f', '1e', '2d'].find((name) => !ids.some((id) => id.startsWith(name)))!;
    mkdirSync(join(pages, 'zz'));
    writeFileSync(join(pages, 'zz', 'zz'.repeat(32)), 'x');
    writeFileSync(join(pages, folder, misplaced), 'wrong folder');
    writeFileSync(join(pages, folder, ids[1]!.toUpperCase()), 'upper case');
    writeFileSync(join(pages, folder, `${ids[1]!}.tmp`), 'suffix');
    mkdirSync(join(pages, ids[2]!.slice(0, 2), 'ab'.repeat(32)), { recursive: true });
    writeFileSync(join(pages, 'README'), 'not a page');
    writeFileSync(join(pages, unusedFanout), 'a file, not a folder');

    const listed = await collect(store.ids());
    expect(listed).toHaveLength(ids.length);
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(listed).toEqual([...listed].sort());
  });

  it('removes a page, overwriting its bytes first', async () => {
    const { dir, store } = await freshStore();
    const id = await store.put(randomBytes(10_000));
    const keep = await store.put(Buffer.from('keep me'));
    const path = pagePath(dir, id);
    const sealed = readFileSync(path);
    // A second link to the same inode shows what remove() left in the file's blocks.
    const witness = join(dir, 'witness');
    linkSync(path, witness);

    await store.remove(id);
    expect(existsSync(path)).toBe(false);
    expect(await store.has(id)).toBe(false);
    await expect(store.get(id)).rejects.toMatchObject({ code: 'PAGE_MISSING', details: { id } });
    expect(await collect(store.ids())).toEqual([keep]);
    const left = readFileSync(witness);
    expect(left.length).toBe(sealed.length);
    expect(left.equals(sealed)).toBe(false);
    expect(left.subarray(0, 4).toString('ascii')).not.toBe('DSP1');

    await expect(store.remove(id)).resolves.toBeUndefined();
    await expect(store.remove('cd'.repeat(32))).resolves.toBeUndefined();
    expect((await store.get(keep)).toString()).toBe('keep me');
  });

  it('verify() reports ok, missing and corrupt pages', async () => {
    const { dir, store } = await freshStore();
    const good = await store.put(Buffer.from('good'));
    const missing = await store.put(Buffer.from('missing'));
    const corrupt = await store.put(Buffer.from('corrupt'));
    rmSync(pagePath(dir, missing));
    flipByte(pagePath(dir, corrupt), -1);

    expect(await store.verify(good)).toEqual({ id: good, ok: true });
    expect(await store.verify(missing)).toEqual({ id: missing, ok: false, code: 'PAGE_MISSING' });
    expect(await store.verify(corrupt)).toEqual({ id: corrupt, ok: false, code: 'PAGE_CORRUPT' });
  });
});
