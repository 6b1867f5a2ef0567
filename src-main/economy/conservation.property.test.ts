import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantPoints } from '../accounts/accounts-service';
import { ApiError } from '../api/errors';
import { createCore, type Core } from '../core/create-core';
import { createLogger } from '../log';
import { EnvMasterKey } from '../secrets/master-key-file';
import { settleRequest } from './settle-request';

/**
 * The conservation invariant (issue 5 §2), checked after every step of random histories run
 * against the real core on a real SQLite file:
 *
 *   Σ user balances + Σ open reservations + Σ unclaimed live red-packet points + system account
 *     = Σ admin grants (ledgered in admin_grants)
 *
 * and no balance ever goes below zero. Requests go through the real reservation hold and the
 * real settlement (price resolution, surge, fire sale, rounding, provider share, balance cap).
 */
type Cmd =
  | { kind: 'reserve'; user: number; amount: number }
  | { kind: 'settle'; slot: number; ok: boolean; inTotal: number; cacheRead: number; cacheWrite: number; outTotal: number; model: number; surge: number; fireSale: boolean; channel: number }
  | { kind: 'release'; slot: number }
  | { kind: 'transfer'; from: number; to: number; amount: number }
  | { kind: 'packet'; user: number; amount: number; parts: number; lucky: boolean; ttl: number | null }
  | { kind: 'claim'; user: number; packet: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'grant'; user: number; delta: number };

const MEMBERS = 6;
const MODELS = ['gpt-5.1', 'claude-sonnet-4-5', 'house-model'];
const SURGES = [0.5, 1, 1.5, 2];

