import { resolve } from 'node:path';
import type { TFunction } from 'i18next';
import { searchInput, type SearchResult } from '../../shared/ipc/methods/search.js';
import { openArchive } from '../archive/archive.js';
import { archiveOptions, type CommandContext, readPassword, required } from './archive-commands.js';
import { exitCodes, UsageError } from './io.js';

export const searchOptions = {
  ...archiveOptions,
  type: { type: 'string' },
  limit: { type: 'string' },
} as const;

/**
 * `dossier search QUERY`: the search box on the command line. The words after the verb are the
 * query; --type and --limit are checked by the same schema as the IPC method.
 */
export async function searchCommand(context: CommandContext, args: string[]): Promise<number> {
  const { t, io } = context;
  const query = args.join(' ').trim();
  if (query === '') throw new UsageError(t('cli.searchNoQuery'));
  const type = context.values.type;
  const limit = context.values.limit;
  if (typeof limit === 'string' && !/^\d+$/.test(limit.trim())) throw new UsageError(t('cli.searchBadOption', { option: '--limit' }));
  const parsed = searchInput.safeParse({
    query,
    ...(typeof type === 'string' ? { filters: { type } } : {}),
    ...(typeof limit === 'string' ? { limit: Number(limit) } : {}),
  });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'query');
    throw new UsageError(t('cli.searchBadOption', { option: field === 'filters' ? '--type' : field === 'limit' ? '--limit' : 'QUERY' }));
  }
  const dir = resolve(required(context, 'data'));
  const user = required(context, 'user');
  const session = await openArchive(dir, user, await readPassword(context));
  let results: SearchResult[];
  try {
    results = await session.db.call('search.query', { actorId: session.user.id, ...parsed.data });
  } finally {
    await session.close();
  }
  if (context.json) io.out(JSON.stringify(results));
  else io.out(results.length === 0 ? t('search.none') : results.map((r) => describe(r, t)).join('\n'));
  return exitCodes.ok;
}

/** One line: kind, name, masked identifiers (or the page and its snippet), and why it matched. */
function describe(result: SearchResult, t: TFunction): string {
  const reason = t(result.reason.key, result.reason.values);
  if (result.kind === 'customer') {
    const ids = [result.idNumber, result.creditCode, result.mobile].filter((v): v is string => typeof v === 'string' && v !== '');
    return [t('search.kind.customer'), result.name, ...ids, reason].join('  ');
  }
  const { before, hit, after } = result.snippet;
  return [t('search.kind.page'), result.customerName ?? '—', `${before}«${hit}»${after}`, reason].join('  ');
}
