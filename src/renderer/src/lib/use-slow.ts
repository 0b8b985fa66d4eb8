import { useEffect, useState } from 'react';

/** How long an answer may take before the screen says it is waiting (a spinner, dimmed results). */
export const SLOW_AFTER_MS = 250;

/**
 * True once `pending` has lasted `afterMs`: an answer that comes sooner changes nothing on screen
 * but the answer itself — no spinner or dimming that flashes for a few milliseconds on every
 * keystroke (and costs a layout and a paint each time).
 */
export function useSlow(pending: boolean, afterMs: number = SLOW_AFTER_MS): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), afterMs);
    return () => clearTimeout(timer);
  }, [pending, afterMs]);
  return pending && slow;
}
