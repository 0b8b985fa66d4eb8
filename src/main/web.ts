/**
 * `npm run web`: Ardoise in a browser, for desktops where Electron cannot be installed and for
 * the end-to-end tests. Same host, same dispatcher, same renderer; prints the address to open.
 *
 * ARDOISE_DATA_DIR  where the store lives (default ~/.ardoise)
 * ARDOISE_PORT      port on 127.0.0.1 (default 5180; 0 picks a free one)
 * ARDOISE_DEMO_CUSTOMERS / ARDOISE_DEMO_TODAY   see host-env.ts
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppHost } from './app';
import { hostOptionsFromEnv } from './host-env';
import { startLoopbackHost } from './transports/http';

async function main(): Promise<void> {
  const dataDir = process.env.ARDOISE_DATA_DIR ?? join(homedir(), '.ardoise');
  const port = process.env.ARDOISE_PORT !== undefined ? Number(process.env.ARDOISE_PORT) : 5180;
  const host = createAppHost({
    dataDir,
    transport: 'http',
    ...hostOptionsFromEnv(process.env),
    log: (m) => console.log(m),
  });
  const web = await startLoopbackHost({
    dispatcher: host.dispatcher,
    sessions: host.sessions,
    staticRoot: resolve(__dirname, '../renderer'),
    port,
  });
  host.link?.start();
  console.log(`Ardoise (browser host) — data in ${dataDir}${host.link ? `, synced with ${host.link.status().hub}` : ''}`);
  console.log(`Open: ${web.url}`);
  const stop = () => {
    void web.close().then(() => {
      host.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
