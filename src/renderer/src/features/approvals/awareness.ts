/**
 * How someone who decides approvals learns a request arrived while on another screen: the count
 * of waiting requests on the approvals tab and in the window title ("(2) Ardoise"), and an
 * optional short chime — off by default, remembered per user on this desk (localStorage).
 */

/** The window title: the count first, so it shows in a narrow taskbar button. */
export function titleFor(appName: string, waiting: number): string {
  return waiting > 0 ? `(${waiting}) ${appName}` : appName;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const soundKey = (userId: string): string => `ardoise.approvalSound.${userId}`;

/** Off unless this user turned it on at this desk (storage unavailable: off). */
export function soundOn(storage: KeyValueStorage | null, userId: string): boolean {
  try {
    return storage?.getItem(soundKey(userId)) === 'on';
  } catch {
    return false;
  }
}

export function setSoundOn(storage: KeyValueStorage | null, userId: string, on: boolean): void {
  try {
    storage?.setItem(soundKey(userId), on ? 'on' : 'off');
  } catch {
    // Not remembered: the switch still works for this session's next arrivals.
  }
}

export function localStorageOrNull(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let context: AudioContext | null = null;

/** Two soft notes, a quarter of a second in all. Silent where Web Audio is missing or blocked. */
export function playChime(): void {
  try {
    const Ctor = window.AudioContext;
    if (!Ctor) return;
    context ??= new Ctor();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.01;
    [880, 1320].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.12;
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.12);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.13);
    });
  } catch {
    // A chime is a courtesy: the badge and the title still say it.
  }
}
