import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
// TOOLCHAIN.md "Browser tests": no sandbox in containers, no background traffic, no GPU.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's chromium where installed; otherwise the Chromium shipped inside @sparticuz/chromium. */
export async function launchBrowser(): Promise<{ browser: Browser; which: string }> {
  // TOKENALTAR_E2E_CHROMIUM=shipped exercises the fresh-machine path where Debian's build is present.
  if (process.env.TOKENALTAR_E2E_CHROMIUM !== 'shipped' && fs.existsSync(DEBIAN_CHROMIUM)) {
    return { browser: await chromium.launch({ executablePath: DEBIAN_CHROMIUM, headless: true, args: ARGS }), which: DEBIAN_CHROMIUM };
  }
  const shipped = (await import('@sparticuz/chromium')).default;
  const executablePath = await shipped.executablePath();
  const args = [...new Set([...shipped.args, ...ARGS])];
  return { browser: await chromium.launch({ executablePath, headless: true, args }), which: executablePath };
}
