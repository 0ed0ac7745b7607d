import { z } from 'zod';
import { roles } from '../domain/roles.js';
import { securityPolicySchema } from '../domain/security-policy.js';
import { errorCodes } from './errors.js';
import { checklistMethods } from './methods/checklists.js';
import { ingestEvents, ingestMethods } from './methods/ingest.js';
import { recordMethods } from './methods/records.js';
import { reportMethods } from './methods/reports.js';
import { searchMethods } from './methods/search.js';
import { languages } from '../i18n/languages.js';

const empty = z.object({}).strict();
/** Staff login names: letters, digits, dot, dash, underscore; compared without case. */
const username = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._-]+$/u);
const password = z.string().min(1).max(1024);
const displayName = z.string().trim().min(1).max(100);

const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  branchId: z.string(),
});
export type SessionUser = z.infer<typeof sessionUser>;

const archiveStatus = z.object({
  state: z.enum(['none', 'locked', 'open', 'unavailable']),
  /** Why the archive cannot be opened, when state is 'unavailable'. */
  reason: z.enum(errorCodes).optional(),
  user: sessionUser.optional(),
});
export type ArchiveStatus = z.infer<typeof archiveStatus>;

/**
 * The one IPC contract between the renderer and main. Every method has an input and an output
 * schema, every event a payload schema; main's handler object and the renderer's client are typed
 * from here, and main validates every input against it.
 */
export const methods = {
  'app.info': {
    input: empty,
    output: z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'browser', 'cli']) }),
  },
  'settings.get': {
    input: empty,
    output: z.object({ language: z.enum(languages) }),
  },
  'settings.setLanguage': {
    input: z.object({ language: z.enum(languages) }).strict(),
    output: z.object({ language: z.enum(languages) }),
  },
  'tasks.list': {
    input: empty,
    output: z.array(backgroundTaskSchema()),
  },
  'archive.status': {
    input: empty,
    output: archiveStatus,
  },
  'archive.create': {
    input: z.object({ username, displayName, password, branchName: z.string().trim().min(1).max(100) }).strict(),
    output: z.object({
      user: sessionUser,
      /** The database's raw key, shown once on the recovery sheet. */
      recoveryKey: z.string(),
      sqlcipherPragma: z.string(),
      /** The pragma line as a QR code (SVG markup), for the printed sheet. */
      qrSvg: z.string(),
    }),
  },
  'session.signIn': {
    input: z.object({ username, password }).strict(),
    output: sessionUser,
  },
  'session.signOut': {
    input: empty,
    output: empty,
  },
  /** The renderer reports user activity so that an idle session locks and a busy one does not. */
  'session.touch': {
    input: empty,
    output: empty,
  },
  'users.list': {
    input: empty,
    output: z.array(sessionUser.extend({ createdAt: z.string(), removedAt: z.string().nullable() })),
  },
  'users.add': {
    input: z.object({ username, displayName, role: z.enum(roles), password }).strict(),
    output: sessionUser,
  },
  'users.remove': {
    input: z.object({ userId: z.string().uuid() }).strict(),
    output: empty,
  },
  'security.policy': {
    input: empty,
    output: securityPolicySchema,
  },
  'security.setPolicy': {
    input: securityPolicySchema.partial().strict(),
    output: securityPolicySchema,
  },
  'users.changePassword': {
    input: z.object({ userId: z.string().uuid(), password }).strict(),
    output: empty,
  },
  ...recordMethods,
  ...checklistMethods,
  ...searchMethods,
  ...ingestMethods,
  ...reportMethods,
} as const;

export const events = {
  'tasks.changed': z.array(backgroundTaskSchema()),
  'settings.changed': z.object({ language: z.enum(languages) }),
  'session.changed': archiveStatus.extend({ lockedBecause: z.enum(['idle', 'signOut']).optional() }),
  ...ingestEvents,
} as const;

function backgroundTaskSchema() {
  return z.object({
    id: z.string(),
    labelKey: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  });
}

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type BackgroundTask = EventPayload<'tasks.changed'>[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** What the preload (or the browser host's bridge) puts on `window.dossier`. */
export interface DossierBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}
