import { archiveOps } from '../archive/ops.js';
import { demoOps } from '../demo/demo-ops.js';
import { documentOps } from '../documents/document-ops.js';
import { batchOps } from '../ingest/batch-ops.js';
import { sourceOps } from '../ingest/source-ops.js';
import { checklistOps } from '../records/checklist-ops.js';
import { searchOps } from '../search/ops.js';
import { recordOps } from '../records/record-ops.js';
import { reportOps } from '../reports/report-ops.js';
import type { Db } from './connection.js';

/**
 * Every service the database worker runs, by name. Each domain keeps its ops beside its code;
 * each op is one transaction, and checks permissions against the acting user's role.
 */
export const ops = {
  ...archiveOps,
  ...demoOps,
  ...checklistOps,
  ...searchOps,
  ...recordOps,
  ...batchOps,
  ...documentOps,
  ...sourceOps,
  ...reportOps,
} satisfies Record<string, (db: Db, args: never) => unknown>;

export type Ops = typeof ops;
export type OpName = keyof Ops;
export type OpArgs<K extends OpName> = Parameters<Ops[K]>[1];
export type OpResult<K extends OpName> = ReturnType<Ops[K]>;
