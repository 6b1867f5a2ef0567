import type { Db } from './connection';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: write work queued during one event-loop turn runs in ONE SQLite transaction,
 * each piece inside its own savepoint (a failing piece rolls back alone and rejects only its own
 * promise). Callers await the commit, so "settled before the client's last byte" still holds;
 * what is saved is the per-commit cost (WAL frame writes, lock calls), which the benchmark's
 * profile showed was the gateway's largest CPU cost at one transaction per reservation and per
 * settlement.
 */
export class CommitBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now (also called at shutdown, before the database closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            // A nested transaction is a savepoint in better-sqlite3.
            outcomes.push({ ok: true, value: this.db.transaction(item.fn)() });
          } catch (err) {
            outcomes.push({ ok: false, err });
          }
        }
      })();
    } catch (err) {
      // The commit itself failed: nothing of this batch was written.
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.err);
    });
  }
}
