import OpenAI from 'openai';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { startFakeUpstream } from '../src-main/testing/fake-upstreams';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

const ADMIN_ONLY = ['Users', 'Affinity', 'Settings'];

test('a member registers with an invite code and sees only their own data', async ({ server, newPage, shot, defer }) => {
  const upstream = await startFakeUpstream({ protocol: 'openai' });
  defer(() => upstream.close());
  // The owner's channel and key exist before the member arrives.
  await server.api('POST', '/api/channels', { name: 'owner-channel', provider: 'openai', base_url: `${upstream.url}/v1`, api_key_secret: 'upstream-secret-key', models: ['gpt-4o-mini'] }, server.adminToken);
  const ownerKey = await server.api<{ token: string }>('POST', '/api/api-keys', { name: 'owner-key' }, server.adminToken);
  await server.api('PATCH', '/api/users/1', { points_delta: 10 }, server.adminToken);
  // The owner's own traffic: it must never show up in the member's ledger.
  await new OpenAI({ baseURL: `${server.url}/v1`, apiKey: ownerKey.token }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'owner only' }] });

  // The owner makes the pool invitation-only and issues a code, from the console.
  server.core.services.settings.update([{ key: 'invite_required', value: true }]);
  const admin = await newPage();
  await signIn(admin, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  await goTo(admin, 'Users');
  await L.users.inviteCode(admin).fill('TEAM-2026');
  await L.users.addInvite(admin).click();
  await L.shell.toast(admin, 'Invite TEAM-2026 created').waitFor();

  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await L.auth.registerTab(page).click();
  await L.auth.email(page).fill('mia@example.test');
  await L.auth.password(page).fill('member-password-1');
  await L.auth.displayName(page).fill('Mia');
  // Without the code the server refuses, and says so.
  await L.auth.submit(page).click();
  await L.auth.error(page).waitFor();
  await shot(page, 'register-refused');
  await L.auth.inviteCode(page).fill('TEAM-2026');
  await L.auth.submit(page).click();
  await waitForText(L.shell.whoami(page), /^Mia$/);
  await L.shell.live(page).waitFor();
  // The admin sees the code used, live.
  await waitForText(L.users.inviteRow(admin, 'TEAM-2026'), /1 \/ ∞/);

  // Admin pages are not in a member's navigation, and their URLs send the member home.
  for (const label of ADMIN_ONLY) check((await L.shell.navLink(page, label).count()) === 0, `member sees the ${label} link`);
  await page.goto(`${server.url}/users`);
  await L.shell.heading(page, 'Dashboard').or(L.shell.notAvailable(page)).first().waitFor();
  check(!page.url().endsWith('/users'), 'member stayed on /users');

  // Only their own channels and keys: the owner's are not listed.
  await goTo(page, 'Channels');
  await L.shell.emptyState(page, 'No channels yet').waitFor();
  await goTo(page, 'API Keys');
  await L.shell.emptyState(page, 'No keys yet').waitFor();
  await L.keys.newKey(page).click();
  await L.keys.name(page).fill('mia-laptop');
  await L.keys.save(page).click();
  await L.keys.done(page).click();
  await L.keys.row(page, 'mia-laptop').waitFor();
  check((await L.keys.row(page, 'owner-key').count()) === 0, 'member sees the owner key');
  await shot(page, 'member-keys');

  await goTo(page, 'Ledger');
  await L.shell.emptyState(page, 'No requests yet').waitFor();
  await goTo(page, 'Dashboard');
  await L.dashboard.requestsToday(page).waitFor();
  await shot(page, 'member-dashboard');

  // The API agrees with the UI: admin-only routes answer 403 to the member's own session.
  // A string expression: e2e/ is typed for Node, the page has its own globals.
  const token = await page.evaluate<string | null>("localStorage.getItem('tokenaltar.session')");
  const users = await server.apiRaw('GET', '/api/users', undefined, token ?? '');
  check(users.status === 403, `GET /api/users as member answered ${users.status}`);
});
