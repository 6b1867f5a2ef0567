import type { Db } from './connection';

export type RedPacketStatus = 'live' | 'emptied' | 'expired';

export interface RedPacketRow {
  id: number;
  creator_id: number;
  phrase: string;
  mode: 'even' | 'lucky';
  total_micro: number;
  total_parts: number;
  claimed_parts: number;
  claimed_micro: number;
  refunded_micro: number;
  status: RedPacketStatus;
  memo: string;
  created_at: number;
  expires_at: number | null;
  closed_at: number | null;
  creator_name: string;
}
export interface RedPacketClaimRow {
  packet_id: number;
  position: number;
  amount_micro: number;
  claimed_by: number;
  claimed_at: number;
  claimer_name: string;
}

export class RedPacketsStore {
  private readonly insertPacket;
  private readonly insertPart;
  private readonly byId;
  private readonly livePhrase;
  private readonly visible;
  private readonly claimNext;
  private readonly hasClaimed;
  private readonly recordClaim;
  private readonly dueForExpiry;
  private readonly closeExpired;
  private readonly claimsOf;

  constructor(private readonly db: Db) {
    const select = 'SELECT p.*, u.display_name AS creator_name FROM red_packets p JOIN users u ON u.id = p.creator_id';
    this.insertPacket = db.prepare(
      `INSERT INTO red_packets (creator_id, phrase, mode, total_micro, total_parts, memo, created_at, expires_at)
       VALUES (@creator_id, @phrase, @mode, @total_micro, @total_parts, @memo, @now, @expires_at)`,
    );
    this.insertPart = db.prepare<[number, number, number]>('INSERT INTO red_packet_parts (packet_id, position, amount_micro) VALUES (?, ?, ?)');
    this.byId = db.prepare<[number], RedPacketRow>(`${select} WHERE p.id = ?`);
    this.livePhrase = db.prepare<[string], RedPacketRow>(`${select} WHERE p.phrase = ? AND p.status = 'live'`);
    // Live packets are visible to everyone (the phrase is shared in chat anyway); closed ones to
    // their creator and claimers only.
    this.visible = db.prepare<[number, number, number], RedPacketRow>(
      `${select} WHERE p.status = 'live' OR p.creator_id = ?
         OR EXISTS (SELECT 1 FROM red_packet_parts c WHERE c.packet_id = p.id AND c.claimed_by = ?)
       ORDER BY p.id DESC LIMIT ?`,
    );
    this.claimNext = db.prepare<{ packet: number; user: number; now: number }, { amount_micro: number; position: number }>(
      `UPDATE red_packet_parts SET claimed_by = @user, claimed_at = @now
       WHERE packet_id = @packet AND position = (
         SELECT MIN(position) FROM red_packet_parts WHERE packet_id = @packet AND claimed_by IS NULL)
       RETURNING amount_micro, position`,
    );
    this.hasClaimed = db.prepare<[number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM red_packet_parts WHERE packet_id = ? AND claimed_by = ?',
    );
    this.recordClaim = db.prepare<{ id: number; amount: number; now: number }>(
      `UPDATE red_packets SET claimed_parts = claimed_parts + 1, claimed_micro = claimed_micro + @amount,
         status = CASE WHEN claimed_parts + 1 = total_parts THEN 'emptied' ELSE status END,
         closed_at = CASE WHEN claimed_parts + 1 = total_parts THEN @now ELSE closed_at END
       WHERE id = @id AND status = 'live'`,
    );
    this.dueForExpiry = db.prepare<[number], RedPacketRow>(`${select} WHERE p.status = 'live' AND p.expires_at IS NOT NULL AND p.expires_at <= ?`);
    this.closeExpired = db.prepare<{ id: number; refund: number; now: number }>(
      `UPDATE red_packets SET status = 'expired', refunded_micro = @refund, closed_at = @now WHERE id = @id AND status = 'live'`,
    );
    this.claimsOf = db.prepare<[number], RedPacketClaimRow>(
      `SELECT c.packet_id, c.position, c.amount_micro, c.claimed_by, c.claimed_at, u.display_name AS claimer_name
       FROM red_packet_parts c JOIN users u ON u.id = c.claimed_by
       WHERE c.packet_id = ? AND c.claimed_by IS NOT NULL ORDER BY c.claimed_at, c.position`,
    );
  }

  /** Inserts the packet and its pre-drawn parts; run inside the caller's transaction. */
  insert(p: { creator_id: number; phrase: string; mode: 'even' | 'lucky'; total_micro: number; memo: string; expires_at: number | null }, parts: number[], now = Date.now()): number {
    const id = Number(this.insertPacket.run({ ...p, total_parts: parts.length, now }).lastInsertRowid);
    parts.forEach((amount, i) => this.insertPart.run(id, i, amount));
    return id;
  }
  get(id: number): RedPacketRow | undefined {
    return this.byId.get(id);
  }
  getLiveByPhrase(phrase: string): RedPacketRow | undefined {
    return this.livePhrase.get(phrase);
  }
  listVisibleTo(userId: number, limit = 100): RedPacketRow[] {
    return this.visible.all(userId, userId, limit);
  }
  claimsFor(packetId: number): RedPacketClaimRow[] {
    return this.claimsOf.all(packetId);
  }
  alreadyClaimed(packetId: number, userId: number): boolean {
    return this.hasClaimed.get(packetId, userId)!.n > 0;
  }
  /**
   * Takes the next unclaimed part for `userId` and books it on the packet; returns the amount,
   * or null when no part is left. The unique (packet, claimer) index refuses a second claim
   * even if two connections race. Run inside the caller's transaction.
   */
  claimNextPart(packetId: number, userId: number, now = Date.now()): number | null {
    const part = this.claimNext.get({ packet: packetId, user: userId, now });
    if (!part) return null;
    if (this.recordClaim.run({ id: packetId, amount: part.amount_micro, now }).changes !== 1) {
      throw new Error(`red packet ${packetId} is no longer live`);
    }
    return part.amount_micro;
  }
  liveExpiredBy(now: number): RedPacketRow[] {
    return this.dueForExpiry.all(now);
  }
  /** Marks an expired live packet closed with its refund; false when it was closed meanwhile. */
  markExpired(id: number, refundMicro: number, now = Date.now()): boolean {
    return this.closeExpired.run({ id, refund: refundMicro, now }).changes === 1;
  }
}
