import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../src-main/testing/harness';
import { goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

test('a settings change is validated, saved, and reflected live for a member', async ({ server, newPage, shot }) => {
  await server.createMember('cara@example.test', 10);
  const member = await newPage();
  await signIn(member, server.url, 'cara@example.test', 'member-password-1');
  await goTo(member, 'Pricing');
  await L.pricing.lookupModel(member).fill('some-unpriced-model-xyz');
  await waitForText(L.pricing.answer(member), /fallback/);

  const admin = await newPage();
  await signIn(admin, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  await goTo(admin, 'Settings');
  // The shared schema refuses a 7th decimal before the server is asked.
  await L.settings.input(admin, 'fallback_input_price_per_1m').fill('2.1234567');
  await L.settings.save(admin, 'pricing').click();
  await L.settings.error(admin, 'at most 6 decimal places').waitFor();
  await L.settings.input(admin, 'fallback_input_price_per_1m').fill('7.25');
  await L.settings.save(admin, 'pricing').click();
  await L.shell.toast(admin, /Saved/).waitFor();
  await shot(admin, 'settings-saved');

  // The member's open Pricing page picks the new fallback rate up without a reload.
  await waitForText(L.pricing.answer(member), /7\.25/);
  await shot(member, 'member-pricing-after');
});
