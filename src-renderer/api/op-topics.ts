import type { OpName } from '../../src-shared/api/contract';
import { TOPICS, type Topic } from '../../src-shared/events';

/**
 * Which live-update topics make an operation's result stale, by the op's noun. A query is
 * refetched only when one of its topics is pushed; an unknown noun listens to every topic.
 */
const BY_NOUN: Record<string, readonly Topic[]> = {
  me: ['me', 'economy', 'ledger', 'users'],
  users: ['users', 'me', 'economy'],
  inviteCodes: ['users'],
  // Spend, last use and window usage move with every settled request, which the relay pushes as `ledger`.
  apiKeys: ['keys', 'ledger'],
  channels: ['channels', 'health', 'ledger'],
  health: ['health', 'channels'],
  prices: ['prices', 'channels'],
  affinity: ['affinity'],
  surge: ['ledger', 'channels', 'settings'],
  ledger: ['ledger'],
  dashboard: ['ledger', 'channels', 'economy', 'health', 'settings', 'me', 'prices'],
  transfers: ['economy'],
  redPackets: ['economy'],
  economy: ['economy'],
  leaderboards: ['leaderboards', 'ledger', 'economy'],
  settings: ['settings'],
  runtimeSettings: ['settings'],
};

export function topicsForOp(op: OpName | string): readonly Topic[] {
  const noun = op.split('.')[0] ?? op;
  return BY_NOUN[noun] ?? TOPICS;
}
