import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/connection';
import { ChannelsStore } from '../store/channels-store';
import { HealthStore } from '../store/health-store';
import { UsersStore } from '../store/users-store';
import { HEALTH_FLUSH_MS, HEALTH_RETENTION_MS, HealthRecorder } from './health-recorder';

const DAY = 86_400_000;
let dir: string;
let db: Db;
let channelId: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-health-'));
  db = openDatabase({ file: path.join(dir, 'db.sqlite3') });
  const owner = new UsersStore(db).insert({ email: 'o@example.test', password_hash: 'x', display_name: 'o', role: 'member', balance_micro: 0 });
  channelId = new ChannelsStore(db).insert({ owner_id: owner, name: 'c', provider: 'openai', base_url: 'http://x', secret_id: null, secret_hint: null, models: '["*"]', enabled: 1, weight: 1, fire_sale: null }, []);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('health recorder on SQLite', () => {
  it('keeps a week of events, prunes older ones, and builds windows from what is stored', () => {
    const now = Date.parse('2026-05-01T12:10:00Z');
    let nudges = 0;
    const rec = new HealthRecorder(new HealthStore(db), () => nudges++);
    const event = (at: number, status: 'available' | 'down', ttft: number | null) =>
      rec.record({ channel_id: channelId, at, status, http_status: status === 'down' ? 503 : 200, ttft_ms: ttft, total_ms: 10, source: 'gateway', error: null });
    event(now - 8 * DAY, 'available', 5); // beyond retention: pruned by the next record
    event(now - 60_000, 'available', 100);
    event(now - 50_000, 'down', null);
    const stored = () => (db.prepare('SELECT COUNT(*) AS n FROM health_events').get() as { n: number }).n;
    // Events are buffered: the last one is not written until a flush (timer, read or shutdown).
    expect(stored()).toBe(1);
    const count = () => {
      rec.flush();
      return stored();
    };
    expect(count()).toBe(2);
    expect(nudges).toBe(3);
    const w = rec.windows(channelId, now);
    expect(w.at(-1)).toMatchObject({ samples: 2, avgTtftMs: 100, status: 'degraded' });
    expect(rec.prune(now + HEALTH_RETENTION_MS)).toBe(2);
    expect(count()).toBe(0);
  });

  it('writes buffered events by itself within the flush interval', async () => {
    const rec = new HealthRecorder(new HealthStore(db));
    const before = (db.prepare('SELECT COUNT(*) AS n FROM health_events').get() as { n: number }).n;
    for (let i = 0; i < 5; i++) rec.record({ channel_id: channelId, at: Date.now(), status: 'available', http_status: 200, ttft_ms: 10, total_ms: 20, source: 'gateway', error: null });
    await new Promise((r) => setTimeout(r, HEALTH_FLUSH_MS + 100));
    expect((db.prepare('SELECT COUNT(*) AS n FROM health_events').get() as { n: number }).n).toBe(before + 5);
  });
});
