/**
 * The Electron preload bridge, `window.ardoise`. Its shape is the shared declaration owned by
 * the preload (src/preload/bridge.d.ts); this module only finds it at run time. It reads it via
 * `globalThis` and checks its shape, so the pure transport code stays usable outside a browser.
 */
import type { ArdoiseBridge } from '../../../preload/bridge';

export type { ArdoiseBridge };

/** The bridge when running inside Ardoise's Electron window, otherwise undefined. */
export function getBridge(): ArdoiseBridge | undefined {
  const candidate = (globalThis as { ardoise?: unknown }).ardoise;
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as ArdoiseBridge).invoke === 'function' &&
    typeof (candidate as ArdoiseBridge).onEvent === 'function'
  ) {
    return candidate as ArdoiseBridge;
  }
  return undefined;
}
