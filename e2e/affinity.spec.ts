import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

test('admin adds an affinity rule, turns it off, and deletes it', async ({ server, newPage, shot }) => {
  const page = await newPage();
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  await goTo(page, 'Affinity');
  await L.affinity.newRule(page).click();
  await L.affinity.field(page, 'Name').fill('team sessions');
  await L.affinity.field(page, 'Model pattern').fill('gpt-4o*');
  await L.affinity.keySource(page).selectOption('header');
  await L.affinity.keyName(page).fill('x-session-id');
  await L.affinity.field(page, 'Binding lifetime (s)').fill('600');
  await L.affinity.save(page).click();
  await waitForText(L.affinity.row(page, 'team sessions'), /x-session-id.*600 s/);
  await shot(page, 'rule-added');

  await L.affinity.enabled(page, 'team sessions').click();
  await L.affinity.enabled(page, 'team sessions').and(L.shell.unchecked(page)).waitFor();
  const rules = await server.api<{ name: string; enabled: boolean; key_source: string; ttl_seconds: number }[]>('GET', '/api/affinity-rules', undefined, server.adminToken);
  const rule = rules.find((r) => r.name === 'team sessions');
  check(rule?.enabled === false && rule.key_source === 'header' && rule.ttl_seconds === 600, `stored rule ${JSON.stringify(rule)}`);

  await L.affinity.rowButton(page, 'team sessions', 'Delete').click();
  await L.shell.confirmOk(page).click();
  await L.affinity.row(page, 'team sessions').waitFor({ state: 'detached' });
});
