import type { Contract, OpName } from '../../src-shared/api/contract';
import type { OpOutput, OpRawInput } from '../../src-shared/api/define';
import { BRIDGE_GLOBAL, type TokenAltarBridge } from '../../src-shared/bridge';
import { useSession } from '../state/session';
import { HttpTransport } from './http-transport';
import { IpcTransport } from './ipc-transport';
import { ApiError, type Transport } from './transport';

/** The transport is chosen once at start: the desktop preload bridge if present, else HTTP. */
function pickTransport(): Transport {
  const bridge = (window as unknown as Record<string, TokenAltarBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge && typeof bridge.call === 'function') return new IpcTransport(bridge);
  return new HttpTransport(() => useSession.getState().token);
}

const transport = pickTransport();

/** The one typed client of the console API: `api.call('apiKeys.create', {name})`. */
export const api = {
  kind: transport.kind,
  async call<N extends OpName>(op: N, input: OpRawInput<Contract[N]>): Promise<OpOutput<Contract[N]>> {
    try {
      return await transport.call(op, input);
    } catch (err) {
      // An expired or revoked session: drop it so the shell shows the login page.
      if (err instanceof ApiError && err.status === 401 && op !== 'auth.login' && op !== 'auth.register') {
        if (useSession.getState().user) useSession.getState().signOut();
      }
      throw err;
    }
  },
  subscribe: transport.subscribe.bind(transport),
  gatewayUrl: transport.gatewayUrl.bind(transport),
};

export { ApiError };
