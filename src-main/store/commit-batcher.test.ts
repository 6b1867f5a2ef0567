import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CommitBatcher } from './commit-batcher';

function db() {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE t (x INTEGER NOT NULL CHECK (x >= 0)) STRICT');
  return d;
}

describe('group commit', () => {
  it('runs work queued in one turn in one transaction and resolves each caller', async () => {
    const d = db();
    const b = new CommitBatcher(d);
    const insert = d.prepare('INSERT INTO t (x) VALUES (?)');
    let commits = 0;
    const realTransaction = d.transaction.bind(d);
    // Count outer transactions: the batcher opens exactly one for the whole turn.
    (d as unknown as { transaction: typeof d.transaction }).transaction = ((fn: (...a: unknown[]) => unknown) => {
      const tx = realTransaction(fn);
      return ((...args: unknown[]) => {
        if (!d.inTransaction) commits++;
        return tx(...args);
      }) as ReturnType<typeof d.transaction>;
    }) as typeof d.transaction;
    const results = await Promise.all([1, 2, 3].map((x) => b.run(() => insert.run(x).changes)));
    expect(results).toEqual([1, 1, 1]);
    expect(commits).toBe(1);
    expect(d.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 });
  });

  it('a failing piece rolls back alone and rejects only its caller', async () => {
    const d = db();
    const b = new CommitBatcher(d);
    const insert = d.prepare('INSERT INTO t (x) VALUES (?)');
    const ok1 = b.run(() => insert.run(1));
    const bad = b.run(() => {
      insert.run(2);
      insert.run(-1); // CHECK fails: this piece's first insert must vanish too
    });
    const ok2 = b.run(() => insert.run(3));
    await expect(bad).rejects.toThrow(/CHECK/);
    await ok1;
    await ok2;
    expect(d.prepare('SELECT x FROM t ORDER BY x').all()).toEqual([{ x: 1 }, { x: 3 }]);
  });

  it('work queued after a flush goes into the next batch', async () => {
    const d = db();
    const b = new CommitBatcher(d);
    const insert = d.prepare('INSERT INTO t (x) VALUES (?)');
    await b.run(() => insert.run(1));
    await b.run(() => insert.run(2));
    b.flush(); // nothing queued: a no-op
    expect(d.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2 });
  });
});
