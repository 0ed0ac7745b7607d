import type { DbClient } from '../db/client.js';
import type { PageStore } from './page-store.js';

/**
 * Finishes deleting blobs marked for deletion (all of them, or these): the files go first, then
 * their rows. A crash in between leaves marked rows whose files may be gone, which the next run
 * finishes; never an unlisted file.
 */
export async function finishDeletions(db: DbClient, pages: PageStore, ids?: readonly string[]): Promise<void> {
  const marked = new Set(await db.call('blobs.deleting'));
  const doomed = (ids ?? [...marked]).filter((id) => marked.has(id));
  for (const id of doomed) await pages.remove(id);
  if (doomed.length > 0) await db.call('blobs.forget', { ids: doomed });
}

/** At sign-in: completes what an interrupted write or deletion left in the page store. */
export async function recoverPageStore(db: DbClient, pages: PageStore): Promise<void> {
  await pages.recover(async (ids) => new Set(await db.call('blobs.known', { ids })));
  await finishDeletions(db, pages);
}
