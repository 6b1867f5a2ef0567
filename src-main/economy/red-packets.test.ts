import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorCode, economyFixture, type EconomyFixture } from './economy-test-support';

let f: EconomyFixture;
beforeEach(() => {
  f = economyFixture();
});
afterEach(() => f.close());

const bal = (id: number) => f.users.get(id)!.balance_micro;
const T0 = Date.UTC(2026, 10, 26, 12);

describe('RedPacketService', () => {
  it('debits the creator at creation and pays each member one part until empty', () => {
    const c = f.member('creator', 10_000_000);
    const m = [f.member('m1', 0), f.member('m2', 0), f.member('m3', 0), f.member('m4', 0)];
    const p = f.economy.redPackets.create(c, { phrase: 'happy new year', totalMicro: 1_000_000, parts: 3, mode: 'even' }, T0);
    expect(p).toMatchObject({ status: 'live', total_parts: 3, total_micro: 1_000_000 });
    expect(bal(c)).toBe(9_000_000);
    expect(f.unexplainedMicro()).toBe(0);
    const got = m.slice(0, 3).map((u) => f.economy.redPackets.claim(u, '  happy new year ', T0 + 1).amountMicro);
    expect(got).toEqual([333_334, 333_333, 333_333]);
    expect(apiErrorCode(() => f.economy.redPackets.claim(m[3]!, 'happy new year', T0 + 2))).toBe('404 not_found');
    const after = f.economy.redPackets.listVisibleTo(c, T0 + 3)[0]!;
    expect(after).toMatchObject({ status: 'emptied', claimed_parts: 3, claimed_micro: 1_000_000 });
    expect(f.unexplainedMicro()).toBe(0);
  });

  it('lets each member claim once', () => {
    const c = f.member('creator', 1_000_000);
    const m = f.member('m1', 0);
    f.economy.redPackets.create(c, { phrase: 'once', totalMicro: 100, parts: 5, mode: 'lucky' }, T0);
    f.economy.redPackets.claim(m, 'once', T0);
    expect(apiErrorCode(() => f.economy.redPackets.claim(m, 'once', T0))).toBe('409 already_claimed');
    // The creator may claim their own packet like anyone else.
    expect(f.economy.redPackets.claim(c, 'once', T0).amountMicro).toBeGreaterThan(0);
  });

  it('keeps phrases unique among live packets only', () => {
    const c = f.member('creator', 1_000_000);
    const m = f.member('m1', 0);
    f.economy.redPackets.create(c, { phrase: 'lucky', totalMicro: 10, parts: 1, mode: 'even' }, T0);
    expect(apiErrorCode(() => f.economy.redPackets.create(c, { phrase: 'lucky', totalMicro: 10, parts: 1, mode: 'even' }, T0))).toBe('409 phrase_taken');
    expect(bal(c)).toBe(999_990); // the refused packet debited nothing
    f.economy.redPackets.claim(m, 'lucky', T0);
    // Emptied: the phrase is free again.
    f.economy.redPackets.create(c, { phrase: 'lucky', totalMicro: 10, parts: 1, mode: 'even' }, T0);
  });

  it('refunds the unclaimed remainder to the creator at expiry', () => {
    const c = f.member('creator', 1_000_000);
    const m = f.member('m1', 0);
    f.economy.redPackets.create(c, { phrase: 'soon', totalMicro: 900, parts: 3, mode: 'even', expiresAt: T0 + 60_000 }, T0);
    f.economy.redPackets.claim(m, 'soon', T0 + 1);
    expect(bal(c)).toBe(999_100);
    expect(f.economy.redPackets.expireDue(T0 + 59_999)).toBe(0);
    expect(f.economy.redPackets.expireDue(T0 + 60_000)).toBe(1);
    expect(bal(c)).toBe(999_100 + 600);
    expect(apiErrorCode(() => f.economy.redPackets.claim(m, 'soon', T0 + 60_001))).toBe('404 not_found');
    const p = f.economy.redPackets.listVisibleTo(c, T0 + 60_002)[0]!;
    expect(p).toMatchObject({ status: 'expired', refunded_micro: 600, claimed_micro: 300 });
    expect(f.economy.redPackets.expireDue(T0 + 120_000)).toBe(0); // refunds once
    expect(f.unexplainedMicro()).toBe(0);
  });

  it('applies the default lifetime setting and "never" when asked', () => {
    const c = f.member('creator', 1_000_000);
    f.settings.update([{ key: 'red_packet_default_expiry_hours', value: 2 }]);
    const a = f.economy.redPackets.create(c, { phrase: 'a', totalMicro: 10, parts: 1, mode: 'even' }, T0);
    expect(a.expires_at).toBe(T0 + 7_200_000);
    const b = f.economy.redPackets.create(c, { phrase: 'b', totalMicro: 10, parts: 1, mode: 'even', expiresAt: null }, T0);
    expect(b.expires_at).toBeNull();
  });

  it('refuses bad packets without debiting', () => {
    const c = f.member('creator', 100);
    expect(apiErrorCode(() => f.economy.redPackets.create(c, { phrase: 'x', totalMicro: 101, parts: 1, mode: 'even' }, T0))).toBe('400 insufficient_points');
    expect(apiErrorCode(() => f.economy.redPackets.create(c, { phrase: 'x', totalMicro: 3, parts: 4, mode: 'lucky' }, T0))).toBe('400 invalid_amount');
    expect(apiErrorCode(() => f.economy.redPackets.create(c, { phrase: 'x', totalMicro: 100, parts: 101, mode: 'even' }, T0))).toBe('400 invalid_parts');
    expect(apiErrorCode(() => f.economy.redPackets.create(c, { phrase: '  ', totalMicro: 10, parts: 1, mode: 'even' }, T0))).toBe('400 invalid_phrase');
    expect(apiErrorCode(() => f.economy.redPackets.create(c, { phrase: 'x', totalMicro: 10, parts: 1, mode: 'even', expiresAt: T0 }, T0))).toBe('400 invalid_expiry');
    expect(bal(c)).toBe(100);
  });
});
