import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { goTo, signIn } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

const ALL_PAGES = ['Dashboard', 'API Keys', 'Channels', 'Health', 'Pricing', 'Economy', 'Leaderboards', 'Ledger', 'Guide', 'Users', 'Affinity', 'Settings'];

test('admin visits every page in light and dark (screenshots)', async ({ server, newPage, shot }) => {
  const page = await newPage();
  await page.goto(server.url + '/');
  // Signed out, any page lands on the login form.
  await L.auth.email(page).waitFor();
  await shot(page, 'login');
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  for (const theme of ['light', 'dark'] as const) {
    await L.shell.theme(page).selectOption(theme);
    for (const label of ALL_PAGES) {
      await goTo(page, label);
      await shot(page, `${theme}-${label}`);
    }
  }
});

test('a deep link survives a reload and unknown asset paths are real 404s', async ({ server, newPage }) => {
  const page = await newPage();
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto(server.url + '/guide');
  await L.shell.heading(page, 'Guide').waitFor();
  const asset = await page.request.get(server.url + '/assets/not-there-123.js');
  if (asset.status() !== 404) throw new Error(`missing asset answered ${asset.status()}`);
  const api = await page.request.get(server.url + '/api/not-a-route');
  if (!(api.headers()['content-type'] ?? '').includes('application/json')) throw new Error('an unknown /api route was shadowed by the console');
});
