import type { Contract, OpName } from '../../src-shared/api/contract';
import type { OpOutput, OpRawInput } from '../../src-shared/api/define';
import type { TopicEvent } from '../../src-shared/events';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface TopicListener {
  onTopics(event: TopicEvent): void;
  /** `resync` is true when a dropped stream came back: events may have been missed. */
  onStatus(status: LiveStatus, resync: boolean): void;
}

/** How the console reaches the core: HTTP + SSE in a browser, IPC inside the desktop window. */
export interface Transport {
  readonly kind: 'http' | 'ipc';
  call<N extends OpName>(op: N, input: OpRawInput<Contract[N]>): Promise<OpOutput<Contract[N]>>;
  subscribe(listener: TopicListener): () => void;
  /** Base URL clients (SDKs, CLIs) use to reach the gateway. */
  gatewayUrl(): Promise<string>;
}

/** A failed console operation, shaped like the API's `{error, code}` body plus the status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
