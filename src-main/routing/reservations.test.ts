import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type Db } from '../store/connection';
import { ApiKeysStore } from '../store/api-keys-store';
import { ChannelsStore } from '../store/channels-store';
import { ReservationsStore } from '../store/reservations-store';
import { UsersStore } from '../store/users-store';
import { Reservations } from './reservations';

const T0 = Date.parse('2026-03-15T12:00:00Z');
const DAY = 86_400_000;

let dir: string;
let db: Db;
let users: UsersStore;
let keys: ApiKeysStore;
let channels: ChannelsStore;
let res: Reservations;
let userId: number;
let keyId: number;
let channelId: number;

function window(limit: number, over: Partial<{ period_unit: 'day' | 'month'; anchor_at: number }> = {}) {
  return { name: 'w', limit_micro: limit, used_micro: 0, period_unit: over.period_unit ?? ('day' as const), period_count: 1, anchor_at: over.anchor_at ?? Date.parse('2026-01-01T00:00:00Z'), timezone: 'UTC', period_start: null };
}
const used = () => channels.windows(channelId).map((w) => w.used_micro);
const balance = () => users.get(userId)!.balance_micro;
const spent = () => keys.get(keyId)!.spent_micro;
const req = (amountMicro: number, now = T0) => ({ requestId: 'r', userId, apiKeyId: keyId, channelId, model: 'gpt-5', amountMicro, inputTokens: 10, maxOutputTokens: 100, tokenizerNote: 'n', now });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-resv-'));
  db = openDatabase({ file: path.join(dir, 'db.sqlite3') });
  users = new UsersStore(db);
  keys = new ApiKeysStore(db);
  channels = new ChannelsStore(db);
  res = new Reservations(db, new ReservationsStore(db), (id) => channels.windows(id));
  userId = users.insert({ email: 'm@example.test', password_hash: 'x', display_name: 'm', role: 'member', balance_micro: 1000 });
  keyId = keys.insert({ user_id: userId, name: 'k', token_hash: 'h', prefix: 'sk-', enabled: true, expires_at: null, allowed_models: [], spend_limit_micro: 800, channel_ids: null });
  channelId = channels.insert(
    { owner_id: userId, name: 'c', provider: 'openai', base_url: 'http://x', secret_id: null, secret_hint: null, models: '["*"]', enabled: 1, weight: 1, fire_sale: null },
    [window(600), window(5000, { period_unit: 'month' })],
  );
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reservations', () => {
  it('holds balance, key spend and every window together, and releases all of it', () => {
    const r = res.reserve(req(250));
    expect(r.ok).toBe(true);
    expect([balance(), spent(), ...used()]).toEqual([750, 250, 250, 250]);
    if (r.ok) expect(res.release(r.id)).toBe(true);
    expect([balance(), spent(), ...used()]).toEqual([1000, 0, 0, 0]);
    if (r.ok) expect(res.release(r.id)).toBe(false);
  });

  it('refuses as a whole when any bound would be passed', () => {
    expect(res.reserve(req(500)).ok).toBe(true);
    expect(res.reserve(req(101))).toEqual({ ok: false, refusal: 'quota' }); // day window 600
    expect(res.reserve(req(301))).toEqual({ ok: false, refusal: 'key-spend' }); // key 800
    expect(res.reserve(req(501))).toEqual({ ok: false, refusal: 'balance' }); // balance 500 left
    expect([balance(), spent(), ...used()]).toEqual([500, 500, 500, 500]);
    expect(res.reserve(req(100)).ok).toBe(true);
    expect(used()).toEqual([600, 600]);
  });

  it('settles to the real charge in one transaction and books it in the windows', () => {
    const r = res.reserve(req(400));
    if (!r.ok) throw new Error('refused');
    const out = res.settle(r.id, T0, () => {
      users.adjustBalance(userId, -120);
      keys.addSpent(keyId, 120);
      return { result: 'ledger', chargedMicro: 120 };
    });
    expect(out).toBe('ledger');
    expect([balance(), spent(), ...used()]).toEqual([880, 120, 120, 120]);
    expect(() => res.settle(r.id, T0, () => ({ result: 0, chargedMicro: 0 }))).toThrow();
  });

  it('rolls a settlement back whole when the charge throws', () => {
    const r = res.reserve(req(400));
    if (!r.ok) throw new Error('refused');
    expect(() =>
      res.settle(r.id, T0, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect([balance(), spent(), ...used()]).toEqual([600, 400, 400, 400]);
  });

  it('starts each period from zero and never releases into a later period', () => {
    const r = res.reserve(req(500));
    if (!r.ok) throw new Error('refused');
    // Next day: the day window has rolled over; the month window still carries the hold.
    const next = res.reserve(req(300, T0 + DAY));
    expect(next.ok).toBe(true);
    expect(used()).toEqual([300, 800]);
    res.release(r.id);
    expect(used()).toEqual([300, 300]);
  });

  it('releases stale rows left by a crash', () => {
    res.reserve(req(100));
    res.reserve(req(200));
    const stale = res.releaseStale();
    expect(stale.map((s) => s.amount_micro)).toEqual([100, 200]);
    expect([balance(), spent(), ...used()]).toEqual([1000, 0, 0, 0]);
    expect(res.releaseStale()).toEqual([]);
  });

  it('keeps every bound and conserves points under any sequence of reserve, settle and release', () => {
    type Op = { kind: 'reserve'; amount: number } | { kind: 'settle'; pick: number; charge: number } | { kind: 'release'; pick: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('reserve' as const), amount: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), charge: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops: Op[]) => {
        db.prepare('UPDATE users SET balance_micro = 1000 WHERE id = ?').run(userId);
        db.prepare('UPDATE api_keys SET spent_micro = 0 WHERE id = ?').run(keyId);
        db.prepare('UPDATE channel_quota_windows SET used_micro = 0, period_start = NULL').run();
        db.prepare('DELETE FROM reservations').run();
        const open = new Map<number, number>();
        let charged = 0;
        for (const o of ops) {
          if (o.kind === 'reserve') {
            const r = res.reserve(req(o.amount));
            if (r.ok) open.set(r.id, o.amount);
          } else if (open.size > 0) {
            const [id, amount] = [...open.entries()][o.pick % open.size]!;
            open.delete(id);
            if (o.kind === 'release') res.release(id);
            else {
              const cost = Math.floor(amount * o.charge);
              res.settle(id, T0, () => {
                users.adjustBalance(userId, -cost);
                keys.addSpent(keyId, cost);
                return { result: null, chargedMicro: cost };
              });
              charged += cost;
            }
          }
          const held = [...open.values()].reduce((a, b) => a + b, 0);
          expect(balance() + held + charged).toBe(1000);
          expect(spent()).toBe(held + charged);
          expect(spent()).toBeLessThanOrEqual(800);
          for (const u of used()) {
            expect(u).toBe(held + charged);
            expect(u).toBeLessThanOrEqual(600);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
