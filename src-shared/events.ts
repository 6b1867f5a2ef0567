/** Live-update topics: the console refetches what a topic covers when it is pushed. */
export const TOPICS = [
  'ledger',
  'channels',
  'keys',
  'settings',
  'economy',
  'health',
  'users',
  'prices',
  'leaderboards',
  'affinity',
  'me',
] as const;
export type Topic = (typeof TOPICS)[number];

/** What travels over SSE (`GET /api/events`) and IPC: a set of invalidated topics. */
export interface TopicEvent {
  topics: Topic[];
}
