import fs from 'node:fs';
import OpenAI from 'openai';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { startFakeUpstream } from '../src-main/testing/fake-upstreams';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

const UPSTREAM_SECRET = 'sk-upstream-e2e-secret-7f3a';

test('admin creates a channel and a key; an SDK request through the gateway shows up live', async ({ server, newPage, shot, defer }) => {
  const upstream = await startFakeUpstream({ protocol: 'openai', apiKey: UPSTREAM_SECRET });
  defer(() => upstream.close());
  const page = await newPage();
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);

  // Give the owner points to spend, as an admin grant from the Users page.
  await goTo(page, 'Users');
  await L.users.manage(page, ADMIN_EMAIL).click();
  await L.users.pointsDelta(page).fill('50');
  await L.users.applyPoints(page).click();
  await waitForText(L.shell.balance(page), /^50$/);
  await L.shell.closeDialog(page, 'adjust-dialog').click();

  await goTo(page, 'Channels');
  await L.channels.newChannel(page).click();
  // Validation speaks before the server is asked.
  await L.channels.save(page).click();
  await waitForText(L.channels.errors(page), /needs its upstream API key/);
  await L.channels.name(page).fill('fake-openai');
  await L.channels.provider(page).selectOption('openai');
  await L.channels.baseUrl(page).fill(`${upstream.url}/v1`);
  await L.channels.secret(page).fill(UPSTREAM_SECRET);
  await L.channels.models(page).fill('gpt-4o-mini\ngpt-4o*');
  await L.channels.addWindow(page).click();
  await L.channels.windowLimit(page, 0).fill('500');
  await shot(page, 'channel-form');
  await L.channels.save(page).click();
  await L.channels.row(page, 'fake-openai').waitFor();
  await waitForText(L.channels.row(page, 'fake-openai'), /0 \/ 500/);
  // The secret is write-only: it is nowhere on the page, only its masked hint.
  check(!(await page.content()).includes(UPSTREAM_SECRET), 'the upstream secret reached the page');
  await shot(page, 'channels');

  await goTo(page, 'API Keys');
  await L.keys.newKey(page).click();
  await L.keys.name(page).fill('e2e-key');
  await L.keys.save(page).click();
  await L.keys.token(page).waitFor();
  const token = (await L.keys.token(page).textContent())?.trim() ?? '';
  check(token.startsWith('sk-'), `unexpected token ${token}`);
  await waitForText(L.keys.snippet(page, 'openai'), new RegExp(`base_url="${server.url}/v1"`));
  await L.keys.snippetTab(page, 'Claude Code').click();
  await waitForText(L.keys.snippet(page, 'claude-code'), new RegExp(`ANTHROPIC_BASE_URL="${server.url}"`));
  await shot(page, 'key-created');
  await L.keys.done(page).click();
  await L.keys.row(page, 'e2e-key').waitFor();
  check(!(await page.content()).includes(token), 'the full key is still on the page after the dialog closed');

  // A real SDK request through the gateway while the Ledger page is open: the row arrives by push.
  await goTo(page, 'Ledger');
  await L.shell.emptyState(page, 'No requests yet').waitFor();
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: token });
  const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello from e2e' }] });
  check(reply.choices[0]?.message.content === 'Hello from the fake upstream.', `unexpected reply ${JSON.stringify(reply.choices[0])}`);
  await L.ledger.row(page, 'gpt-4o-mini').waitFor();
  await waitForText(L.shell.balance(page), /^49\.\d+$/);
  await L.ledger.formulaButton(page, 'gpt-4o-mini').click();
  await waitForText(L.ledger.formula(page), /\d/);
  await shot(page, 'ledger-formula');
  await L.shell.closeDialog(page, 'ledger-details').click();
  // CSV export downloads the same rows.
  const [download] = await Promise.all([page.waitForEvent('download'), L.ledger.export(page).click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  check(csv.split('\n')[0]?.includes('model') === true && csv.includes('gpt-4o-mini'), `unexpected CSV: ${csv.slice(0, 200)}`);

  // The dashboard counts it, and counts a second (streamed) request without a reload.
  await goTo(page, 'Dashboard');
  await waitForText(L.dashboard.requestsToday(page), /^1$/);
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'stream please' }] });
  let streamed = '';
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? '';
  check(streamed.length > 0, 'the streamed reply was empty');
  await waitForText(L.dashboard.requestsToday(page), /^2$/);
  await shot(page, 'dashboard-after-requests');

  // Ledger filters: by model, and back.
  await goTo(page, 'Ledger');
  await waitForText(L.ledger.total(page), /^2 rows$/);
  await L.ledger.modelFilter(page).fill('some-other-model');
  await L.ledger.applyFilters(page).click();
  await waitForText(L.ledger.total(page), /^0 rows$/);
  await L.ledger.modelFilter(page).fill('gpt-4o-mini');
  await L.ledger.applyFilters(page).click();
  await waitForText(L.ledger.total(page), /^2 rows$/);

  // The key shows it was used.
  await goTo(page, 'API Keys');
  await waitForText(L.keys.row(page, 'e2e-key'), /Nov|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Dec/);
});
