import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';

/**
 * SQLCipher 4 settings, spelled once: the archive must stay readable by the standard `sqlcipher`
 * 4 shell with the recovery key alone, so every connection uses SQLCipher 4's defaults.
 */
export const cipherPragmas = ["cipher = 'sqlcipher'", 'legacy = 4'] as const;
export const pageSize = 4096;
const reserveSize = 80; // 16-byte IV + 64-byte HMAC-SHA512 at the end of every page
const ivSize = 16;
const hmacSize = 64;
const saltSize = 16;

export function keyPragma(key: Buffer): string {
  return `key = "x'${key.toString('hex')}'"`;
}

/** The line that opens the archive in the standard SQLCipher 4 shell. */
export function sqlcipherShellPragma(key: Buffer): string {
  return `PRAGMA key = "x'${key.toString('hex')}'";`;
}

export type PageCheck = { ok: true; pages: number } | { ok: false; pages: number; badPage: number | null; reason: 'size' | 'hmac' };

/**
 * Checks every page's HMAC the way SQLCipher 4 does, so a changed byte anywhere in the file —
 * free pages included, which PRAGMA integrity_check never reads — is found and named.
 */
export async function checkCipherPages(file: string, key: Buffer): Promise<PageCheck> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const pages = size / pageSize;
    if (size === 0 || !Number.isInteger(pages)) return { ok: false, pages: Math.floor(pages), badPage: null, reason: 'size' };
    const page = Buffer.alloc(pageSize);
    await handle.read(page, 0, pageSize, 0);
    const hmacSalt = Buffer.from(page.subarray(0, saltSize).map((b) => b ^ 0x3a));
    const hmacKey = pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');
    const pageNumber = Buffer.alloc(4);
    for (let n = 1; n <= pages; n++) {
      await handle.read(page, 0, pageSize, (n - 1) * pageSize);
      const offset = n === 1 ? saltSize : 0;
      const macStart = pageSize - reserveSize + ivSize;
      pageNumber.writeUInt32LE(n);
      const mac = createHmac('sha512', hmacKey).update(page.subarray(offset, macStart)).update(pageNumber).digest();
      if (!timingSafeEqual(mac, page.subarray(macStart, macStart + hmacSize))) return { ok: false, pages, badPage: n, reason: 'hmac' };
    }
    return { ok: true, pages };
  } finally {
    await handle.close();
  }
}
