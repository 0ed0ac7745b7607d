import type { z } from 'zod';
import {
  type EventName,
  type EventPayload,
  events,
  isMethodName,
  type MethodName,
  type MethodOutput,
  methods,
  type Methods,
} from '../../shared/ipc/contract.js';
import { DossierError, type Envelope, type IpcError } from '../../shared/ipc/errors.js';

/** Where a call came from, as the transport saw it. */
export interface Sender {
  /** Origin of the calling document (scheme://host[:port]); `null` when the transport could not tell. */
  origin: string | null;
  /** Whether the caller is the window's top frame (not an iframe). */
  topFrame: boolean;
}

/** One handler per contract method: a method without a handler fails the typecheck. */
export type Handlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface Router {
  call(method: unknown, input: unknown, sender: Sender): Promise<Envelope<unknown>>;
}

/**
 * Validates and dispatches calls for any transport (Electron IPC, the browser host, tests).
 * Refuses foreign senders before looking at the method, so a hostile frame learns nothing.
 */
export function createRouter(handlers: Handlers, trustedOrigins: readonly string[], onAccepted: () => void = () => {}): Router {
  return {
    async call(method, input, sender) {
      if (!sender.topFrame || sender.origin === null || !trustedOrigins.includes(sender.origin)) {
        return failure({ code: 'FORBIDDEN_SENDER', messageKey: 'errors.FORBIDDEN_SENDER' });
      }
      if (!isMethodName(method)) {
        return failure({
          code: 'UNKNOWN_METHOD',
          messageKey: 'errors.UNKNOWN_METHOD',
          details: { method: String(method).slice(0, 100) },
        });
      }
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) {
        return failure({
          code: 'INVALID_INPUT',
          messageKey: 'errors.INVALID_INPUT',
          details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) },
        });
      }
      onAccepted();
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        // Outputs are parsed too: a handler returning more than the contract says must not leak it.
        return { ok: true, value: methods[method].output.parse(value) };
      } catch (error) {
        if (error instanceof DossierError) {
          return failure({ code: error.code, messageKey: error.messageKey, ...(error.details ? { details: error.details } : {}) });
        }
        console.error(`IPC ${method} failed:`, error instanceof Error ? error.name : typeof error);
        return failure({ code: 'INTERNAL', messageKey: 'errors.INTERNAL' });
      }
    },
  };
}

function failure(error: IpcError): Envelope<never> {
  return { ok: false, error };
}

/** Fans validated events out to every connected renderer. */
export class EventHub {
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  subscribe(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }
}
