import { useEffect, useState } from 'react';
import type { BatchProgress } from '../../../../shared/ipc/methods/ingest.js';
import { invoke, on } from '../../ipc/client.js';

/** Still taking files or being processed. */
export const isActive = (batch: BatchProgress) => batch.state === 'open' || batch.state === 'running';

/**
 * The most recent batches, newest first, kept current by main's progress events (a batch that
 * starts after the list was read comes in at the top). Without `enabled` nothing is asked.
 */
export function useBatches({ enabled = true, limit = 20 }: { enabled?: boolean; limit?: number } = {}) {
  const [batches, setBatches] = useState<BatchProgress[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    invoke('ingest.batches', { limit }).then(
      (list) => {
        if (!current) return;
        setBatches(list);
        setError(null);
      },
      (e: unknown) => {
        if (current) setError(e);
      },
    );
    const stop = on('ingest.progress', (progress) =>
      setBatches((before) => {
        const list = before ?? [];
        const at = list.findIndex((b) => b.batchId === progress.batchId);
        return at < 0 ? [progress, ...list].slice(0, limit) : list.with(at, progress);
      }),
    );
    return () => {
      current = false;
      stop();
    };
  }, [enabled, limit]);
  return { batches, error };
}
