import type { RejectReason } from '../../../shared/ipc/methods/ingest.js';
import type { IngestLimits, PageRequest } from '../types.js';

/** What the media reader and its threads say to each other. */
export type MediaRequest =
  | { id: number; op: 'open'; data: Uint8Array; limits: IngestLimits }
  | { id: number; op: 'page'; index: number; request: PageRequest }
  | { id: number; op: 'close' };

export type MediaReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; rejected: { reason: RejectReason; values: Record<string, string | number> } | null; message: string };

/** The id of the reply a thread sends once loaded, before any other. */
export const readyId = 0;
