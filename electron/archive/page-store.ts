import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DossierError } from '../../shared/ipc/errors.js';

const MAGIC = Buffer.from('DSP1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES;
const ID_PATTERN = /^[0-9a-f]{64}$/;
const FANOUT_PATTERN = /^[0-9a-f]{2}$/;
const staleStagingMs = 10 * 60_000;

const STAGED_SUFFIX = '.staged';

export interface StagedPage {
  id: string;
  size: number;
  /** Moves the sealed page into the store; a no-op when the store already held this content. */
  commit(): Promise<void>;
  /** Drops the staged page: the database did not take it. */
  discard(): Promise<void>;
}

export type PageCheck = { id: string; ok: true } | { id: string; ok: false; code: 'PAGE_MISSING' | 'PAGE_CORRUPT' };

/**
 * Content-addressed store of encrypted, authenticated pages: `pages/<id[0..2]>/<id>`.
 * The caller must hold the archive lock; a second store on the same folder would
 * clear the first one's in-flight staging files.
 */
export class PageStore {
  readonly #pages: string;
  readonly #staging: string;
  readonly #addressKey: Buffer;
  readonly #encryptKey: Buffer;

  private constructor(dir: string, key: Buffer) {
    this.#pages = join(dir, 'pages');
    this.#staging = join(dir, 'staging');
    // Separate subkeys so the address MAC and the cipher never share key material.
    this.#addressKey = subkey(key, 'dossier/pages/address/v1');
    this.#encryptKey = subkey(key, 'dossier/pages/encrypt/v1');
  }

  static async open(dir: string, key: Buffer): Promise<PageStore> {
    if (!Buffer.isBuffer(key) || key.length !== 32) throw new Error('PageStore key must be a 32-byte Buffer');
    const store = new PageStore(dir, key);
    await mkdir(store.#pages, { recursive: true });
    await mkdir(store.#staging, { recursive: true });
    return store;
  }

  async put(data: Buffer): Promise<string> {
    const staged = await this.stage(data);
    await staged.commit();
    return staged.id;
  }

  /**
   * Seals a page into the staging folder under its id; `commit()` moves it into place. Callers
   * register the id in the database between the two, so that a crash leaves either a staged
   * page nobody refers to, or a registered page that recover() moves into place: never a stored
   * page the archive does not list.
   */
  async stage(data: Buffer): Promise<StagedPage> {
    const id = this.#address(data).toString('hex');
    if (await this.has(id)) return { id, size: data.length, commit: async () => undefined, discard: async () => undefined };

    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptKey, iv, { authTagLength: TAG_BYTES });
    // Binding the id makes a page moved to another page's name fail authentication.
    cipher.setAAD(Buffer.from(id, 'hex'));
    const sealed = Buffer.concat([MAGIC, iv, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
    const temp = join(this.#staging, `${id}.${randomBytes(8).toString('hex')}${STAGED_SUFFIX}`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(sealed);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { id, size: data.length, commit: () => this.#place(temp, id), discard: () => rm(temp, { force: true }) };
  }

  /**
   * After a crash: moves staged pages the database lists into place and deletes the others.
   * Unlisted ones younger than ten minutes may belong to another process on the same archive
   * (the CLI beside the desktop app) that has not committed yet: those stay.
   */
  async recover(listed: (ids: string[]) => Promise<ReadonlySet<string>>): Promise<{ placed: number; removed: number }> {
    const staged = new Map<string, string[]>();
    const cutoff = Date.now() - staleStagingMs;
    let removed = 0;
    for (const name of await readdir(this.#staging)) {
      const path = join(this.#staging, name);
      const id = name.slice(0, 64);
      if (name.endsWith(STAGED_SUFFIX) && ID_PATTERN.test(id)) staged.set(id, [...(staged.get(id) ?? []), path]);
      else {
        const info = await stat(path).catch(() => null);
        if (info && info.mtimeMs < cutoff) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
      }
    }
    const known = await listed([...staged.keys()]);
    let placed = 0;
    for (const [id, paths] of staged) {
      for (const path of paths) {
        if (known.has(id) && !(await this.has(id))) {
          await this.#place(path, id);
          placed++;
          continue;
        }
        const info = await stat(path).catch(() => null);
        if (known.has(id) || (info && info.mtimeMs < cutoff)) {
          await rm(path, { force: true });
          removed++;
        }
      }
    }
    return { placed, removed };
  }

  async #place(temp: string, id: string): Promise<void> {
    const target = this.#path(id);
    const folder = dirname(target);
    try {
      const created = await mkdir(folder, { recursive: true });
      // Rename is atomic, so readers see either no page or a complete one; a concurrent put
      // of the same content just replaces one valid sealing with another.
      await rename(temp, target);
      await syncDirectory(folder);
      if (created !== undefined) await syncDirectory(this.#pages);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(id: string): Promise<Buffer> {
    if (!ID_PATTERN.test(id)) throw new DossierError('PAGE_MISSING', { id });
    let sealed: Buffer;
    try {
      sealed = await readFile(this.#path(id));
    } catch (error) {
      if (hasCode(error, 'ENOENT', 'ENOTDIR')) throw new DossierError('PAGE_MISSING', { id });
      throw error;
    }
    const plain = this.#unseal(id, sealed);
    if (plain === undefined) throw new DossierError('PAGE_CORRUPT', { id });
    return plain;
  }

  async has(id: string): Promise<boolean> {
    if (!ID_PATTERN.test(id)) return false;
    try {
      return (await stat(this.#path(id))).isFile();
    } catch (error) {
      if (hasCode(error, 'ENOENT', 'ENOTDIR')) return false;
      throw error;
    }
  }

  /** Deletes a page for every caller: content addressing means reference counting is the caller's job. */
  async remove(id: string): Promise<void> {
    if (!ID_PATTERN.test(id)) return;
    const path = this.#path(id);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r+');
    } catch (error) {
      if (hasCode(error, 'ENOENT', 'ENOTDIR')) return;
      throw error;
    }
    try {
      // The bytes are ciphertext already, but overwriting keeps them from a future key compromise.
      // Best effort only: SSD wear levelling and copy-on-write file systems may keep old blocks.
      const { size } = await handle.stat();
      const noise = randomBytes(size);
      for (let done = 0; done < size; ) done += (await handle.write(noise, done, size - done, done)).bytesWritten;
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rm(path, { force: true });
    await syncDirectory(dirname(path));
  }

  async *ids(): AsyncGenerator<string> {
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const folder of (await readdir(this.#pages, { withFileTypes: true })).sort(byName)) {
      if (!folder.isDirectory() || !FANOUT_PATTERN.test(folder.name)) continue;
      for (const entry of (await readdir(join(this.#pages, folder.name), { withFileTypes: true })).sort(byName)) {
        // get() only looks in the id's own fan-out folder, so a misplaced file is not a stored page.
        if (entry.isFile() && ID_PATTERN.test(entry.name) && entry.name.startsWith(folder.name)) yield entry.name;
      }
    }
  }

  async verify(id: string): Promise<PageCheck> {
    try {
      await this.get(id);
      return { id, ok: true };
    } catch (error) {
      if (error instanceof DossierError && (error.code === 'PAGE_MISSING' || error.code === 'PAGE_CORRUPT')) {
        return { id, ok: false, code: error.code };
      }
      throw error;
    }
  }

  #address(data: Buffer): Buffer {
    return createHmac('sha256', this.#addressKey).update(data).digest();
  }

  #path(id: string): string {
    return join(this.#pages, id.slice(0, 2), id);
  }

  /** Returns undefined for anything that is not a page sealed under this key for this id. */
  #unseal(id: string, sealed: Buffer): Buffer | undefined {
    if (sealed.length < HEADER_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const idBytes = Buffer.from(id, 'hex');
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptKey, sealed.subarray(MAGIC.length, HEADER_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(idBytes);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      return undefined;
    }
    // Defence in depth: the content must really hash to the name it is stored under.
    return timingSafeEqual(this.#address(plain), idBytes) ? plain : undefined;
  }
}

function subkey(key: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
}

/** Makes a rename or unlink durable; Windows cannot fsync a directory, and NTFS does not need it. */
async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    if (!hasCode(error, 'EISDIR', 'EPERM')) throw error;
  } finally {
    await handle?.close();
  }
}

function hasCode(error: unknown, ...codes: string[]): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}
