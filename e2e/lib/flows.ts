import type { Locator, Page } from 'playwright-core';
import { L } from './locators';

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await L.auth.email(page).fill(email);
  await L.auth.password(page).fill(password);
  await L.auth.submit(page).click();
  await L.shell.whoami(page).waitFor();
  // Live updates are part of every flow: wait until the event stream is connected.
  await L.shell.live(page).waitFor();
}

/** Follows the sidebar link and waits for the page heading. */
export async function goTo(page: Page, label: string): Promise<void> {
  await L.shell.navLink(page, label).click();
  await L.shell.heading(page, label).waitFor();
}

/** Waits until the element's text matches (Playwright's own auto-waiting; no sleeps). */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 10_000): Promise<void> {
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  } catch {
    const actual = await locator.first().textContent({ timeout: 500 }).catch(() => null);
    throw new Error(`text ${JSON.stringify(actual)} never matched ${pattern}`);
  }
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
