import { resolve } from 'node:path';
import { createArchive, openArchive } from '../archive/archive.js';
import { folderState } from '../archive/manifest.js';
import { type CommandContext, readPassword, required } from './archive-commands.js';
import { exitCodes, UsageError } from './io.js';

/** The demo archive's administrator; printed, since a demo is for trying things out. */
export const demoCredentials = { username: 'demo', password: 'dossier-demo' } as const;

/**
 * `dossier demo --data DIR --customers N`: creates a demo archive (administrator demo /
 * dossier-demo) when the folder has none, or adds to an existing one with --user and password.
 */
export async function demoCommand(context: CommandContext): Promise<number> {
  const { t, io } = context;
  const dir = resolve(required(context, 'data'));
  const count = Number(context.values.customers ?? 200);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new UsageError(t('cli.badCount', { option: '--customers' }));
  const fresh = folderState(dir) === 'missing' || folderState(dir) === 'empty';
  const session = fresh
    ? (await createArchive(dir, { ...demoCredentials, displayName: t('cli.demoAdmin'), branchName: t('cli.demoBranch') })).session
    : await openArchive(dir, required(context, 'user'), await readPassword(context));
  try {
    const filled = await session.db.call('demo.fill', { actorId: session.user.id, customers: count, seed: Date.now() % 2 ** 31 });
    if (context.json) io.out(JSON.stringify({ ok: true, dataDir: dir, ...filled, ...(fresh ? { credentials: demoCredentials } : {}) }));
    else {
      io.out(t('cli.demoFilled', { customers: filled.customers, policies: filled.policies, dir }));
      if (fresh) io.out(t('cli.demoCredentials', demoCredentials));
    }
  } finally {
    await session.close();
  }
  return exitCodes.ok;
}
