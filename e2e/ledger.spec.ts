import OpenAI from 'openai';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { startFakeUpstream } from '../src-main/testing/fake-upstreams';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

test('the ledger pages through 53 requests, 50 to a page', async ({ server, newPage, shot, defer }) => {
  const upstream = await startFakeUpstream({ protocol: 'openai' });
  defer(() => upstream.close());
  await server.api('PATCH', '/api/users/1', { points_delta: 100 }, server.adminToken);
  await server.api('POST', '/api/channels', { name: 'pager', provider: 'openai', base_url: `${upstream.url}/v1`, api_key_secret: 'upstream-secret-key', models: ['gpt-4o-mini'] }, server.adminToken);
  const { token } = await server.api<{ token: string }>('POST', '/api/api-keys', { name: 'pager-key' }, server.adminToken);
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: token });
  for (let batch = 0; batch < 53; batch += 10) {
    const n = Math.min(10, 53 - batch);
    await Promise.all(Array.from({ length: n }, (_, i) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `row ${batch + i}` }] })));
  }

  const page = await newPage();
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  await goTo(page, 'Ledger');
  await waitForText(L.ledger.total(page), /^53 rows$/);
  await L.ledger.pageLabel(page, 1, 2).waitFor();
  check((await L.ledger.rows(page).count()) === 50, `page 1 shows ${await L.ledger.rows(page).count()} rows`);
  await L.ledger.next(page).click();
  await L.ledger.pageLabel(page, 2, 2).waitFor();
  // Page 1 stays on screen while page 2 loads (no flash): wait for the 4th row to go.
  await L.ledger.rows(page).nth(3).waitFor({ state: 'detached' });
  check((await L.ledger.rows(page).count()) === 3, `page 2 shows ${await L.ledger.rows(page).count()} rows`);
  await shot(page, 'page-2');
});
