import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/connection';
import { AffinityStore } from '../store/affinity-store';
import { ChannelsStore } from '../store/channels-store';
import { UsersStore } from '../store/users-store';
import type { AffinityRequest } from './affinity-key';
import { AffinityService } from './affinity-service';

const T0 = Date.parse('2026-04-01T00:00:00Z');
let dir: string;
let db: Db;
let store: AffinityStore;
let chans: number[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-aff-'));
  db = openDatabase({ file: path.join(dir, 'db.sqlite3') });
  const owner = new UsersStore(db).insert({ email: 'o@example.test', password_hash: 'x', display_name: 'o', role: 'member', balance_micro: 0 });
  const channels = new ChannelsStore(db);
  chans = [1, 2].map((i) => channels.insert({ owner_id: owner, name: `c${i}`, provider: 'openai', base_url: 'http://x', secret_id: null, secret_hint: null, models: '["*"]', enabled: 1, weight: 1, fire_sale: null }, []));
  store = new AffinityStore(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const responses = (key: string): AffinityRequest => ({ route: 'openai-responses', model: 'gpt-5.1', body: { prompt_cache_key: key }, headers: {}, context: { api_key_id: 1, user_id: 1, client_ip: null } });

describe('affinity service on SQLite', () => {
  it('binds through the LRU into the table, and a fresh service (restart) still finds the binding', () => {
    const svc = new AffinityService(store, 16);
    const d = svc.decide(responses('s1'), T0)!;
    expect(d.rule.name).toBe('GPT Responses');
    expect(d.boundChannelId).toBeNull(); // a known miss is cached...
    svc.served(d, chans[0]!, T0);
    expect(svc.decide(responses('s1'), T0 + 1)!.boundChannelId).toBe(chans[0]); // ...and replaced on bind
    expect(new AffinityService(store, 16).decide(responses('s1'), T0 + 2)!.boundChannelId).toBe(chans[0]);
  });

  it('evicts from memory without losing bindings, and sweeps expired rows hourly', () => {
    const svc = new AffinityService(store, 16);
    for (let i = 0; i < 40; i++) svc.served(svc.decide(responses(`k${i}`), T0)!, chans[i % 2]!, T0);
    expect(svc.decide(responses('k0'), T0)!.boundChannelId).toBe(chans[0]);
    expect(svc.decide(responses('k1'), T0)!.boundChannelId).toBe(chans[1]);
    const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM affinity_bindings').get() as { n: number }).n;
    expect(rows()).toBe(40);
    // One hour and a bit later every binding has expired; the next decision sweeps the table.
    expect(svc.decide(responses('k2'), T0 + 3_600_001 + 3_600_000)!.boundChannelId).toBeNull();
    expect(rows()).toBe(0);
  });

  it('forgets cached rules and bindings when rules change', () => {
    const svc = new AffinityService(store, 16);
    svc.served(svc.decide(responses('s2'), T0)!, chans[1]!, T0);
    const rule = store.rules().find((r) => r.name === 'GPT Responses')!;
    store.updateRule(rule.id, { ...rule, enabled: 0 });
    expect(svc.decide(responses('s2'), T0)).not.toBeNull(); // still the cached rules
    svc.rulesChanged();
    expect(svc.decide(responses('s2'), T0)).toBeNull();
  });
});
