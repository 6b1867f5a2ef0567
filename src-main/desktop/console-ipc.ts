import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from 'pino';
import { IPC_CALL_CHANNEL, IPC_TOPICS_CHANNEL, type IpcCallResult } from '../../src-shared/bridge';
import type { Topic, TopicEvent } from '../../src-shared/events';
import type { EventBus } from '../core/event-bus';
import { ApiError } from '../api/errors';
import type { Identity } from '../api/handler';
import { isConsoleUrl } from './app-protocol';

/** What the IPC mount needs from the core: the same dispatcher the Koa routes use. */
export interface ConsoleDispatch {
  dispatch(name: string, rawInput: unknown, identity: Identity | null): Promise<unknown>;
}

export interface ConsoleIpcDeps {
  api: ConsoleDispatch;
  /** The window is the owner (admin) without a password (issue 7); resolved per call. */
  ownerIdentity(): Identity;
  log: Pick<Logger, 'error'>;
}

function failure(status: number, error: string, code?: string): IpcCallResult {
  return code === undefined ? { ok: false, status, error } : { ok: false, status, error, code };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Runs one console operation for the window. Only the console page itself may call (a frame
 * that navigated elsewhere, or any other webContents, gets 403); the op name and input shape are
 * checked here so a malformed call gets a clear 400/404, and the op's zod schema + access rules
 * are applied by the shared dispatcher exactly as for HTTP.
 */
export async function runIpcCall(
  senderUrl: string | null,
  opName: unknown,
  input: unknown,
  deps: ConsoleIpcDeps,
): Promise<IpcCallResult> {
  if (senderUrl === null || !isConsoleUrl(senderUrl)) {
    return failure(403, 'console operations are only served to the console window', 'forbidden');
  }
  if (typeof opName !== 'string' || opName.length === 0 || opName.length > 100) {
    return failure(400, 'operation name must be a non-empty string like "channels.list"', 'invalid_operation');
  }
  if (input !== undefined && input !== null && !isPlainObject(input)) {
    return failure(400, `input of ${opName} must be an object`, 'invalid_input');
  }
  try {
    const value = await deps.api.dispatch(opName, input ?? {}, deps.ownerIdentity());
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiError) return failure(err.status, err.message, err.code);
    // Unknown failures may carry anything (SQL, upstream bodies): log them, answer generically.
    deps.log.error({ err, op: opName }, 'ipc operation failed');
    return failure(500, 'internal error', 'internal');
  }
}

/** Mounts the one IPC dispatcher; returns the unmount function. */
export function mountConsoleIpc(ipcMain: IpcMain, deps: ConsoleIpcDeps): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, opName: unknown, input: unknown) =>
    runIpcCall(event.senderFrame?.url ?? null, opName, input, deps),
  );
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/**
 * Forwards live-update topics from the core's bus to the window. The window is the owner, an
 * admin, so it receives every audience. Sends to a closed or reloading window are dropped: the
 * console refetches everything when it (re)loads.
 */
export function forwardTopicsToWindow(events: EventBus, contents: () => WebContents | null, ownerUserId: number): () => void {
  return events.subscribe({
    userId: ownerUserId,
    isAdmin: true,
    send(topics: Topic[]) {
      const target = contents();
      if (!target || target.isDestroyed()) return;
      const event: TopicEvent = { topics: [...topics] };
      target.send(IPC_TOPICS_CHANNEL, event);
    },
  });
}
