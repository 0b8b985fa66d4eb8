/**
 * The desk's demo generator as the hub's demo set needs it (src/hub/demo-set.ts DeskDemoGenerator):
 * a standalone desk's whole first start into a scratch directory, PINs under the hub's pepper.
 * Lives on the desk's side so the hub never imports desk code; scripts/hub.ts and the tests hand it over.
 */
import { memoryKeyVault } from '../platform/keys';
import type { ScryptCost } from '../platform/passwords';
import { createAppHost } from './app';

export function generateDeskDemoStore(
  dataDir: string,
  opts: { pinPepper: Buffer; customers: number; seed?: number; today?: string; passwordCost?: ScryptCost; log: (message: string) => void },
): void {
  const host = createAppHost({
    dataDir,
    transport: 'http',
    keys: memoryKeyVault({ 'pin-pepper': opts.pinPepper }),
    demoCustomers: opts.customers,
    ...(opts.seed !== undefined ? { demoSeed: opts.seed } : {}),
    ...(opts.today !== undefined ? { demoToday: opts.today } : {}),
    ...(opts.passwordCost ? { passwordCost: opts.passwordCost } : {}),
    log: opts.log,
  });
  host.close();
}
