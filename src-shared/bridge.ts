import type { Contract, OpName } from './api/contract';
import type { OpOutput, OpRawInput } from './api/define';
import type { TopicEvent } from './events';

/**
 * The desktop window's only door to the main process (STYLE.md rule 6): the preload
 * (src-main/desktop/preload.ts) puts an object of this shape on `window.tokenaltar` through
 * contextBridge; the renderer's IPC transport (src-renderer) uses it instead of HTTP + SSE.
 *
 * Owned by the desktop shell (issue 7). Console engineer: build the renderer's IPC transport on
 * `TokenAltarBridge` and `IpcCallResult` below; the window is already the owner (admin), so the
 * transport sends no session token.
 */
export const BRIDGE_GLOBAL = 'tokenaltar';

/** ipcMain.handle channel for console operations. */
export const IPC_CALL_CHANNEL = 'tokenaltar:call';
/** webContents.send channel for live-update topics (payload: TopicEvent). */
export const IPC_TOPICS_CHANNEL = 'tokenaltar:topics';

/**
 * A call's outcome as a plain value. Errors travel as data because Electron reduces a rejected
 * ipcMain.handle promise to a message string ("Error invoking remote method ..."), losing the
 * HTTP-like status the console shows; this keeps 400/403/404 identical to the HTTP transport.
 */
export type IpcCallResult<O = unknown> =
  | { ok: true; value: O }
  | { ok: false; status: number; error: string; code?: string };

export interface TokenAltarBridge {
  call<N extends OpName>(op: N, input: OpRawInput<Contract[N]>): Promise<IpcCallResult<OpOutput<Contract[N]>>>;
  /** Subscribes to pushed topic invalidations; returns the unsubscribe function. */
  on(listener: (event: TopicEvent) => void): () => void;
  /**
   * Optional (console, issue 6): the gateway address teammates use (the LAN address while sharing
   * is on), for the API Keys page's SDK snippets. Without it the console uses its own origin.
   */
  gatewayUrl?(): Promise<string>;
}
