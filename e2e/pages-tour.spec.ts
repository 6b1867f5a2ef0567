import OpenAI from 'openai';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestCore } from '../src-main/testing/harness';
import { startFakeUpstream, type FakeUpstream } from '../src-main/testing/fake-upstreams';
import { goTo, signIn } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

const ALL_PAGES = ['Dashboard', 'API Keys', 'Channels', 'Health', 'Pricing', 'Economy', 'Leaderboards', 'Ledger', 'Guide', 'Users', 'Affinity', 'Settings'];

/** Real traffic so the screenshots show filled pages: a channel, a key, requests, a member, a packet. */
async function seedPool(server: TestCore, upstream: FakeUpstream): Promise<void> {
  const admin = server.adminToken;
  await server.api('PATCH', '/api/users/1', { points_delta: 100 }, admin);
  await server.api('POST', '/api/channels', {
    name: 'team-openai', provider: 'openai', base_url: `${upstream.url}/v1`, api_key_secret: 'upstream-secret-key', models: ['gpt-4o-mini', 'gpt-5*'],
    quota_windows: [{ name: '5h', limit_points: 50, period_unit: 'hour', period_count: 5, anchor_at: '2026-01-01T00:00:00Z', timezone: 'Europe/Berlin' }],
  }, admin);
  const { token } = await server.api<{ token: string }>('POST', '/api/api-keys', { name: 'laptop' }, admin);
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: token });
  for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `hello ${i}` }] });
  const member = await server.createMember('dana@example.test', 20);
  await server.api('POST', '/api/transfers', { to_email: ADMIN_EMAIL, points: 1.5, memo: 'coffee' }, member.token);
  await server.api('POST', '/api/red-packets', { phrase: 'happy friday', total_points: 5, total_parts: 3, mode: 'lucky' }, admin);
}

test('admin visits every page in light and dark (screenshots)', async ({ server, newPage, shot, defer }) => {
  const upstream = await startFakeUpstream({ protocol: 'openai' });
  defer(() => upstream.close());
  await seedPool(server, upstream);
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

test('the console fits a phone screen', async ({ server, newPage, shot }) => {
  const page = await newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  for (const label of ['Dashboard', 'Channels', 'Guide']) {
    await goTo(page, label);
    await shot(page, `phone-${label}`);
  }
  // Nothing but tables may scroll sideways: the page itself keeps to the screen width.
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  if (overflow > 0) throw new Error(`the page is ${overflow}px wider than the phone screen`);
});
