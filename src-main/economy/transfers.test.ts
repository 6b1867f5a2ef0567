import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorCode, economyFixture, type EconomyFixture } from './economy-test-support';

let f: EconomyFixture;
beforeEach(() => {
  f = economyFixture();
});
afterEach(() => f.close());


describe('TransferService', () => {
  it('moves points from sender to recipient with one record, by id or by email', () => {
    const a = f.member('ana', 5_000_000);
    const b = f.member('bo', 0);
    const seen: number[][] = [];
    f.events.subscribe({ userId: b, isAdmin: false, send: (t) => seen.push([t.length]) });
    const t = f.economy.transfers.transfer(a, { userId: b }, 1_250_000, 'thanks');
    expect(t).toMatchObject({ from_user_id: a, to_user_id: b, amount_micro: 1_250_000, memo: 'thanks', to_name: 'bo' });
    f.economy.transfers.transfer(a, { email: 'bo@example.test' }, 1);
    expect(f.users.get(a)!.balance_micro).toBe(3_749_999);
    expect(f.users.get(b)!.balance_micro).toBe(1_250_001);
    expect(f.economy.transfers.listFor(b).map((r) => r.amount_micro)).toEqual([1, 1_250_000]);
    expect(seen.length).toBe(2);
    expect(f.unexplainedMicro()).toBe(0);
  });

  it('refuses zero, negative, self, unknown, disabled recipients and overdrafts without moving anything', () => {
    const a = f.member('ana', 1_000);
    const b = f.member('bo', 0);
    expect(apiErrorCode(() => f.economy.transfers.transfer(a, { userId: b }, 0))).toBe('400 invalid_amount');
    expect(apiErrorCode(() => f.economy.transfers.transfer(a, { userId: b }, -5))).toBe('400 invalid_amount');
    expect(apiErrorCode(() => f.economy.transfers.transfer(a, { userId: a }, 5))).toBe('400 self_transfer');
    expect(apiErrorCode(() => f.economy.transfers.transfer(a, { userId: 999 }, 5))).toBe('404 not_found');
    expect(apiErrorCode(() => f.economy.transfers.transfer(a, { userId: b }, 1_001))).toBe('400 insufficient_points');
    f.users.update(b, { enabled: 0 });
    expect(apiErrorCode(() => f.economy.transfers.transfer(a, { userId: b }, 5))).toBe('404 not_found');
    expect(f.users.get(a)!.balance_micro).toBe(1_000);
    expect(f.economy.transfers.listFor(a)).toEqual([]);
    expect(f.unexplainedMicro()).toBe(0);
  });

  it('can spend a balance to exactly zero', () => {
    const a = f.member('ana', 700);
    const b = f.member('bo', 0);
    f.economy.transfers.transfer(a, { userId: b }, 700);
    expect(f.users.get(a)!.balance_micro).toBe(0);
  });
});
