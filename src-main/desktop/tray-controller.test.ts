import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../testing/fake-electron';
import { createDesktopTestCore, type DesktopTestCore } from '../testing/desktop-core';
import { GatewaySharing, type SharingView } from './gateway-sharing';
import { PALETTES, altarIconPng } from './icon-png';
import type { LanAddress } from '../system/lan-addresses';
import { SHARING_FILE_NAME, defaultSharingChoice } from './sharing-choice';
import { createTray } from './tray-controller';
import { gatewayAnswers } from '../testing/gateway-probe';

vi.mock('electron', () => import('../testing/fake-electron'));

/** The tray drives the real core's HTTP server; clicks on the fake menu rebind it for real. */
// Loopback stands in for a LAN interface; 198.51.100.77 (TEST-NET-2) is an interface that went
// away, so binding it really fails.
const lanAddresses: LanAddress[] = [
  { interfaceName: 'lo-as-lan', address: '127.0.0.1' },
  { interfaceName: 'gone0', address: '198.51.100.77' },
];



let t: DesktopTestCore;
let sharing: GatewaySharing;
let tray: fake.Tray;
const hooks = { opened: 0, quit: 0, errors: [] as string[] };

/** Clicks a menu item and waits for the sharing change it starts. */
function click(label: string | RegExp): Promise<SharingView> {
  const changed = new Promise<SharingView>((resolve) => {
    const off = sharing.onChange((v) => {
      off();
      resolve(v);
    });
  });
  tray.item(label).click?.();
  return changed;
}

beforeEach(async () => {
  fake.resetFakeElectron();
  hooks.opened = 0;
  hooks.quit = 0;
  hooks.errors = [];
  t = await createDesktopTestCore();
  sharing = new GatewaySharing(t.core.http, 0, defaultSharingChoice('127.0.0.1'), path.join(t.dataDir, SHARING_FILE_NAME), () => lanAddresses);
  await sharing.start();
  createTray(sharing as never, {
    openConsole: () => hooks.opened++,
    quit: () => hooks.quit++,
    onError: (m) => hooks.errors.push(m),
  });
  tray = fake.Tray.created[0]!;
});
afterEach(async () => {
  await t.cleanup();
});

describe('tray', () => {
  it('shows the local state: title, radio choice, addresses, actions', () => {
    const { port } = sharing.view();
    expect(tray.labels()).toEqual([
      'TokenAltar — This computer only',
      '--separator',
      'This computer only (127.0.0.1)',
      'Share on LAN (all networks)',
      'Share on LAN via lo-as-lan only (127.0.0.1)',
      'Share on LAN via gone0 only (198.51.100.77)',
      '--separator',
      'LAN addresses',
      `Copy base URL (http://127.0.0.1:${port})`,
      'Open console',
      'Pause gateway',
      '--separator',
      'Quit TokenAltar',
    ]);
    expect(tray.item('This computer only (127.0.0.1)').checked).toBe(true);
    expect(tray.item('Share on LAN (all networks)').checked).toBe(false);
    expect(tray.item('LAN addresses').submenu?.map((i) => i.label)).toEqual([
      `http://127.0.0.1:${port}  (lo-as-lan)`,
      `http://198.51.100.77:${port}  (gone0)`,
    ]);
    expect(tray.tooltip).toBe(`TokenAltar — this computer only (http://127.0.0.1:${port})`);
    expect((tray.image as { png: Buffer }).png.equals(altarIconPng(32, PALETTES.local))).toBe(true);
  });

  it('"Share on LAN" rebinds the gateway to all interfaces and updates icon, tooltip and menu', async () => {
    const { port } = sharing.view();
    const view = await click('Share on LAN (all networks)');
    expect(view.boundHost).toBe('0.0.0.0');
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
    expect(tray.item('TokenAltar — Shared on LAN').enabled).toBe(false);
    expect(tray.item('Share on LAN (all networks)').checked).toBe(true);
    expect(tray.item('This computer only (127.0.0.1)').checked).toBe(false);
    expect(tray.tooltip).toMatch(/shared on LAN/);
    expect((tray.image as { png: Buffer }).png.equals(altarIconPng(32, PALETTES.shared))).toBe(true);

    await click('This computer only (127.0.0.1)');
    expect(sharing.view().boundHost).toBe('127.0.0.1');
    expect(tray.item('This computer only (127.0.0.1)').checked).toBe(true);
  });

  it('pauses and resumes the gateway', async () => {
    const { port } = sharing.view();
    await click('Pause gateway');
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(false);
    expect(tray.labels()[0]).toBe('TokenAltar — Paused');
    expect(tray.item(/^Copy base URL/).enabled).toBe(false);
    expect((tray.image as { png: Buffer }).png.equals(altarIconPng(32, PALETTES.paused))).toBe(true);
    await click('Resume gateway');
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
    expect(tray.item('Pause gateway')).toBeTruthy();
  });

  it('copies the base URL and each LAN address', () => {
    const { port } = sharing.view();
    tray.item(/^Copy base URL/).click?.();
    expect(fake.clipboard.text).toBe(`http://127.0.0.1:${port}`);
    tray.item(/\(lo-as-lan\)$/).click?.();
    expect(fake.clipboard.text).toBe(`http://127.0.0.1:${port}`);
  });

  it('opens the console (menu and icon click) and quits', () => {
    tray.item('Open console').click?.();
    tray.emit('click');
    expect(hooks.opened).toBe(2);
    tray.item('Quit TokenAltar').click?.();
    expect(hooks.quit).toBe(1);
  });

  it('reports a failed change, keeps serving, and shows the error in the menu', async () => {
    const { port } = sharing.view();
    const view = await click('Share on LAN via gone0 only (198.51.100.77)');
    expect(view.lastError).toMatch(/could not listen on 198\.51\.100\.77/);
    await vi.waitFor(() => expect(hooks.errors).toEqual([view.lastError]));
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);
    expect(tray.item(/^⚠ could not listen/).enabled).toBe(false);
    expect(tray.item('This computer only (127.0.0.1)').checked).toBe(true);
  });
});
