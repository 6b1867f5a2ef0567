import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ApiError } from '../api/errors';
import { EventBus } from '../core/event-bus';
import { RuntimeSettings } from '../settings/runtime-settings';
import { openDatabase, type Db } from '../store/connection';
import { SettingsStore } from '../store/settings-store';
import { UsersStore } from '../store/users-store';
import { createEconomy, type Economy } from './economy';
import type { RandomInt } from './red-packet-split';

/** A real SQLite file with every migration and the economy services over it (no HTTP). */
export interface EconomyFixture {
  db: Db;
  dir: string;
  users: UsersStore;
  settings: RuntimeSettings;
  events: EventBus;
  economy: Economy;
  /** Creates a member with a ledgered starting grant (so the conservation sum stays explained). */
  member(name: string, balanceMicro: number): number;
  /** Σ balances + live packet remainders + open reservations + system account − Σ admin grants. */
  unexplainedMicro(): number;
  close(): void;
}

export function economyFixture(opts: { randomInt?: RandomInt; zone?: string } = {}): EconomyFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-economy-'));
  const db = openDatabase({ file: path.join(dir, 'test.sqlite3') });
  const users = new UsersStore(db);
  const settings = new RuntimeSettings(new SettingsStore(db));
  const events = new EventBus();
  const economy = createEconomy({ db, users, settings, events, log: pino({ level: 'silent' }), leaderboardZone: opts.zone ?? 'UTC', randomInt: opts.randomInt });
  const grant = db.prepare('INSERT INTO admin_grants (created_at, admin_id, user_id, delta_micro, memo) VALUES (?, NULL, ?, ?, ?)');
  return {
    db,
    dir,
    users,
    settings,
    events,
    economy,
    member(name, balanceMicro) {
      return db.transaction(() => {
        const id = users.insert({ email: `${name}@example.test`, password_hash: 'x', display_name: name, role: 'member', balance_micro: balanceMicro });
        grant.run(Date.now(), id, balanceMicro, 'test grant');
        return id;
      })();
    },
    unexplainedMicro() {
      const t = economy.balances.totals();
      return t.balances + t.reservations + t.packets + t.system - t.grants;
    },
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn and names the ApiError it throws as "status code" (undefined when it succeeds). */
export function apiErrorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return `${e.status} ${e.code}`;
    throw e;
  }
  return undefined;
}
