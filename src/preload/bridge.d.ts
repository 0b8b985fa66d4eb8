/**
 * What the preload exposes as `window.ardoise`. The renderer uses it when present (Electron)
 * and falls back to the loopback HTTP transport otherwise (browser, end-to-end tests).
 */
import type { ApiEvent, ApiResult } from '../core/api';

export interface ArdoiseBridge {
  /** Calls one contract method through main's dispatcher. Never rejects for API errors: they come back as ApiResult. */
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Subscribes to events main pushes (e.g. 'call.incoming'); returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    ardoise?: ArdoiseBridge;
  }
}
