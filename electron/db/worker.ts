import { parentPort, workerData } from 'node:worker_threads';
import { DossierError } from '../../shared/ipc/errors.js';
import { asDossierError, openDatabase } from './connection.js';
import { type OpName, ops } from './ops.js';

/**
 * The database worker: owns the one connection so that SQL never runs on the Electron main
 * thread. Each message names one op from ops.ts; replies carry the result or a serialised error.
 */
export interface WorkerInit {
  file: string;
  key: Uint8Array;
  create: boolean;
  backupDir: string;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerialisedError };
export type SerialisedError = { code: string; details?: Record<string, unknown>; messageKey?: string; message?: string };

function serialise(error: unknown): SerialisedError {
  const known = asDossierError(error);
  if (known instanceof DossierError) return { code: known.code, messageKey: known.messageKey, ...(known.details ? { details: known.details } : {}) };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

const port = parentPort!;
const init = workerData as WorkerInit;
const key = Buffer.from(init.key);
try {
  const db = openDatabase(init.file, key, { create: init.create, backupDir: init.backupDir });
  key.fill(0);
  port.on('message', (message: { id: number; op: OpName | '__close'; args: unknown }) => {
    if (message.op === '__close') {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      port.postMessage({ id: message.id, ok: true, value: null } satisfies WorkerReply);
      port.close();
      return;
    }
    try {
      const op = ops[message.op] as (db: unknown, args: unknown) => unknown;
      port.postMessage({ id: message.id, ok: true, value: op(db, message.args) } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, error: serialise(error) } satisfies WorkerReply);
    }
  });
  port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies WorkerReply);
} catch (error) {
  key.fill(0);
  port.postMessage({ id: 0, ok: false, error: serialise(error) } satisfies WorkerReply);
  port.close();
}
