import type { Logger } from 'pino';
import { ApiError } from '../api/errors';
import type { EventBus } from '../core/event-bus';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { BalancesStore } from '../store/balances-store';
import type { Db } from '../store/connection';
import type { RedPacketClaimRow, RedPacketRow, RedPacketsStore } from '../store/red-packets-store';
import { splitRedPacket, type RandomInt, type RedPacketMode } from './red-packet-split';

export interface NewRedPacket {
  phrase: string;
  totalMicro: number;
  parts: number;
  mode: RedPacketMode;
  memo?: string;
  /** Absolute expiry (ms); undefined: the `red_packet_default_expiry_hours` setting; null: never. */
  expiresAt?: number | null;
}

/**
 * Phrase red packets (issue 5 §5). The creator is debited the whole total at creation; the split
 * is drawn then and stored; each claim takes the next part in one transaction, once per member;
 * at expiry whatever is left goes back to the creator. Points in a live packet count in the
 * conservation sum as `total - claimed - refunded`.
 */
export class RedPacketService {
  constructor(
    private readonly db: Db,
    private readonly balances: BalancesStore,
    private readonly packets: RedPacketsStore,
    private readonly settings: RuntimeSettings,
    private readonly events: EventBus,
    private readonly log: Logger,
    private readonly randomInt?: RandomInt,
  ) {}

  create(creatorId: number, p: NewRedPacket, now = Date.now()): RedPacketRow {
    const phrase = p.phrase.trim();
    if (!phrase) throw new ApiError(400, 'the phrase must not be empty', 'invalid_phrase');
    const maxParts = this.settings.get('red_packet_max_parts');
    if (!Number.isSafeInteger(p.parts) || p.parts < 1 || p.parts > maxParts) {
      throw new ApiError(400, `parts must be between 1 and ${maxParts}`, 'invalid_parts');
    }
    if (!Number.isSafeInteger(p.totalMicro) || p.totalMicro < p.parts) {
      throw new ApiError(400, 'the total must give every part at least 0.000001 points', 'invalid_amount');
    }
    const expiresAt = p.expiresAt === undefined ? this.defaultExpiry(now) : p.expiresAt;
    if (expiresAt !== null && expiresAt <= now) throw new ApiError(400, 'the expiry must be in the future', 'invalid_expiry');
    let parts: number[];
    try {
      parts = splitRedPacket(p.totalMicro, p.parts, p.mode, this.randomInt);
    } catch (e) {
      throw new ApiError(400, e instanceof Error ? e.message : 'cannot split this packet', 'invalid_amount');
    }
    this.expireDue(now);
    const id = this.db.transaction(() => {
      if (this.packets.getLiveByPhrase(phrase)) throw new ApiError(409, 'a live red packet already uses this phrase', 'phrase_taken');
      if (!this.balances.debit(creatorId, p.totalMicro)) throw new ApiError(400, 'not enough points', 'insufficient_points');
      return this.packets.insert({ creator_id: creatorId, phrase, mode: p.mode, total_micro: p.totalMicro, memo: p.memo ?? '', expires_at: expiresAt }, parts, now);
    }).immediate();
    this.events.publish(['economy'], 'all');
    this.events.publish(['users'], 'admins');
    this.events.publish(['me'], { userIds: [creatorId] });
    return this.packets.get(id)!;
  }

  /** Claims the next part of the live packet with this phrase; returns the amount and the packet. */
  claim(userId: number, rawPhrase: string, now = Date.now()): { amountMicro: number; packet: RedPacketRow } {
    const phrase = rawPhrase.trim();
    this.expireDue(now);
    const result = this.db.transaction(() => {
      const packet = this.packets.getLiveByPhrase(phrase);
      if (!packet) throw new ApiError(404, 'no live red packet has this phrase', 'not_found');
      if (this.packets.alreadyClaimed(packet.id, userId)) throw new ApiError(409, 'you already claimed this red packet', 'already_claimed');
      const amountMicro = this.packets.claimNextPart(packet.id, userId, now);
      if (amountMicro === null) throw new ApiError(409, 'this red packet is empty', 'packet_empty');
      this.balances.credit(userId, amountMicro);
      return { amountMicro, packetId: packet.id };
    }).immediate();
    this.events.publish(['economy'], 'all');
    this.events.publish(['users'], 'admins');
    this.events.publish(['me'], { userIds: [userId] });
    return { amountMicro: result.amountMicro, packet: this.packets.get(result.packetId)! };
  }

  /** Closes live packets past their expiry and refunds what is left to each creator. */
  expireDue(now = Date.now()): number {
    const due = this.packets.liveExpiredBy(now);
    if (due.length === 0) return 0;
    const refunded: number[] = [];
    this.db.transaction(() => {
      for (const p of due) {
        const fresh = this.packets.get(p.id);
        if (!fresh || fresh.status !== 'live') continue;
        const remaining = fresh.total_micro - fresh.claimed_micro;
        if (!this.packets.markExpired(p.id, remaining, now)) continue;
        if (remaining > 0) this.balances.credit(p.creator_id, remaining);
        refunded.push(p.creator_id);
      }
    }).immediate();
    if (refunded.length > 0) {
      this.log.info({ packets: refunded.length }, 'expired red packets refunded');
      this.events.publish(['economy'], 'all');
      this.events.publish(['users'], 'admins');
      this.events.publish(['me'], { userIds: refunded });
    }
    return refunded.length;
  }

  listVisibleTo(userId: number, now = Date.now()): RedPacketRow[] {
    this.expireDue(now);
    return this.packets.listVisibleTo(userId);
  }

  claimsOf(packetId: number): RedPacketClaimRow[] {
    return this.packets.claimsFor(packetId);
  }

  private defaultExpiry(now: number): number | null {
    const hours = this.settings.get('red_packet_default_expiry_hours');
    return hours > 0 ? now + Math.round(hours * 3_600_000) : null;
  }
}
