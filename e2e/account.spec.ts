import { signIn, waitForText } from './lib/flows';
import { L } from './lib/locators';
import { test } from './lib/registry';

test('a member renames themself and changes their password', async ({ server, newPage, shot }) => {
  await server.createMember('fay@example.test', 5);
  const page = await newPage();
  await signIn(page, server.url, 'fay@example.test', 'member-password-1');
  await L.account.open(page).click();
  await L.account.name(page).fill('Fay Lin');
  await L.account.saveName(page).click();
  await waitForText(L.shell.whoami(page), /^Fay Lin$/);

  // A wrong current password is refused; the right one changes it.
  await L.account.oldPassword(page).fill('not-my-password');
  await L.account.newPassword(page).fill('fresh-password-2');
  await L.account.changePassword(page).click();
  await L.shell.toast(page, /password/i).filter({ hasNotText: 'Password changed' }).waitFor();
  await L.account.oldPassword(page).fill('member-password-1');
  await L.account.changePassword(page).click();
  await L.shell.toast(page, 'Password changed').waitFor();
  await shot(page, 'account');
  await L.shell.closeDialog(page, 'account-dialog').click();

  await L.shell.signOut(page).click();
  await L.auth.email(page).waitFor();
  await signIn(page, server.url, 'fay@example.test', 'fresh-password-2');
  await waitForText(L.shell.whoami(page), /^Fay Lin$/);
});
