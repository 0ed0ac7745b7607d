import type {
  DossierBridge,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../shared/ipc/contract.js';
import type { Envelope, IpcError } from '../../../shared/ipc/errors.js';

declare global {
  interface Window {
    dossier: DossierBridge;
  }
}

/** A refused or failed call; `messageKey` is the i18n key of the message to show. */
export class IpcCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.code);
    this.name = 'IpcCallError';
  }
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = (await window.dossier.invoke(method, input)) as Envelope<MethodOutput<M>>;
  if (!envelope.ok) throw new IpcCallError(envelope.error);
  return envelope.value;
}

export function on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
  return window.dossier.on(event, (payload) => callback(payload as EventPayload<E>));
}
