import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/connection';
import { ChannelsStore } from '../store/channels-store';
import { RoutingStateStore } from '../store/routing-state-store';
import { UsersStore } from '../store/users-store';
import { Cooldowns } from './cooldowns';

let dir: string;
let db: Db;
let channels: ChannelsStore;
let ids: number[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-cool-'));
  db = openDatabase({ file: path.join(dir, 'db.sqlite3') });
  const owner = new UsersStore(db).insert({ email: 'o@example.test', password_hash: 'x', display_name: 'o', role: 'member', balance_micro: 0 });
  channels = new ChannelsStore(db);
  const mk = (name: string) => channels.insert({ owner_id: owner, name, provider: 'openai', base_url: 'http://x', secret_id: null, secret_hint: null, models: '["*"]', enabled: 1, weight: 1, fire_sale: null }, []);
  ids = [mk('a'), mk('b')];
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('cooldowns', () => {
  it('extend but never shorten, expire on their own, and survive a restart', () => {
    const [a, b] = ids as [number, number];
    const c = new Cooldowns(new RoutingStateStore(db), 0);
    expect(c.coolDown(a, 5000)).toBe(5000);
    expect(c.coolDown(a, 3000)).toBe(5000); // a shorter Retry-After does not cut a longer rest
    expect(c.coolDown(b, 1000)).toBe(1000);
    expect(channels.get(a)!.cooldown_until).toBe(5000);
    expect(c.activeUntil(a, 4999)).toBe(5000);
    expect(c.activeUntil(b, 1000)).toBeNull();

    const reloaded = new Cooldowns(new RoutingStateStore(db), 2000);
    expect(reloaded.activeUntil(a, 2000)).toBe(5000);
    expect(reloaded.activeUntil(b, 2000)).toBeNull();
    reloaded.clear(a);
    expect(channels.get(a)!.cooldown_until).toBeNull();
    expect(reloaded.activeUntil(a, 2000)).toBeNull();
  });
});
