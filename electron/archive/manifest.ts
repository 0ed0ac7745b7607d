import { randomBytes, scrypt as scryptCallback, createCipheriv, createDecipheriv, type ScryptOptions } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile, open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { securityPolicySchema } from '../../shared/domain/security-policy.js';
import { DossierError } from '../../shared/ipc/errors.js';

export { defaultPolicy, type SecurityPolicy } from '../../shared/domain/security-policy.js';

/**
 * dossier.json marks a folder as an archive and holds, per user, the archive key wrapped under
 * a key derived from that user's password (scrypt, AES-256-GCM). Adding or removing a user or
 * changing a password rewrites one slot here and never re-encrypts the archive. It holds staff
 * user names but nothing about customers.
 */
export const manifestFile = 'dossier.json';

const slotSchema = z.object({
  userId: z.string(),
  username: z.string(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
});
export type KeySlot = z.infer<typeof slotSchema>;

const manifestSchema = z.object({
  format: z.literal('dossier-archive'),
  formatVersion: z.literal(1),
  archiveId: z.string(),
  createdAt: z.string(),
  policy: securityPolicySchema,
  slots: z.array(slotSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** scrypt cost: about 0.1 s and 32 MB per attempt on a branch PC, which is what makes guessing slow. */
const kdfCost = { N: 2 ** 15, r: 8, p: 1 };

export type FolderState = 'missing' | 'empty' | 'archive' | 'other';

export function folderState(dir: string): FolderState {
  if (!existsSync(dir)) return 'missing';
  if (existsSync(join(dir, manifestFile))) return 'archive';
  return readdirSync(dir).length === 0 ? 'empty' : 'other';
}

export function readManifest(dir: string): Manifest {
  const state = folderState(dir);
  if (state === 'missing' || state === 'empty') throw new DossierError('NO_ARCHIVE');
  if (state === 'other') throw new DossierError('NOT_AN_ARCHIVE');
  try {
    return manifestSchema.parse(JSON.parse(readFileSync(join(dir, manifestFile), 'utf8')));
  } catch {
    throw new DossierError('NOT_AN_ARCHIVE', { reason: 'manifest' });
  }
}

/** Written to a temporary file, flushed and renamed: a crash leaves the old or the new manifest, never half of one. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const target = join(dir, manifestFile);
  const staged = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(staged, JSON.stringify(manifestSchema.parse(manifest), null, 2), { flag: 'wx' });
  const handle = await openFile(staged, 'r+');
  await handle.sync();
  await handle.close();
  await rename(staged, target);
}

function scrypt(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function slotAad(archiveId: string, userId: string): Buffer {
  return Buffer.from(`dossier-key-slot/v1/${archiveId}/${userId}`);
}

export async function wrapKey(
  archiveKey: Buffer,
  password: string,
  ids: { archiveId: string; userId: string; username: string },
): Promise<KeySlot> {
  const salt = randomBytes(16);
  const kek = await scrypt(password, salt, kdfCost);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(slotAad(ids.archiveId, ids.userId));
  const ciphertext = Buffer.concat([cipher.update(archiveKey), cipher.final()]);
  kek.fill(0);
  return {
    userId: ids.userId,
    username: ids.username,
    kdf: { name: 'scrypt', ...kdfCost, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    failedAttempts: 0,
    lockedUntil: null,
  };
}

/** The archive key, or null when the password is wrong (or the slot was tampered with). */
export async function unwrapKey(slot: KeySlot, password: string, archiveId: string): Promise<Buffer | null> {
  const kek = await scrypt(password, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(slotAad(archiveId, slot.userId));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

/** Spends the same time as a real attempt, so a wrong user name cannot be told from a wrong password. */
export async function spendUnwrapTime(password: string): Promise<void> {
  await scrypt(password, randomBytes(16), kdfCost);
}
