import { check, goTo, signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

const PASSWORD = 'member-password-1';

test('a red packet made by one member is claimed by another; a transfer goes back; both update live', async ({ server, newPage, shot }) => {
  await server.createMember('ana@example.test', 100);
  await server.createMember('ben@example.test', 100);
  const ana = await newPage();
  const ben = await newPage();
  await signIn(ana, server.url, 'ana@example.test', PASSWORD);
  await signIn(ben, server.url, 'ben@example.test', PASSWORD);
  await goTo(ana, 'Economy');
  await goTo(ben, 'Economy');

  await L.economy.packetPhrase(ana).fill('lucky dragon');
  await L.economy.packetTotal(ana).fill('10');
  await L.economy.packetParts(ana).fill('2');
  await L.economy.packetMode(ana).selectOption('even');
  await L.economy.createPacket(ana).click();
  await waitForText(L.shell.balance(ana), /^90$/);
  await L.economy.packetRow(ana, 'lucky dragon').waitFor();
  // Ben never sees the phrase: he must be told it.
  await L.economy.packetRow(ben, 'hidden').waitFor();
  check((await L.shell.anyText(ben, 'lucky dragon').count()) === 0, 'the phrase leaked to another member');

  await L.economy.claimPhrase(ben).fill('lucky dragon');
  await L.economy.claim(ben).click();
  await waitForText(L.economy.claimResult(ben), /You got 5 points/);
  await waitForText(L.shell.balance(ben), /^105$/);
  // Ana's list shows the claim without a reload.
  await waitForText(L.economy.packetRow(ana, 'lucky dragon'), /1 \/ 2/);
  await shot(ana, 'creator-after-claim');

  // A second claim by the same member is refused.
  await L.economy.claimPhrase(ben).fill('lucky dragon');
  await L.economy.claim(ben).click();
  await L.economy.claimResult(ben).filter({ hasNotText: 'You got' }).waitFor();
  await waitForText(L.shell.balance(ben), /^105$/);
  await shot(ben, 'claimer');

  await L.economy.transferEmail(ben).fill('ana@example.test');
  await L.economy.transferPoints(ben).fill('2.5');
  await L.economy.transferMemo(ben).fill('thanks');
  await L.economy.send(ben).click();
  await waitForText(L.shell.balance(ben), /^102\.5$/);
  await waitForText(L.shell.balance(ana), /^92\.5$/);
  await L.economy.transferRow(ana, 'thanks').waitFor();
  await shot(ana, 'after-transfer');
});
