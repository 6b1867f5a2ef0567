import type { Contract, OpName } from '../../src-shared/api/contract';
import type { OpOutput, OpRawInput } from '../../src-shared/api/define';
import type { TokenAltarBridge } from '../../src-shared/bridge';
import { ApiError, type TopicListener, type Transport } from './transport';

/** Talks to the core through the desktop preload bridge (`window.tokenaltar`). */
export class IpcTransport implements Transport {
  readonly kind = 'ipc' as const;

  constructor(private readonly bridge: TokenAltarBridge) {}

  async call<N extends OpName>(op: N, input: OpRawInput<Contract[N]>): Promise<OpOutput<Contract[N]>> {
    const result = await this.bridge.call(op, input);
    if (result.ok) return result.value;
    throw new ApiError(result.status, result.error, result.code);
  }

  subscribe(listener: TopicListener): () => void {
    // IPC is in-process: there is no connection to lose, so it is live from the start.
    listener.onStatus('live', false);
    return this.bridge.on((e) => listener.onTopics(e));
  }

  gatewayUrl(): Promise<string> {
    return this.bridge.gatewayUrl ? this.bridge.gatewayUrl() : Promise.resolve(window.location.origin);
  }
}
