/**
 * The call timer. Handle time is counted by main from the call's start; the screen only shows
 * it. To be immune to a desk clock that is off, the start is anchored on this window's own
 * clock from main's `elapsedSeconds` at the moment the answer arrived.
 */

/** "0:07", "4:05", "1:02:05": minutes and seconds, hours only when there are some. */
export function formatHandleTime(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) ? Math.max(0, Math.floor(totalSeconds)) : 0;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** This window's clock reading (ms) at which the call started, from main's elapsed seconds. */
export function anchorStart(elapsedSeconds: number, nowMs: number): number {
  return nowMs - Math.max(0, elapsedSeconds) * 1000;
}

/** Whole seconds since the anchored start. */
export function elapsedSince(startedAtMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - startedAtMs) / 1000));
}

/**
 * How long the call has been going, as a level the header can colour calmly: most billing
 * calls are short; past 10 minutes the timer turns amber, past 20 red — a nudge, not an alarm.
 */
export function handleTimeLevel(seconds: number): 'normal' | 'long' | 'veryLong' {
  if (seconds >= 20 * 60) return 'veryLong';
  if (seconds >= 10 * 60) return 'long';
  return 'normal';
}
