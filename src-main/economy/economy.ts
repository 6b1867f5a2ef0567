import type { Logger } from 'pino';
import type { EventBus } from '../core/event-bus';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { BalancesStore } from '../store/balances-store';
import type { Db } from '../store/connection';
import { EconomyReportsStore } from '../store/economy-reports-store';
import { PricesStore } from '../store/prices-store';
import { RedPacketsStore } from '../store/red-packets-store';
import { TransfersStore } from '../store/transfers-store';
import type { UsersStore } from '../store/users-store';
import { LeaderboardService } from './leaderboards';
import { PricingService } from './pricing';
import { RedPacketService } from './red-packets';
import type { RandomInt } from './red-packet-split';
import { TransferService } from './transfers';

/** Where points move: pricing, transfers, red packets, leaderboards and the reports behind them. */
export interface Economy {
  pricing: PricingService;
  transfers: TransferService;
  redPackets: RedPacketService;
  leaderboards: LeaderboardService;
  reports: EconomyReportsStore;
  balances: BalancesStore;
  /** Starts the red-packet expiry sweep; returns the stop function (core.close calls it). */
  startSweeper(intervalMs?: number): () => void;
}

export interface EconomyDeps {
  db: Db;
  users: UsersStore;
  settings: RuntimeSettings;
  events: EventBus;
  log: Logger;
  leaderboardZone: string;
  /** Tests inject a draw to replay lucky splits. */
  randomInt?: RandomInt;
}

export function createEconomy(d: EconomyDeps): Economy {
  const log = d.log.child({ module: 'economy' });
  const balances = new BalancesStore(d.db);
  const reports = new EconomyReportsStore(d.db);
  const pricing = new PricingService(new PricesStore(d.db), d.settings);
  const transfers = new TransferService(d.db, d.users, balances, new TransfersStore(d.db), d.events);
  const redPackets = new RedPacketService(d.db, balances, new RedPacketsStore(d.db), d.settings, d.events, log, d.randomInt);
  const leaderboards = new LeaderboardService(reports, d.settings, d.leaderboardZone);
  const seeded = pricing.seedPresets();
  if (seeded > 0) log.info({ prices: seeded }, 'seeded built-in price presets');
  return {
    pricing,
    transfers,
    redPackets,
    leaderboards,
    reports,
    balances,
    startSweeper(intervalMs = 60_000) {
      const timer = setInterval(() => {
        try {
          redPackets.expireDue();
        } catch (err) {
          log.error({ err }, 'red packet expiry sweep failed');
        }
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
