import type { Topic } from '../../src-shared/events';

/** Who may see an invalidation: everyone, admins only, or these users (admins always see). */
export type Audience = 'all' | 'admins' | { userIds: number[] };

export interface Subscriber {
  userId: number;
  isAdmin: boolean;
  send(topics: Topic[]): void;
}

/**
 * Typed in-process bus for live-update topics. SSE (http/) and IPC (desktop/) subscribe;
 * publishers never know which transport listens.
 */
export class EventBus {
  private readonly subscribers = new Set<Subscriber>();

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  publish(topics: Topic[], audience: Audience = 'all'): void {
    for (const s of this.subscribers) {
      if (s.isAdmin || audience === 'all' || (audience !== 'admins' && audience.userIds.includes(s.userId))) {
        try {
          s.send(topics);
        } catch {
          // A broken subscriber must not stop the others; the transport cleans itself up.
        }
      }
    }
  }

  get size(): number {
    return this.subscribers.size;
  }
}
