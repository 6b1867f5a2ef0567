import path from 'node:path';
import type { Logger } from 'pino';
import { bootstrapAdmin } from '../accounts/accounts-service';
import { createEconomy } from '../economy/economy';
import { ApiDispatcher } from '../api/dispatch';
import type { AppConfig } from '../config/env-config';
import type { ChannelPool } from '../gateway/channel-pool';
import { HttpServer } from '../http/http-server';
import { statusFromAddress } from '../system/gateway-status';
import { createKoaApp } from '../http/koa-app';
import { createLogger } from '../log';
import { EnvMasterKey, KeyFileMasterKey } from '../secrets/master-key-file';
import { SecretStore, type MasterKeyProvider } from '../secrets/secret-store';
import { RoutingServices } from '../routing/routing-services';
import { RuntimeSettings } from '../settings/runtime-settings';
import { ApiKeysStore } from '../store/api-keys-store';
import { ChannelsStore } from '../store/channels-store';
import { CommitBatcher } from '../store/commit-batcher';
import { openDatabase } from '../store/connection';
import { InvitesStore } from '../store/invites-store';
import { LedgerStore } from '../store/ledger-store';
import { SessionsStore } from '../store/sessions-store';
import { SettingsStore } from '../store/settings-store';
import { UsersStore } from '../store/users-store';
import { EventBus } from './event-bus';
import type { CoreServices } from './services';

export interface CoreOptions {
  config: AppConfig;
  /** Where the master key lives; default: TOKENALTAR_SECRET_KEY, else a key file in dataDir. */
  masterKey?: MasterKeyProvider;
  migrationsDir?: string;
  logger?: Logger;
}

/** The headless core: store, services, console API and gateway. Electron only wraps this. */
export interface Core {
  services: CoreServices;
  api: ApiDispatcher;
  http: HttpServer;
  pool: ChannelPool;
  /** Binds config.host:config.port (port 0 picks a free one). */
  listen(): Promise<{ host: string; port: number }>;
  close(graceMs?: number): Promise<void>;
}

export function defaultMasterKey(config: AppConfig): MasterKeyProvider {
  return config.secretKey ? new EnvMasterKey(config.secretKey) : new KeyFileMasterKey(path.join(config.dataDir, 'master.key'));
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const { config } = opts;
  const log = opts.logger ?? createLogger();
  const db = openDatabase({ file: config.databaseFile, migrationsDir: opts.migrationsDir });
  const masterKeyProvider = opts.masterKey ?? defaultMasterKey(config);
  const secrets = new SecretStore(db, await masterKeyProvider.loadOrCreate(), masterKeyProvider);
  const settings = new RuntimeSettings(new SettingsStore(db));
  const events = new EventBus();
  const users = new UsersStore(db);
  const services: CoreServices = {
    config,
    db,
    stores: {
      users,
      sessions: new SessionsStore(db),
      invites: new InvitesStore(db),
      apiKeys: new ApiKeysStore(db),
      channels: new ChannelsStore(db),
      ledger: new LedgerStore(db),
    },
    settings,
    secrets,
    events,
    log,
    commits: new CommitBatcher(db),
    routing: new RoutingServices(db, log, settings, events),
    economy: createEconomy({ db, users, settings, events, log, leaderboardZone: config.leaderboardTimeZone }),
  };
  services.stores.sessions.pruneExpired();
  services.routing.start(Date.now());
  const stopEconomySweeper = services.economy.startSweeper();
  const admin = await bootstrapAdmin(services);
  if (admin) log.info({ email: admin.email }, 'created the first admin from TOKENALTAR_ADMIN_EMAIL');

  const api = new ApiDispatcher(services);
  const { app, pool } = createKoaApp(services, api);
  const http = new HttpServer(app);
  services.gatewayStatus = { status: () => statusFromAddress(http.address()) };
  let closed = false;
  return {
    services,
    api,
    http,
    pool,
    listen: () => http.listen(config.host, config.port),
    async close(graceMs = 10_000) {
      if (closed) return;
      closed = true;
      await http.close(graceMs);
      stopEconomySweeper();
      services.routing.close();
      services.commits.flush();
      db.close();
    },
  };
}
