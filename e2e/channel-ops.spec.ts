import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { startFakeUpstream } from '../src-main/testing/fake-upstreams';
import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

test('channels: test with result, health strip, clone, batch disable, quota window time zone', async ({ server, newPage, shot, defer }) => {
  const good = await startFakeUpstream({ protocol: 'openai' });
  const bad = await startFakeUpstream({ protocol: 'anthropic' });
  defer(() => good.close());
  defer(() => bad.close());
  bad.setDefault({ failure: { kind: 'status', status: 500, message: 'upstream exploded' } });
  const anchor = '2026-01-01T00:00:00Z';
  await server.api('POST', '/api/channels', {
    name: 'good-openai', provider: 'openai', base_url: `${good.url}/v1`, api_key_secret: 'upstream-secret-key', models: ['gpt-4o-mini'],
    quota_windows: [{ name: 'daily', limit_points: 100, period_unit: 'day', period_count: 1, anchor_at: anchor, timezone: 'UTC' }],
  }, server.adminToken);
  await server.api('POST', '/api/channels', { name: 'bad-claude', provider: 'anthropic', base_url: bad.url, api_key_secret: 'upstream-secret-key', models: ['claude-sonnet-4-5'] }, server.adminToken);

  const page = await newPage();
  await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  await goTo(page, 'Channels');

  await L.channels.rowButton(page, 'good-openai', 'Test').click();
  await L.channels.runTest(page).click();
  await waitForText(L.channels.testResult(page), /works/);
  await shot(page, 'test-ok');
  await L.shell.closeDialog(page, 'channel-test-dialog').click();
  await L.channels.rowButton(page, 'bad-claude', 'Test').click();
  await L.channels.runTest(page).click();
  await waitForText(L.channels.testResult(page), /fail/i);
  await shot(page, 'test-failed');
  await L.shell.closeDialog(page, 'channel-test-dialog').click();

  // Health shows both tests as samples: green for one, red for the other.
  await goTo(page, 'Health');
  await L.channels.healthCells(page, 'good-openai', 'ok').first().waitFor();
  await L.channels.healthCells(page, 'bad-claude', 'bad').first().waitFor();
  check((await L.channels.healthCells(page, 'good-openai').count()) === 48, 'health strip is not 48 windows');
  await shot(page, 'health');

  // The quota window editor keeps wall-clock time in the window's own zone.
  await goTo(page, 'Channels');
  await L.channels.rowButton(page, 'good-openai', 'Edit').click();
  const tz = L.channels.windowZone(page, 0);
  const local = L.channels.windowAnchor(page, 0);
  check((await local.inputValue()) === '2026-01-01T00:00', `anchor shown as ${await local.inputValue()}`);
  await tz.fill('Asia/Tokyo');
  await L.channels.fireSale(page).check();
  await L.channels.fireDiscount(page).fill('0.4');
  await L.channels.save(page).click();
  await L.shell.toast(page, 'Channel saved').waitFor();
  const saved = await server.api<{ name: string; quota_windows: { anchor_at: string; timezone: string }[]; fire_sale: { discount: number } | null }[]>('GET', '/api/channels', undefined, server.adminToken);
  const window = saved.find((c) => c.name === 'good-openai')?.quota_windows[0];
  check(saved.find((c) => c.name === 'good-openai')?.fire_sale?.discount === 0.4, 'fire sale not saved');
  check(window?.timezone === 'Asia/Tokyo' && Date.parse(window.anchor_at) === Date.parse('2025-12-31T15:00:00Z'), `saved window ${JSON.stringify(window)}`);

  // Clone starts disabled; batch disable turns the two originals off.
  await L.channels.rowButton(page, 'good-openai', 'Clone').click();
  await waitForText(L.channels.row(page, 'good-openai (copy)'), /disabled/);
  await L.channels.select(page, 'good-openai').check();
  await L.channels.select(page, 'bad-claude').check();
  await L.channels.batchDisable(page).click();
  await L.shell.toast(page, '2 channel(s) disabled').waitFor();
  await waitForText(L.channels.row(page, 'bad-claude'), /disabled/);
  await waitForText(L.channels.row(page, 'good-openai'), /disabled/);
  await shot(page, 'after-batch');
});
