import type { Topic } from '../../src-shared/events';

/**
 * Turns a stream of pushed topics into at most one flush per `intervalMs`: the first push after
 * a quiet period flushes at once, a burst (busy gateway) is merged into one trailing flush. So a
 * console refetches a few times per second at most, and never shows a change later than
 * `intervalMs` after it happened.
 */
export class TopicCoalescer {
  private pending = new Set<Topic>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = -Infinity;

  constructor(
    private readonly flush: (topics: Topic[]) => void,
    private readonly intervalMs = 500,
    private readonly now: () => number = () => Date.now(),
  ) {}

  push(topics: readonly Topic[]): void {
    for (const t of topics) this.pending.add(t);
    if (this.timer !== null) return;
    const wait = this.lastFlush + this.intervalMs - this.now();
    if (wait <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timer = null;
    if (this.pending.size === 0) return;
    const topics = [...this.pending];
    this.pending.clear();
    this.lastFlush = this.now();
    this.flush(topics);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
