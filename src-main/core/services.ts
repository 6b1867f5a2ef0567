import type { Logger } from 'pino';
import type { AppConfig } from '../config/env-config';
import type { Economy } from '../economy/economy';
import type { RoutingServices } from '../routing/routing-services';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { SecretStore } from '../secrets/secret-store';
import type { ApiKeysStore } from '../store/api-keys-store';
import type { ChannelsStore } from '../store/channels-store';
import type { CommitBatcher } from '../store/commit-batcher';
import type { Db } from '../store/connection';
import type { InvitesStore } from '../store/invites-store';
import type { LedgerStore } from '../store/ledger-store';
import type { SessionsStore } from '../store/sessions-store';
import type { UsersStore } from '../store/users-store';
import type { GatewayStatusSource } from '../system/gateway-status';
import type { EventBus } from './event-bus';

export interface Stores {
  users: UsersStore;
  sessions: SessionsStore;
  invites: InvitesStore;
  apiKeys: ApiKeysStore;
  channels: ChannelsStore;
  ledger: LedgerStore;
}

/** Everything a console handler or the gateway may use; built once by createCore(). */
export interface CoreServices {
  config: AppConfig;
  db: Db;
  stores: Stores;
  settings: RuntimeSettings;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  /** Group commit for the gateway's hot-path writes (reservations, settlements). */
  commits: CommitBatcher;
  /** Reservations, cooldowns, affinity, health, surge (src-main/routing). */
  routing: RoutingServices;
  /** Pricing, transfers, red packets, leaderboards (src-main/economy). */
  economy: Economy;
  /** Where the gateway listens (system.info); createCore sets it, the desktop tray replaces it. */
  gatewayStatus?: GatewayStatusSource;
}