const member = fc.nat(MEMBERS - 1);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reserve' as const), user: member, amount: fc.integer({ min: 0, max: 3_000_000 }) }) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        kind: fc.constant('settle' as const),
        slot: fc.nat(20),
        ok: fc.boolean(),
        inTotal: fc.nat(2_000_000),
        cacheRead: fc.nat(1_000_000),
        cacheWrite: fc.nat(200_000),
        outTotal: fc.nat(400_000),
        model: fc.nat(MODELS.length - 1),
        surge: fc.nat(SURGES.length - 1),
        fireSale: fc.boolean(),
        channel: fc.nat(1),
      }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), slot: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('transfer' as const), from: member, to: member, amount: fc.integer({ min: -5, max: 4_000_000 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('packet' as const),
      user: member,
      amount: fc.integer({ min: 1, max: 3_000_000 }),
      parts: fc.integer({ min: 1, max: 8 }),
      lucky: fc.boolean(),
      ttl: fc.option(fc.integer({ min: 1, max: 10_000 })),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('claim' as const), user: member, packet: fc.nat(10) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 6_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grant' as const), user: member, delta: fc.integer({ min: -2_000_000, max: 2_000_000 }) }) },
);

async function bootCore(): Promise<{ core: Core; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-conservation-'));
  const core = await createCore({
    config: { host: '127.0.0.1', port: 0, dataDir: dir, databaseFile: path.join(dir, 'db.sqlite3'), adminEmail: null, adminPassword: null, secretKey: null, leaderboardTimeZone: 'UTC' },
    masterKey: new EnvMasterKey('conservation-test-key'),
    logger: createLogger('silent'),
  });
  return { core, dir };
}

describe('points are conserved', () => {
  it('through random requests, transfers, packets, claims, expiries and grants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 10, maxLength: 80, size: 'max' }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 100 }), async (cmds, digits, sharePct) => {
        const { core, dir } = await bootCore();
        try {
          run(core, cmds, digits, sharePct / 100);
        } finally {
          await core.close(0);
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 180_000); // 40 fresh cores on a real SQLite file each
});

function run(core: Core, cmds: Cmd[], digits: number, share: number): void {
  const s = core.services;
  const db = s.db;
  s.settings.update([
    { key: 'settlement_round_digits', value: digits },
    { key: 'provider_share', value: share },
  ]);
  const now0 = Date.UTC(2026, 10, 26, 12);
  let now = now0;
  const users: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const id = s.stores.users.insert({ email: `m${i}@example.test`, password_hash: 'x', display_name: `m${i}`, role: 'member', balance_micro: 0 });
    grantPoints(s, null, id, 1_000_000 + i * 750_000, 'seed');
    users.push(id);
    keys.push(Number(db.prepare("INSERT INTO api_keys (user_id, name, token_hash, prefix, created_at, updated_at) VALUES (?, 'k', ?, 'sk-', 0, 0)").run(id, `h${i}`).lastInsertRowid));
  }
  const channels = [0, 1].map((i) =>
    Number(
      db.prepare("INSERT INTO channels (owner_id, name, provider, base_url, models, created_at, updated_at) VALUES (?, ?, 'openai', 'http://x/v1', '[\"*\"]', 0, 0)").run(users[i * 3]!, `c${i}`).lastInsertRowid,
    ),
  );
  db.prepare("INSERT INTO prices (channel_id, model_pattern, input_micro, output_micro, cache_micro, cache_write_micro, created_at, updated_at) VALUES (?, 'house-*', 3330000, 7770000, 333000, 4444444, 0, 0)").run(channels[1]!);

  const open: number[] = [];
  /** Picks one open reservation (the slot wraps over those open) and forgets it. */
  const takeOpen = (slot: number): number | null => (open.length === 0 ? null : open.splice(slot % open.length, 1)[0]!);
  const packets: string[] = [];
  let seq = 0;
  const expectedRefusal = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      expect(e.status).toBeLessThan(500);
    }
  };

  for (const c of cmds) {
    switch (c.kind) {
      case 'reserve': {
        const user = users[c.user]!;
        const r = s.routing.reservations.reserve({ requestId: `q${seq++}`, userId: user, apiKeyId: keys[c.user]!, channelId: channels[0]!, model: 'm', amountMicro: c.amount, inputTokens: 1, maxOutputTokens: 1, tokenizerNote: 'test', now });
        if (r.ok) open.push(r.id);
        else expect(r.refusal).toBe('balance');
        break;
      }
      case 'settle': {
        const id = takeOpen(c.slot);
        if (id === null) break;
        const res = db.prepare('SELECT user_id, api_key_id FROM reservations WHERE id = ?').get(id) as { user_id: number; api_key_id: number };
        const channelId = channels[c.channel]!;
        const owner = (db.prepare('SELECT owner_id FROM channels WHERE id = ?').get(channelId) as { owner_id: number }).owner_id;
        s.routing.reservations.settle(id, now, () => {
          const row = settleRequest(s, {
            requestId: `q-settle-${seq++}`,
            userId: res.user_id,
            apiKeyId: res.api_key_id,
            channelId,
            providerUserId: owner,
            route: 'openai-chat',
            upstreamProtocol: 'openai-chat',
            model: MODELS[c.model]!,
            stream: false,
            status: c.ok ? 'ok' : 'error',
            httpStatus: c.ok ? 200 : 500,
            usage: { inTotal: c.inTotal, cacheRead: c.cacheRead, cacheWrite: c.cacheWrite, outTotal: c.outTotal },
            estimate: { inTotal: 0, cacheRead: 0, cacheWrite: 0, outTotal: 0 },
            reasoningTokens: 0,
            tokenizerNote: 'test',
            durationMs: 1,
            ttftMs: null,
            error: null,
            surgeMultiplier: SURGES[c.surge]!,
            fireSaleFactor: c.fireSale ? 0.2 : null,
          });
          expect(row.provider_micro + row.system_micro).toBe(row.cost_micro);
          expect(row.provider_micro).toBeGreaterThanOrEqual(0);
          expect(row.system_micro).toBeGreaterThanOrEqual(0);
          return { result: row, chargedMicro: row.cost_micro };
        });
        break;
      }
      case 'release': {
        const id = takeOpen(c.slot);
        if (id === null) break;
        s.routing.reservations.release(id);
        break;
      }
      case 'transfer':
        expectedRefusal(() => s.economy.transfers.transfer(users[c.from]!, { userId: users[c.to]! }, c.amount, '', now));
        break;
      case 'packet': {
        const phrase = `p${seq++}`;
        expectedRefusal(() => {
          s.economy.redPackets.create(users[c.user]!, { phrase, totalMicro: c.amount, parts: c.parts, mode: c.lucky ? 'lucky' : 'even', expiresAt: c.ttl === null ? null : now + c.ttl }, now);
          packets.push(phrase);
        });
        break;
      }
      case 'claim': {
        if (packets.length === 0) break;
        const phrase = packets[c.packet % packets.length]!;
        expectedRefusal(() => s.economy.redPackets.claim(users[c.user]!, phrase, now));
        break;
      }
      case 'tick':
        now += c.ms;
        s.economy.redPackets.expireDue(now);
        break;
      case 'grant':
        expectedRefusal(() => grantPoints(s, null, users[c.user]!, c.delta, 'property grant'));
        break;
      default: {
        const never: never = c;
        throw new Error(`unknown command ${JSON.stringify(never)}`);
      }
    }
    const t = s.economy.balances.totals();
    const held = (db.prepare('SELECT IFNULL(SUM(amount_micro), 0) AS n FROM reservations').get() as { n: number }).n;
    expect(t.reservations).toBe(held);
    expect(t.balances + t.reservations + t.packets + t.system).toBe(t.grants);
    expect((db.prepare('SELECT MIN(balance_micro) AS m FROM users').get() as { m: number }).m).toBeGreaterThanOrEqual(0);
  }
  // Every packet's claims and refund stay within its total.
  const over = db.prepare('SELECT COUNT(*) AS n FROM red_packets WHERE claimed_micro + refunded_micro > total_micro').get() as { n: number };
  expect(over.n).toBe(0);
}
