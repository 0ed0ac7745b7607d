import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openArchive } from '../archive/archive.js';
import type { ArchiveSession } from '../archive/archive.js';
import { type CommandContext, readPassword, required } from './archive-commands.js';
import { exitCodes, UsageError } from './io.js';

/** Opens the archive named by --data/--user/password for one verb, and always closes it. */
export async function withArchive<T>(context: CommandContext, work: (session: ArchiveSession) => Promise<T>): Promise<T> {
  const session = await openArchive(resolve(required(context, 'data')), required(context, 'user'), await readPassword(context));
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** `dossier customer add --json-file F`: the JSON is validated exactly as the form validates. */
export async function customerAddCommand(context: CommandContext): Promise<number> {
  const file = required(context, 'json-file');
  let customer: unknown;
  try {
    customer = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new UsageError(context.t('cli.unreadableJson', { file }));
  }
  const view = await withArchive(context, (session) => session.db.call('customers.create', { actorId: session.user.id, customer }));
  context.io.out(context.json ? JSON.stringify({ ok: true, customer: view }) : context.t('cli.customerAdded', { name: view.name, id: view.id }));
  return exitCodes.ok;
}

/** `dossier customer show ID`: the file as the user's role may see it; the read is audited. */
export async function customerShowCommand(context: CommandContext, id: string | undefined): Promise<number> {
  if (!id) throw new UsageError(context.t('cli.missingArgument', { argument: 'ID' }));
  const { customer, policies } = await withArchive(context, async (session) => {
    const customer = await session.db.call('customers.get', { actorId: session.user.id, id });
    const policies = await session.db.call('policies.forCustomer', { actorId: session.user.id, customerId: id });
    return { customer, policies };
  });
  if (context.json) {
    context.io.out(JSON.stringify({ ok: true, customer, policies }));
  } else {
    const lines = Object.entries(customer)
      .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => `${key.padEnd(16)} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
    for (const policy of policies) lines.push(`${'policy'.padEnd(16)} ${policy.policyNumber} ${policy.productName} (${policy.status})`);
    context.io.out(lines.join('\n'));
  }
  return exitCodes.ok;
}
