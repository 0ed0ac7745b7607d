import { z } from 'zod';
import { languages } from '../i18n/languages.js';

/**
 * The one IPC contract between the renderer and main. Every method has an input and an output
 * schema, every event a payload schema; main's handler object and the renderer's client are typed
 * from here, and main validates every input against it.
 */
export const methods = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'browser', 'cli']) }),
  },
  'settings.get': {
    input: z.object({}).strict(),
    output: z.object({ language: z.enum(languages) }),
  },
  'settings.setLanguage': {
    input: z.object({ language: z.enum(languages) }).strict(),
    output: z.object({ language: z.enum(languages) }),
  },
  'tasks.list': {
    input: z.object({}).strict(),
    output: z.array(backgroundTaskSchema()),
  },
} as const;

export const events = {
  'tasks.changed': z.array(backgroundTaskSchema()),
  'settings.changed': z.object({ language: z.enum(languages) }),
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
