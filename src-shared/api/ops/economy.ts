import { z } from 'zod';
import { op } from '../define';
import { Email, Id, PositivePoints, Timestamp } from '../common';

export interface TransferRecord {
  id: number;
  from_user_id: number;
  from_name: string;
  to_user_id: number;
  to_name: string;
  points: number;
  memo: string;
  /** From the caller's point of view. */
  direction: 'out' | 'in';
  created_at: string;
}

export type RedPacketMode = 'even' | 'lucky';
export interface RedPacketClaim {
  user_id: number;
  display_name: string;
  points: number;
  claimed_at: string;
}
export interface RedPacketRecord {
  id: number;
  creator_id: number;
  creator_name: string;
  /** Shown to the creator only; others must know it to claim. */
  phrase: string | null;
  mode: RedPacketMode;
  total_points: number;
  total_parts: number;
  claimed_parts: number;
  claimed_points: number;
  refunded_points: number;
  status: 'live' | 'emptied' | 'expired';
  memo: string;
  created_at: string;
  expires_at: string | null;
  claimed_by_me: boolean;
  /** Claims, for the creator and for those who claimed. */
  claims: RedPacketClaim[];
}
export interface RedPacketClaimResult {
  points: number;
  packet: RedPacketRecord;
}

export type LeaderboardPeriod = 'day' | 'month';
export interface LeaderboardEntry {
  rank: number;
  /** null when the member is anonymous. */
  user_id: number | null;
  display_name: string;
  anonymous: boolean;
  is_me: boolean;
  value: number;
}
export interface Leaderboards {
  period: LeaderboardPeriod;
  /** The period as people in `timezone` name it: `2026-11-26` or `2026-11`. */
  label: string;
  timezone: string;
  start: string;
  end: string;
  /** Tokens served by channels each member provides (successful requests only). */
  providers: LeaderboardEntry[];
  /** Points each member spent (successful requests only). */
  consumers: LeaderboardEntry[];
}

const Phrase = z.string().trim().min(1).max(100);
/** Positive, at most 6 decimals, and small enough that micro-points stay exact integers. */
const Amount = PositivePoints.refine((n) => n <= 1_000_000_000, 'at most 1,000,000,000 points');

export const economyOps = {
  'transfers.list': op<TransferRecord[]>()({ method: 'GET', path: '/api/transfers', access: 'session', input: z.object({}) }),
  'transfers.create': op<TransferRecord>()({
    method: 'POST',
    path: '/api/transfers',
    access: 'session',
    input: z
      .object({
        to_user_id: Id.optional(),
        to_email: Email.optional(),
        points: Amount,
        memo: z.string().trim().max(200).default(''),
      })
      .refine((v) => (v.to_user_id === undefined) !== (v.to_email === undefined), {
        message: 'give exactly one of to_user_id or to_email',
        path: ['to_user_id'],
      }),
  }),
  'redPackets.list': op<RedPacketRecord[]>()({ method: 'GET', path: '/api/red-packets', access: 'session', input: z.object({}) }),
  'redPackets.create': op<RedPacketRecord>()({
    method: 'POST',
    path: '/api/red-packets',
    access: 'session',
    input: z.object({
      phrase: Phrase,
      total_points: Amount,
      total_parts: z.number().int().min(1).max(10_000),
      mode: z.enum(['even', 'lucky']).default('lucky'),
      memo: z.string().trim().max(200).default(''),
      /** Omitted: the default lifetime setting; null: never expires. */
      expires_at: Timestamp.nullable().optional(),
    }),
  }),
  'redPackets.claim': op<RedPacketClaimResult>()({
    method: 'POST',
    path: '/api/red-packets/claim',
    access: 'session',
    input: z.object({ phrase: Phrase }),
  }),
  'leaderboards.get': op<Leaderboards>()({
    method: 'GET',
    path: '/api/leaderboards',
    access: 'session',
    input: z.object({ period: z.enum(['day', 'month']).default('day') }),
  }),
};
