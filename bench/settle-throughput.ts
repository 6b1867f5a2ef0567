import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src-main/core/create-core';
import { settleRequest } from '../src-main/economy/settle-request';
import { EnvMasterKey } from '../src-main/secrets/master-key-file';
import { BENCH_ADMIN, seedTenant } from './seed';

/**
 * How many request settlements per second the store sustains: settleRequest (one transaction:
 * balances, key spend, system account, ledger row) in a loop on a real SQLite file. Run pinned
 * to the gateway's core; prints one JSON line.
 */
async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-bench-settle-'));
  const core = await createCore({
    config: { host: '127.0.0.1', port: 0, dataDir, databaseFile: path.join(dataDir, 'bench.sqlite3'), adminEmail: BENCH_ADMIN.email, adminPassword: BENCH_ADMIN.password, secretKey: null, leaderboardTimeZone: 'UTC' },
    masterKey: new EnvMasterKey('bench-master-key'),
  });
  try {
    const { port } = await core.listen();
    await seedTenant(`http://127.0.0.1:${port}`, 'http://127.0.0.1:9');
    const db = core.services.db;
    const id = (sql: string) => (db.prepare(sql).get() as { id: number }).id;
    const member = id("SELECT id FROM users WHERE email = 'member@bench.test'");
    const provider = id("SELECT id FROM users WHERE email = 'provider@bench.test'");
    const keyId = id('SELECT id FROM api_keys LIMIT 1');
    const channelId = id('SELECT id FROM channels LIMIT 1');
    const before = (db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;

    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      // Batches of 100 between clock reads; each settlement is still its own transaction.
      for (let i = 0; i < 100; i++, n++) {
        settleRequest(core.services, {
          requestId: `req_bench_${n}`,
          userId: member,
          apiKeyId: keyId,
          channelId,
          providerUserId: provider,
          route: 'openai-chat',
          upstreamProtocol: 'openai-chat',
          model: 'bench-model',
          stream: false,
          status: 'ok',
          httpStatus: 200,
          usage: { inTotal: 42, cacheRead: 0, cacheWrite: 0, outTotal: 24 },
          estimate: { inTotal: 40, cacheRead: 0, cacheWrite: 0, outTotal: 24 },
          reasoningTokens: 0,
          tokenizerNote: 'usage reported by upstream',
          durationMs: 1,
          ttftMs: 1,
          error: null,
        });
      }
    }
    const elapsed = performance.now() - start;
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n - before;
    console.log(JSON.stringify({ settlements: n, rows, seconds: elapsed / 1000, perSecond: Math.round((n * 1000) / elapsed) }));
  } finally {
    await core.close(1_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
