/**
 * Runs in the console window's isolated preload world (sandboxed: only `electron`'s renderer
 * modules are available; bundled to CommonJS by build/bundle-desktop.ts). Exposes exactly the
 * typed bridge of src-shared/bridge.ts — never ipcRenderer itself, so page script cannot reach
 * arbitrary IPC channels (STYLE.md rule 6).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_TOPICS_CHANNEL, type IpcCallResult, type TokenAltarBridge } from '../../src-shared/bridge';
import type { SystemInfo } from '../../src-shared/api/ops/system';
import { TOPICS, type Topic, type TopicEvent } from '../../src-shared/events';

const knownTopics = new Set<string>(TOPICS);

/** Copies only known topic names: the page never sees the raw IPC event or extra fields. */
function toTopicEvent(payload: unknown): TopicEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const topics = (payload as { topics?: unknown }).topics;
  if (!Array.isArray(topics)) return null;
  return { topics: topics.filter((t): t is Topic => typeof t === 'string' && knownTopics.has(t)) };
}

const bridge: TokenAltarBridge = {
  call(op, input) {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, op, input) as Promise<IpcCallResult<never>>;
  },
  on(listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => {
      const event = toTopicEvent(payload);
      if (event && event.topics.length > 0) listener(event);
    };
    ipcRenderer.on(IPC_TOPICS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_TOPICS_CHANNEL, handler);
    };
  },
  // The window is served from app://, so the console cannot use its own origin as the gateway URL.
  async gatewayUrl() {
    const result = (await ipcRenderer.invoke(IPC_CALL_CHANNEL, 'system.info', {})) as IpcCallResult<SystemInfo>;
    if (!result.ok || result.value.gateway.base_url === null) throw new Error('the gateway address is not available');
    return result.value.gateway.base_url;
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
