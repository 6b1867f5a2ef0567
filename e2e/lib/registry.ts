import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestCore } from '../../src-main/testing/harness';

export interface E2EContext {
  server: TestCore;
  browser: Browser;
  /** A fresh signed-out browser context (its own storage), tracked for cleanup. */
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot under e2e/output/<spec>/<name>.png. */
  shot(page: Page, name: string): Promise<void>;
  /** Registers cleanup to run after the test (fake upstreams, extra servers). */
  defer(fn: () => Promise<void>): void;
}

export interface E2ETest {
  name: string;
  file: string;
  run(ctx: E2EContext): Promise<void>;
}

export const registered: E2ETest[] = [];
let currentFile = '';

export function setCurrentFile(file: string): void {
  currentFile = file;
}

/** Declares one browser test; the runner gives each its own server and data dir. */
export function test(name: string, run: (ctx: E2EContext) => Promise<void>): void {
  registered.push({ name, file: currentFile, run });
}

export type { Browser, BrowserContext, Page };
