/**
 * The console in IPC mode, in real Chromium: a `window.tokenaltar` bridge shaped like the desktop
 * preload, backed by the desktop's own IPC call handler (runIpcCall) and topic bus in this process.
 * Electron itself cannot run here (TOOLCHAIN.md); everything behind the bridge is the real code.
 */
import { runIpcCall } from '../src-main/desktop/console-ipc';
import { CONSOLE_ENTRY_URL } from '../src-main/desktop/app-protocol';
import { ensureDesktopOwner, ownerIdentitySource } from '../src-main/desktop/desktop-owner';
import { check, goTo, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

const BRIDGE = `
  window.__tokenaltarListeners = new Set();
  window.__tokenaltarEmit = (event) => { for (const l of window.__tokenaltarListeners) l(event); };
  window.tokenaltar = {
    call: (op, input) => window.__tokenaltarCall(op, input),
    on: (listener) => { window.__tokenaltarListeners.add(listener); return () => window.__tokenaltarListeners.delete(listener); },
    gatewayUrl: () => window.__tokenaltarGatewayUrl(),
  };
`;

test('desktop window: the owner over the IPC bridge, hash routes, live topics without SSE', async ({ server, newPage, shot, defer }) => {
  const core = server.core;
  const ownerId = await ensureDesktopOwner(core.services);
  const deps = { api: core.api, ownerIdentity: ownerIdentitySource(core.services, ownerId), log: core.services.log };
  const page = await newPage();
  await page.exposeFunction('__tokenaltarCall', (op: unknown, input: unknown) => runIpcCall(CONSOLE_ENTRY_URL, op, input, deps));
  await page.exposeFunction('__tokenaltarGatewayUrl', () => server.url);
  await page.addInitScript(BRIDGE);
  const unsubscribe = core.services.events.subscribe({
    userId: ownerId,
    isAdmin: true,
    send: (topics) => void page.evaluate(`window.__tokenaltarEmit(${JSON.stringify({ topics })})`).catch(() => undefined),
  });
  defer(async () => {
    unsubscribe();
  });
  const sse: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) sse.push(r.url());
  });

  // No login: the window is the owner.
  await page.goto(`${server.url}/`);
  await L.shell.heading(page, 'Dashboard').waitFor();
  await L.shell.live(page).waitFor();
  check((await L.shell.signOut(page).count()) === 0, 'the desktop window offers Sign out');
  await goTo(page, 'Channels');
  check(page.url().endsWith('#/channels'), `desktop routes are not hash routes: ${page.url()}`);

  // A change made elsewhere (a member's browser, over HTTP) reaches the window as an IPC topic.
  await server.api('POST', '/api/channels', { name: 'from-elsewhere', provider: 'openai', base_url: 'https://api.openai.com/v1', api_key_secret: 'sk-upstream', models: ['gpt-4o-mini'] }, server.adminToken);
  await L.channels.row(page, 'from-elsewhere').waitFor();

  await goTo(page, 'API Keys');
  await L.keys.newKey(page).click();
  await L.keys.name(page).fill('desktop-key');
  await L.keys.save(page).click();
  await waitForText(L.keys.snippet(page, 'openai'), new RegExp(`base_url="${server.url}/v1"`));
  await shot(page, 'desktop-key');
  await L.keys.done(page).click();
  check(sse.length === 0, `the IPC console made HTTP API calls: ${sse.join(', ')}`);
});
