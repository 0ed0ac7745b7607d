import { managesSources } from '../../shared/domain/access.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { DossierError } from '../../shared/ipc/errors.js';
import { type IngestSettings, ingestSettingsSchema } from '../../shared/ipc/methods/ingest.js';
import { appendAudit } from '../archive/audit-log.js';
import { activeUser } from '../archive/ops.js';
import type { Db } from '../db/connection.js';

/** Hot folders and OCR settings: the archive's ingest configuration, changed by the archivist or administrator. */

export interface HotFolderRow {
  id: string;
  name: string;
  path: string;
  mode: 'watch' | 'poll';
  intervalSeconds: number;
  stabilitySeconds: number;
  enabled: boolean;
}

const settingsKey = 'ingest.settings';
const defaultSettings: IngestSettings = { ocr: true, traditionalChinese: false };

function requireSources(db: Db, actorId: string) {
  const actor = activeUser(db, actorId);
  if (!managesSources(actor.role)) throw new DossierError('PERMISSION_DENIED');
  return actor;
}

function hotFolders(db: Db, where = '1', params: unknown[] = []): HotFolderRow[] {
  return (
    db
      .prepare(`SELECT id, name, path, mode, interval_seconds, stability_seconds, enabled FROM hot_folders WHERE ${where} ORDER BY name, id`)
      .all(...params) as { id: string; name: string; path: string; mode: 'watch' | 'poll'; interval_seconds: number; stability_seconds: number; enabled: number }[]
  ).map((r) => ({ id: r.id, name: r.name, path: r.path, mode: r.mode, intervalSeconds: r.interval_seconds, stabilitySeconds: r.stability_seconds, enabled: r.enabled === 1 }));
}

export function readIngestSettings(db: Db): IngestSettings {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(settingsKey) as string | undefined;
  const parsed = ingestSettingsSchema.safeParse(stored ? JSON.parse(stored) : {});
  return parsed.success ? { ...defaultSettings, ...parsed.data } : defaultSettings;
}

export const sourceOps = {
  /** Every enabled hot folder, for the watchers (no permission: the service reads its own configuration). */
  'hotFolders.enabled'(db: Db): HotFolderRow[] {
    return hotFolders(db, 'enabled = 1');
  },

  'hotFolders.list'(db: Db, a: { actorId: string }): HotFolderRow[] {
    requireSources(db, a.actorId);
    return hotFolders(db);
  },

  'hotFolders.add'(db: Db, a: { actorId: string; name: string; path: string; mode: 'watch' | 'poll' }): HotFolderRow {
    return db.transaction(() => {
      const actor = requireSources(db, a.actorId);
      if (db.prepare('SELECT 1 FROM hot_folders WHERE path = ?').get(a.path)) throw new DossierError('INVALID_INPUT', { reason: 'hotFolderExists' });
      const id = uuidv7();
      db.prepare('INSERT INTO hot_folders (id, branch_id, name, path, mode, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, actor.branchId, a.name, a.path, a.mode, new Date().toISOString());
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'hotFolder.add', objectType: 'hotFolder', objectId: id, outcome: 'success', details: { mode: a.mode } });
      return hotFolders(db, 'id = ?', [id])[0]!;
    }).immediate();
  },

  'hotFolders.update'(db: Db, a: { actorId: string; id: string; changes: Partial<Omit<HotFolderRow, 'id' | 'path'>> }): HotFolderRow {
    return db.transaction(() => {
      const actor = requireSources(db, a.actorId);
      const [current] = hotFolders(db, 'id = ?', [a.id]);
      if (!current) throw new DossierError('NOT_FOUND');
      const next = { ...current, ...a.changes };
      db.prepare('UPDATE hot_folders SET name = ?, mode = ?, interval_seconds = ?, stability_seconds = ?, enabled = ? WHERE id = ?').run(
        next.name, next.mode, next.intervalSeconds, next.stabilitySeconds, next.enabled ? 1 : 0, a.id,
      );
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'hotFolder.update', objectType: 'hotFolder', objectId: a.id, outcome: 'success', details: a.changes });
      return hotFolders(db, 'id = ?', [a.id])[0]!;
    }).immediate();
  },

  'hotFolders.remove'(db: Db, a: { actorId: string; id: string }): void {
    db.transaction(() => {
      const actor = requireSources(db, a.actorId);
      if (db.prepare('DELETE FROM hot_folders WHERE id = ?').run(a.id).changes === 0) throw new DossierError('NOT_FOUND');
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'hotFolder.remove', objectType: 'hotFolder', objectId: a.id, outcome: 'success' });
    }).immediate();
  },

  'ingest.settings'(db: Db): IngestSettings {
    return readIngestSettings(db);
  },

  'ingest.setSettings'(db: Db, a: { actorId: string; changes: Partial<IngestSettings> }): IngestSettings {
    return db.transaction(() => {
      const actor = requireSources(db, a.actorId);
      const next = { ...readIngestSettings(db), ...a.changes };
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(settingsKey, JSON.stringify(next));
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'ingest.settingsChange', objectType: 'archive', outcome: 'success', details: a.changes });
      return next;
    }).immediate();
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
