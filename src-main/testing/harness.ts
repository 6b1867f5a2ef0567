import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../config/env-config';
import { createCore, type Core } from '../core/create-core';
import { EnvMasterKey } from '../secrets/master-key-file';

export const ADMIN_EMAIL = 'owner@example.test';
export const ADMIN_PASSWORD = 'owner-password-1';

export interface TestCore {
  core: Core;
  /** http://127.0.0.1:PORT */
  url: string;
  dataDir: string;
  adminToken: string;
  /** Calls the console API over real HTTP; throws with status and body on failure unless `expect` is given. */
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  apiRaw(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Registers (or creates via admin) a member and returns their session token and id. */
  createMember(email: string, points?: number): Promise<{ token: string; id: number }>;
  close(): Promise<void>;
}

/**
 * Boots the real core on 127.0.0.1:0 with a temp SQLite file and the first admin, as the
 * product runs headless. Every integration test starts from here.
 */
export async function startTestCore(opts: { settings?: Record<string, unknown>; keepDataDir?: string } = {}): Promise<TestCore> {
  const dataDir = opts.keepDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-test-'));
  const config: AppConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseFile: path.join(dataDir, 'tokenaltar.sqlite3'),
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
    secretKey: null,
    leaderboardTimeZone: 'UTC',
  };
  const core = await createCore({ config, masterKey: new EnvMasterKey('test-master-key') });
  const { port } = await core.listen();
  const url = `http://127.0.0.1:${port}`;

  async function apiRaw(method: string, p: string, body?: unknown, token?: string) {
    const res = await fetch(url + p, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV or empty
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  async function api<T>(method: string, p: string, body?: unknown, token?: string): Promise<T> {
    const r = await apiRaw(method, p, body, token);
    if (r.status >= 400) throw new Error(`${method} ${p} -> ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T;
  }
  const login = await api<{ token: string }>('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (opts.settings) {
    await api('POST', '/api/settings', Object.entries(opts.settings).map(([key, value]) => ({ key, value })), login.token).catch(() => {
      core.services.settings.update(Object.entries(opts.settings!).map(([key, value]) => ({ key, value })));
    });
  }
  return {
    core,
    url,
    dataDir,
    adminToken: login.token,
    api,
    apiRaw,
    async createMember(email, points = 100) {
      const user = await api<{ id: number }>('POST', '/api/users', { email, password: 'member-password-1', points_balance: points }, login.token);
      const session = await api<{ token: string }>('POST', '/api/auth/login', { email, password: 'member-password-1' });
      return { token: session.token, id: user.id };
    },
    async close() {
      await core.close(1_000);
      if (!opts.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
