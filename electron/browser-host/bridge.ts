/// <reference lib="dom" />
/**
 * Served only by the browser host, before the renderer's bundle: gives the page the same
 * `window.dossier` API the Electron preload gives, over HTTP on loopback. The session cookie set
 * by the host authenticates every request.
 */
type Listener = (payload: unknown) => void;

const listeners = new Map<string, Set<Listener>>();
let source: EventSource | null = null;

function connectEvents(): void {
  if (source) return;
  source = new EventSource('/events');
  source.onmessage = (message: MessageEvent<string>) => {
    const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
}

/** JSON has no bytes: binary values (dropped files) travel as base64, revived by the host. */
function encodeBytes(_key: string, value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  let binary = '';
  for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
  return { $bytes: btoa(binary) };
}

Object.defineProperty(window, 'dossier', {
  value: Object.freeze({
    async invoke(method: string, input: unknown): Promise<unknown> {
      const response = await fetch('/ipc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dossier-top-frame': window.top === window ? '1' : '0' },
        body: JSON.stringify({ method, input }, encodeBytes),
      });
      return response.json();
    },
    on(event: string, callback: Listener): () => void {
      connectEvents();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(callback);
      listeners.set(event, set);
      return () => set.delete(callback);
    },
  }),
});

export {};
