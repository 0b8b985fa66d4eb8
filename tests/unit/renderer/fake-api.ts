/**
 * A fake ApiClient for store tests: every call is recorded and stays pending until the test
 * resolves or rejects it, so the order in which answers arrive is under the test's control.
 */
import type { ApiErrorBody, MethodName } from '../../../src/core/api';
import { ApiCallError, type ApiClient } from '../../../src/renderer/src/api/client';

export interface PendingCall {
  readonly method: MethodName;
  readonly input: unknown;
  resolve(value: unknown): void;
  reject(body: ApiErrorBody): void;
}

export function fakeApi(): { api: ApiClient; calls: PendingCall[]; callsTo(method: MethodName): PendingCall[] } {
  const calls: PendingCall[] = [];
  const api = {
    transport: 'http',
    call(method: MethodName, input: unknown) {
      return new Promise((resolve, reject) => {
        calls.push({
          method,
          input,
          resolve,
          reject: (body: ApiErrorBody) => reject(new ApiCallError(method, body)),
        });
      });
    },
    onEvent: () => () => {},
    status: () => 'connected',
    onStatus: () => () => {},
    onSessionLost: () => () => {},
  } as unknown as ApiClient;
  return { api, calls, callsTo: (method) => calls.filter((c) => c.method === method) };
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
