import type { Worker } from 'node:worker_threads';
import { DossierError, type ErrorCode, errorCodes } from '../../shared/ipc/errors.js';
import { startWorker } from '../workers/start-worker.js';
import type { OpArgs, OpName, OpResult } from './ops.js';
import type { SerialisedError, WorkerInit, WorkerReply } from './worker.js';

/** The main thread's handle on the database worker: typed calls, one at a time in order. */
export class DbClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(revive(reply.error));
    });
    worker.on('exit', () => {
      this.closed = true;
      for (const waiter of this.pending.values()) waiter.reject(new DossierError('INTERNAL', { reason: 'databaseWorkerExited' }));
      this.pending.clear();
    });
  }

  static open(init: WorkerInit): Promise<DbClient> {
    const worker = startWorker(new URL('./worker.js', import.meta.url), { workerData: init });
    return new Promise((resolve, reject) => {
      worker.once('message', (reply: WorkerReply) => {
        if (reply.ok) resolve(new DbClient(worker));
        else {
          reject(revive(reply.error));
          void worker.terminate();
        }
      });
      worker.once('error', (error) => reject(error));
    });
  }

  call<K extends OpName>(op: K, ...args: OpArgs<K> extends undefined ? [] : [OpArgs<K>]): Promise<OpResult<K>> {
    return this.send(op, args[0]) as Promise<OpResult<K>>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.send('__close', undefined);
    this.closed = true;
    await this.worker.terminate();
  }

  private send(op: string, args: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new DossierError('ARCHIVE_LOCKED'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}

function revive(error: SerialisedError): Error {
  if ((errorCodes as readonly string[]).includes(error.code)) {
    const revived = new DossierError(error.code as ErrorCode, error.details, error.messageKey);
    if (error.code === 'INTERNAL' && error.message) revived.message = error.message;
    return revived;
  }
  return new Error(error.message ?? error.code);
}
