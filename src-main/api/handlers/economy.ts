import { economyOps, type RedPacketRecord, type TransferRecord } from '../../../src-shared/api/ops/economy';
import { fromMicro, toMicro } from '../../../src-shared/points';
import type { CoreServices } from '../../core/services';
import type { RedPacketRow } from '../../store/red-packets-store';
import type { TransferRow } from '../../store/transfers-store';
import type { HandlerMap } from '../handler';
import { iso, isoOrNull } from '../records';

function transferRecord(t: TransferRow, viewerId: number): TransferRecord {
  return {
    id: t.id,
    from_user_id: t.from_user_id,
    from_name: t.from_name,
    to_user_id: t.to_user_id,
    to_name: t.to_name,
    points: fromMicro(t.amount_micro),
    memo: t.memo,
    direction: t.from_user_id === viewerId ? 'out' : 'in',
    created_at: iso(t.created_at),
  };
}

function packetRecord(core: CoreServices, p: RedPacketRow, viewerId: number): RedPacketRecord {
  const claims = core.economy.redPackets.claimsOf(p.id);
  const mine = claims.some((c) => c.claimed_by === viewerId);
  const isCreator = p.creator_id === viewerId;
  return {
    id: p.id,
    creator_id: p.creator_id,
    creator_name: p.creator_name,
    // The phrase is the claim secret: only its creator reads it back.
    phrase: isCreator ? p.phrase : null,
    mode: p.mode,
    total_points: fromMicro(p.total_micro),
    total_parts: p.total_parts,
    claimed_parts: p.claimed_parts,
    claimed_points: fromMicro(p.claimed_micro),
    refunded_points: fromMicro(p.refunded_micro),
    status: p.status,
    memo: p.memo,
    created_at: iso(p.created_at),
    expires_at: isoOrNull(p.expires_at),
    claimed_by_me: mine,
    claims:
      isCreator || mine
        ? claims.map((c) => ({ user_id: c.claimed_by, display_name: c.claimer_name, points: fromMicro(c.amount_micro), claimed_at: iso(c.claimed_at) }))
        : [],
  };
}

export const economyHandlers: HandlerMap<typeof economyOps> = {
  'transfers.list': (_input, { core, identity }) => core.economy.transfers.listFor(identity.userId).map((t) => transferRecord(t, identity.userId)),
  'transfers.create': (input, { core, identity }) => {
    const to = input.to_user_id !== undefined ? { userId: input.to_user_id } : { email: input.to_email! };
    const t = core.economy.transfers.transfer(identity.userId, to, toMicro(input.points), input.memo);
    return transferRecord(t, identity.userId);
  },
  'redPackets.list': (_input, { core, identity }) => core.economy.redPackets.listVisibleTo(identity.userId).map((p) => packetRecord(core, p, identity.userId)),
  'redPackets.create': (input, { core, identity }) => {
    const p = core.economy.redPackets.create(identity.userId, {
      phrase: input.phrase,
      totalMicro: toMicro(input.total_points),
      parts: input.total_parts,
      mode: input.mode,
      memo: input.memo,
      expiresAt: input.expires_at === undefined ? undefined : input.expires_at === null ? null : Date.parse(input.expires_at),
    });
    return packetRecord(core, p, identity.userId);
  },
  'redPackets.claim': (input, { core, identity }) => {
    const { amountMicro, packet } = core.economy.redPackets.claim(identity.userId, input.phrase);
    return { points: fromMicro(amountMicro), packet: packetRecord(core, packet, identity.userId) };
  },
  'leaderboards.get': (input, { core, identity }) => core.economy.leaderboards.get(input.period, identity.userId),
};
