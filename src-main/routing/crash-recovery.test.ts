import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'crash-admin@example.test', password: 'crash-admin-pw-1' };

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The real headless server (`src-main/cli/serve.ts`) in its own process, on a free port. */
function startServer(dataDir: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_ENV') delete env[k];
  Object.assign(env, {
    TOKENALTAR_BIND: '127.0.0.1:0',
    TOKENALTAR_DATABASE_URL: `sqlite://${path.join(dataDir, 'tokenaltar.sqlite3')}`,
    TOKENALTAR_DATA_DIR: dataDir,
    TOKENALTAR_ADMIN_EMAIL: ADMIN.email,
    TOKENALTAR_ADMIN_PASSWORD: ADMIN.password,
    TOKENALTAR_SECRET_KEY: 'crash-test-master-key',
    TOKENALTAR_LOG_LEVEL: 'info',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/cli/serve.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Gateway:\s+(http:\/\/[^\s/]+)\/v1/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
    setTimeout(() => reject(new Error(`server did not start: ${out}`)), 45_000).unref();
  });
}

async function call<T>(url: string, method: string, p: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 400) throw new Error(`${method} ${p} -> ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('crash recovery of reservations', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-crash-'));
  let upstream: FakeUpstream;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await upstream?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a process killed mid-request leaves its holds visible; the next start releases them and logs it', async () => {
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up' });
    upstream.setDefault({ failure: { kind: 'hang' } });

    const first = await startServer(dataDir);
    children.push(first.child);
    const admin = await call<{ token: string }>(first.url, 'POST', '/api/auth/login', ADMIN);
    const member = await call<{ id: number }>(first.url, 'POST', '/api/users', { email: 'crash-member@example.test', password: 'crash-member-pw-1', points_balance: 10 }, admin.token);
    const session = await call<{ token: string }>(first.url, 'POST', '/api/auth/login', { email: 'crash-member@example.test', password: 'crash-member-pw-1' });
    const key = await call<{ token: string; record: { id: number } }>(first.url, 'POST', '/api/api-keys', { name: 'k', spend_limit_points: 5 }, session.token);
    await call(first.url, 'POST', '/api/channels', {
      name: 'slow', provider: 'openai', base_url: upstream.url + '/v1', api_key_secret: 'sk-up', models: ['gpt-5.1'],
      quota_windows: [{ name: 'daily', limit_points: 3, period_unit: 'day', period_count: 1, anchor_at: '2026-01-01T00:00:00Z', timezone: 'UTC' }],
    }, admin.token);

    // In flight: the upstream hangs, so the holds are taken and never settled.
    void fetch(`${first.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.1', max_tokens: 2000, messages: [{ role: 'user', content: 'take your time' }] }),
    }).catch(() => {});
    await upstream.waitForRequests(1);

    const db = new Database(path.join(dataDir, 'tokenaltar.sqlite3'), { readonly: true });
    const snapshot = () => ({
      balance: (db.prepare('SELECT balance_micro AS v FROM users WHERE id = ?').get(member.id) as { v: number }).v,
      spent: (db.prepare('SELECT spent_micro AS v FROM api_keys WHERE id = ?').get(key.record.id) as { v: number }).v,
      windowUsed: (db.prepare('SELECT used_micro AS v FROM channel_quota_windows').get() as { v: number }).v,
      reservations: (db.prepare('SELECT COUNT(*) AS v FROM reservations').get() as { v: number }).v,
      ledgerRows: (db.prepare('SELECT COUNT(*) AS v FROM ledger').get() as { v: number }).v,
    });
    const during = snapshot();
    expect(during.reservations).toBe(1);
    expect(during.balance).toBeLessThan(10_000_000);
    const held = 10_000_000 - during.balance;
    expect(during).toMatchObject({ spent: held, windowUsed: held, ledgerRows: 0 });

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(snapshot()).toEqual(during); // the crash left the holds on disk

    const second = await startServer(dataDir);
    children.push(second.child);
    expect(snapshot()).toEqual({ balance: 10_000_000, spent: 0, windowUsed: 0, reservations: 0, ledgerRows: 0 });
    expect(second.output()).toContain('released a stale reservation');
    db.close();
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }, 150_000);
});
