import { useEffect } from 'react';
import { invoke } from '../ipc/client.js';

const reportEveryMs = 30_000;

/** Tells main the user is active (at most every 30 s) so the idle lock only takes an idle session. */
export function useActivityReport(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < reportEveryMs) return;
      last = now;
      void invoke('session.touch', {}).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const event of events) window.addEventListener(event, onActivity, { passive: true });
    return () => {
      for (const event of events) window.removeEventListener(event, onActivity);
    };
  }, [active]);
}
