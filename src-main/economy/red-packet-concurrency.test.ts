import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantPoints, startSession } from '../accounts/accounts-service';
import { startTestCore, type TestCore } from '../testing/harness';

const WORKER = path.resolve(__dirname, '../testing/red-packet-claim-worker.ts');

/** Concurrent claims of one packet: every member at most once, the total never exceeded. */
describe('red packet claims under concurrency', () => {
  let t: TestCore;
  let creator: { id: number; token: string };
  const members: { id: number; token: string }[] = [];

  const quickMember = (name: string, micro: number) => {
    const s = t.core.services;
    const id = s.stores.users.insert({ email: `${name}@example.test`, password_hash: 'x', display_name: name, role: 'member', balance_micro: 0 });
    if (micro > 0) grantPoints(s, null, id, micro, 'test');
    return { id, token: startSession(s, id) };
  };
  const balance = (id: number) => t.core.services.stores.users.get(id)!.balance_micro;
  const packetRow = (phrase: string) =>
    t.core.services.db.prepare('SELECT * FROM red_packets WHERE phrase = ? ORDER BY id DESC LIMIT 1').get(phrase) as { id: number; claimed_parts: number; claimed_micro: number; total_micro: number; status: string };

  beforeAll(async () => {
    t = await startTestCore();
    creator = quickMember('creator', 100_000_000);
    for (let i = 0; i < 40; i++) members.push(quickMember(`m${i}`, 0));
  });
  afterAll(async () => t?.close());

  it('over HTTP: 40 members (each twice at once) race for 15 parts', async () => {
    await t.api('POST', '/api/red-packets', { phrase: 'race', total_points: 7.5, total_parts: 15, mode: 'lucky' }, creator.token);
    const attempts = [...members, ...members].map((m) => t.apiRaw('POST', '/api/red-packets/claim', { phrase: 'race' }, m.token).then((r) => ({ m, r })));
    const results = await Promise.all(attempts);
    const wins = results.filter((x) => x.r.status === 200);
    expect(wins).toHaveLength(15);
    expect(new Set(wins.map((w) => w.m.id)).size).toBe(15); // nobody twice
    for (const x of results) if (x.r.status !== 200) expect([404, 409]).toContain(x.r.status);
    const paid = members.reduce((sum, m) => sum + balance(m.id), 0);
    expect(paid).toBe(7_500_000);
    expect(packetRow('race')).toMatchObject({ claimed_parts: 15, claimed_micro: 7_500_000, status: 'emptied' });
  });

  it('across processes: separate connections racing for one packet never overpay', async () => {
    const s = t.core.services;
    s.economy.redPackets.create(creator.id, { phrase: 'multi', totalMicro: 1_000_000, parts: 10, mode: 'even' });
    const before = new Map(members.map((m) => [m.id, balance(m.id)]));
    // 4 processes, each claiming for 10 members; every member appears in two processes.
    const ids = members.slice(0, 20).map((m) => String(m.id));
    const groups = [ids.slice(0, 10), ids.slice(10, 20), ids.slice(5, 15), [...ids.slice(15, 20), ...ids.slice(0, 5)]];
    const workers = groups.map((g) => startWorker(s.config.databaseFile, 'multi', g));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const outputs = await Promise.all(workers.map((w) => w.done));
    const lines = outputs.flat().map((l) => JSON.parse(l) as { user: number; micro?: number; error?: string });
    expect(lines).toHaveLength(40);
    const wins = lines.filter((l) => l.micro !== undefined);
    expect(wins).toHaveLength(10);
    expect(new Set(wins.map((w) => w.user)).size).toBe(10);
    for (const l of lines) if (l.error) expect(['already_claimed', 'not_found', 'packet_empty']).toContain(l.error);
    const gained = members.reduce((sum, m) => sum + balance(m.id) - before.get(m.id)!, 0);
    expect(gained).toBe(1_000_000);
    expect(packetRow('multi')).toMatchObject({ claimed_parts: 10, claimed_micro: 1_000_000, status: 'emptied' });
  }, 120_000); // four tsx start-ups on a shared 2-core machine
});

/** One claim worker process; `ready` resolves once it loaded, `go()` releases its claims. */
function startWorker(dbFile: string, phrase: string, userIds: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dbFile, phrase, ...userIds], { cwd: path.resolve(__dirname, '../..'), stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.startsWith('ready\n')) markReady();
  });
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`claim worker exited with ${code}`));
      else resolve(buffer.split('\n').filter((l) => l.startsWith('{')));
    });
  });
  return { ready, done, go: () => child.stdin.write('go\n') };
}
