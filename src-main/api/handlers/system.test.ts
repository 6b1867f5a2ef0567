import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../testing/harness';
import type { SystemInfo } from '../../../src-shared/api/ops/system';

/** system.info over HTTP on the headless core (the desktop's IPC view is tested in src-main/desktop). */
let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(async () => {
  await t.close();
});

describe('system.info (headless)', () => {
  it('tells the admin which backend protects the secrets and where the gateway listens', async () => {
    const info = await t.api<SystemInfo>('GET', '/api/system', undefined, t.adminToken);
    expect(info.secrets_backend).toEqual({ kind: 'env', description: 'TOKENALTAR_SECRET_KEY environment variable' });
    expect(info.gateway).toEqual({ sharing: 'local', base_url: t.url, lan_urls: [] });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.desktop).toBe(false);
  });

  it('is for admins only', async () => {
    const member = await t.createMember('sys-member@example.test');
    expect((await t.apiRaw('GET', '/api/system', undefined, member.token)).status).toBe(403);
    expect((await t.apiRaw('GET', '/api/system')).status).toBe(401);
  });
});
