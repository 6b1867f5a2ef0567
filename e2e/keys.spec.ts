import OpenAI from 'openai';
import { startFakeUpstream } from '../src-main/testing/fake-upstreams';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

test('a member narrows a key to one model, rotates it, and the old token stops working', async ({ server, newPage, shot, defer }) => {
  const upstream = await startFakeUpstream({ protocol: 'openai' });
  defer(() => upstream.close());
  const member = await server.createMember('eli@example.test', 50);
  await server.api('POST', '/api/channels', { name: 'eli-openai', provider: 'openai', base_url: `${upstream.url}/v1`, api_key_secret: 'upstream-secret-key', models: ['gpt-4o-mini', 'gpt-4o'] }, member.token);

  const page = await newPage();
  await signIn(page, server.url, 'eli@example.test', 'member-password-1');
  await goTo(page, 'API Keys');
  await L.keys.newKey(page).click();
  await L.keys.name(page).fill('mini-only');
  await L.keys.models(page).fill('gpt-4o-mini');
  await L.keys.save(page).click();
  const first = (await L.keys.token(page).textContent())?.trim() ?? '';
  await L.keys.done(page).click();
  await waitForText(L.keys.row(page, 'mini-only'), /gpt-4o-mini/);

  const ask = (token: string, model: string) =>
    new OpenAI({ baseURL: `${server.url}/v1`, apiKey: token, maxRetries: 0 }).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
  check((await status(ask(first, 'gpt-4o-mini'))) === 200, 'the allowed model was refused');
  const refused = await status(ask(first, 'gpt-4o'));
  check(refused >= 400 && refused < 500, `a model outside the allow-list answered ${refused}`);

  await L.keys.rowButton(page, 'mini-only', 'Rotate').click();
  await L.shell.confirmOk(page).click();
  await L.keys.token(page).waitFor();
  const second = (await L.keys.token(page).textContent())?.trim() ?? '';
  check(second.startsWith('sk-') && second !== first, 'rotation did not issue a new token');
  await shot(page, 'rotated');
  await L.keys.done(page).click();
  check((await status(ask(first, 'gpt-4o-mini'))) === 401, 'the old token still works after rotation');
  check((await status(ask(second, 'gpt-4o-mini'))) === 200, 'the new token does not work');

  // Disabling the key from its row takes effect at once.
  // The box follows the server's answer (controlled), so click and wait for the new state.
  await L.keys.enabled(page, 'mini-only').click();
  await L.keys.enabled(page, 'mini-only').and(L.shell.unchecked(page)).waitFor();
  const disabled = await status(ask(second, 'gpt-4o-mini'));
  check(disabled === 401 || disabled === 403, `a disabled key answered ${disabled}`);

  // Batch delete from the selection.
  await L.keys.select(page, 'mini-only').check();
  await L.keys.deleteSelected(page).click();
  await L.shell.confirmOk(page).click();
  await L.shell.toast(page, '1 key(s) deleted').waitFor();
  await L.shell.emptyState(page, 'No keys yet').waitFor();
});
