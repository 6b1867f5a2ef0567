import { configFromEnv } from '../config/env-config';
import { createCore, type Core } from '../core/create-core';

/** Starts the core headless and prints where it listens. Used by `npm run serve` and `npm start`. */
export async function serveHeadless(reason?: string): Promise<Core> {
  const config = configFromEnv();
  const core = await createCore({ config });
  const { host, port } = await core.listen();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${shown}:${port}`;
  if (reason) console.log(`TokenAltar is running headless: ${reason}.`);
  console.log(`Gateway:  ${base}/v1   (OpenAI / Anthropic SDKs), ${base}/v1beta (Gemini)`);
  console.log(`Console:  ${base}/`);
  console.log(`Database: ${config.databaseFile}`);
  console.log(`Secrets:  ${core.services.secrets.backend.description}`);
  if (core.services.stores.users.enabledAdminCount() === 0) {
    console.log('No admin yet: set TOKENALTAR_ADMIN_EMAIL and TOKENALTAR_ADMIN_PASSWORD and restart to create one.');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests (up to 10 s), then closing the database.`);
    void core.close(10_000).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return core;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serveHeadless().catch((err: unknown) => {
    console.error(`TokenAltar failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
}
