import OpenAI from 'openai';
import { startFakeUpstream } from '../src-main/testing/fake-upstreams';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

test('leaderboards rank a member live, and mask them once they choose anonymity', async ({ server, newPage, shot, defer }) => {
  const upstream = await startFakeUpstream({ protocol: 'openai' });
  defer(() => upstream.close());
  await server.api('POST', '/api/channels', { name: 'pool-openai', provider: 'openai', base_url: `${upstream.url}/v1`, api_key_secret: 'upstream-secret-key', models: ['gpt-4o-mini'] }, server.adminToken);
  const ana = await server.createMember('ana@example.test', 50);
  await server.createMember('ben@example.test', 50);
  const { token } = await server.api<{ token: string }>('POST', '/api/api-keys', { name: 'ana-key' }, ana.token);

  const ben = await newPage();
  await signIn(ben, server.url, 'ben@example.test', 'member-password-1');
  await goTo(ben, 'Leaderboards');
  await L.shell.emptyState(ben, 'Nobody has spent points yet').waitFor();

  // Ana spends: Ben's open board ranks her without a reload.
  await new OpenAI({ baseURL: `${server.url}/v1`, apiKey: token }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  await waitForText(L.leaderboards.consumers(ben), /ana/);

  const anaPage = await newPage();
  await signIn(anaPage, server.url, 'ana@example.test', 'member-password-1');
  await goTo(anaPage, 'Economy');
  await L.economy.anonymous(anaPage).click();
  await L.shell.toast(anaPage, 'You are anonymous on leaderboards').waitFor();

  // Ben's board drops her name, live.
  await L.leaderboards.consumers(ben).filter({ hasNotText: 'ana' }).waitFor();
  check((await L.leaderboards.consumerRows(ben).count()) === 1, 'the anonymous row vanished instead of being masked');
  await shot(ben, 'masked');
});
