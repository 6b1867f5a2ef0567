import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopTestCore, type DesktopTestCore } from '../testing/desktop-core';
import { GatewaySharing } from './gateway-sharing';
import { SHARING_FILE_NAME, defaultSharingChoice, readSharingChoice } from './sharing-choice';
import { gatewayAnswers } from '../testing/gateway-probe';

/**
 * Real rebinding: the core's HTTP server moves between loopback, all interfaces and one LAN
 * interface, and each test connects to the addresses to see what actually answers.
 */
/**
 * Tests send traffic only to loopback addresses (this workplace's network rule): 127.0.0.2 stands
 * in for a LAN interface. Linux answers on all of 127/8 without setup, so binding 0.0.0.0 or that
 * one address behaves exactly as a real interface would. listLanAddresses itself is unit-tested
 * in src-main/system.
 */
const lanAddress: string | null = process.platform === 'linux' ? '127.0.0.2' : null;
const lanAddresses = () => (lanAddress ? [{ interfaceName: 'test-alias', address: lanAddress }] : []);


let t: DesktopTestCore;
let file: string;
let sharing: GatewaySharing;
beforeEach(async () => {
  t = await createDesktopTestCore();
  file = path.join(t.dataDir, SHARING_FILE_NAME);
  sharing = new GatewaySharing(t.core.http, 0, readSharingChoice(file, defaultSharingChoice('127.0.0.1')), file, lanAddresses);
});
afterEach(async () => {
  await t.cleanup();
});

describe('gateway sharing', () => {
  it('starts on loopback only by default', async () => {
    const view = await sharing.start();
    expect(view.state).toBe('local');
    expect(view.boundHost).toBe('127.0.0.1');
    expect(view.baseUrl).toBe(`http://127.0.0.1:${view.port}`);
    expect(await gatewayAnswers('127.0.0.1', view.port)).toBe(true);
    if (lanAddress) expect(await gatewayAnswers(lanAddress, view.port)).toBe(false);
  });

  it.skipIf(!lanAddress)('shares on the LAN and back without a restart, on the same port', async () => {
    const { port } = await sharing.start();
    const shared = await sharing.shareOnLan(null);
    expect(shared).toMatchObject({ state: 'lan', boundHost: '0.0.0.0', port, baseUrl: `http://${lanAddress}:${port}` });
    expect(await gatewayAnswers(lanAddress!, port)).toBe(true);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);

    const oneInterface = await sharing.shareOnLan(lanAddress);
    expect(oneInterface).toMatchObject({ state: 'lan', boundHost: lanAddress });
    expect(await gatewayAnswers(lanAddress!, port)).toBe(true);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(false);

    const local = await sharing.keepLocal();
    expect(local.state).toBe('local');
    expect(await gatewayAnswers(lanAddress!, port)).toBe(false);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
  });

  it('pauses (nothing listens) and resumes where it was', async () => {
    const { port } = await sharing.start();
    await sharing.shareOnLan(null);
    const paused = await sharing.pause();
    expect(paused).toMatchObject({ state: 'paused', boundHost: null });
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(false);
    const resumed = await sharing.resume();
    expect(resumed).toMatchObject({ state: 'lan', boundHost: '0.0.0.0' });
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
  });

  it('persists the choice and restores it at the next start', async () => {
    await sharing.start();
    await sharing.shareOnLan(null);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ mode: 'lan', lanHost: null, paused: false });
    await t.core.http.close(100);

    const restarted = new GatewaySharing(t.core.http, 0, readSharingChoice(file, defaultSharingChoice('127.0.0.1')), file);
    const view = await restarted.start();
    expect(view).toMatchObject({ state: 'lan', boundHost: '0.0.0.0' });
    expect(await gatewayAnswers('127.0.0.1', view.port)).toBe(true);
  });

  it('falls back to all interfaces when the remembered interface is gone', async () => {
    fs.writeFileSync(file, JSON.stringify({ mode: 'lan', lanHost: '198.51.100.77', paused: false }));
    const restored = new GatewaySharing(t.core.http, 0, readSharingChoice(file, defaultSharingChoice('127.0.0.1')), file);
    expect(await restored.start()).toMatchObject({ state: 'lan', boundHost: '0.0.0.0', lastError: null });
  });

  it('keeps serving where it was when the new address cannot be bound', async () => {
    const { port } = await sharing.start();
    const before = fs.readFileSync(file, 'utf8');
    // An address this machine does not have: listen() fails with EADDRNOTAVAIL.
    const failed = await sharing.shareOnLan('198.51.100.77');
    expect(failed.state).toBe('local');
    expect(failed.lastError).toMatch(/could not listen on 198\.51\.100\.77/);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await sharing.pause()).lastError).toBeNull();
  });

  it('serializes rapid toggles: the last click wins and the gateway ends up listening', async () => {
    const { port } = await sharing.start();
    const views = await Promise.all([sharing.shareOnLan(null), sharing.keepLocal(), sharing.pause(), sharing.resume(), sharing.shareOnLan(null)]);
    expect(views.map((v) => v.state)).toEqual(['lan', 'local', 'paused', 'local', 'lan']);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
  });

  it('ignores an unreadable choice file', () => {
    fs.writeFileSync(file, '{"mode": "everywhere"');
    expect(readSharingChoice(file, defaultSharingChoice('127.0.0.1'))).toEqual({ mode: 'local', lanHost: null, paused: false });
    expect(defaultSharingChoice('0.0.0.0')).toEqual({ mode: 'lan', lanHost: null, paused: false });
  });
});
