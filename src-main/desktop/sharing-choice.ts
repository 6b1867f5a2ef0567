import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The owner's tray choice, kept in a small JSON file in the app's userData dir so it survives a
 * restart: serve this computer only (loopback), or share on the LAN (all interfaces, or one
 * chosen interface address); paused stops listening without forgetting which of the two.
 */
export const SharingChoiceSchema = z.object({
  mode: z.enum(['local', 'lan']),
  /** Interface address to bind while sharing; null = every interface (0.0.0.0). */
  lanHost: z.ipv4().nullable(),
  paused: z.boolean(),
});
export type SharingChoice = z.infer<typeof SharingChoiceSchema>;

export const SHARING_FILE_NAME = 'desktop-sharing.json';

export function defaultSharingChoice(configuredHost: string): SharingChoice {
  if (isLoopback(configuredHost)) return { mode: 'local', lanHost: null, paused: false };
  return { mode: 'lan', lanHost: configuredHost === '0.0.0.0' || configuredHost === '::' ? null : configuredHost, paused: false };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The saved choice, or `fallback` when there is none or it cannot be read (never fatal). */
export function readSharingChoice(file: string, fallback: SharingChoice): SharingChoice {
  try {
    const parsed = SharingChoiceSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Write-then-rename, so a crash mid-write leaves the previous choice, not a torn file. */
export function writeSharingChoice(file: string, choice: SharingChoice): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(choice, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
