/** The path of one request through the gateway, as the Guide draws it. */
export interface FlowStep {
  id: string;
  title: string;
  where: string;
  detail: string;
  /** A failure at this step, and what the client sees. */
  failure?: string;
}

export const REQUEST_FLOW: readonly FlowStep[] = [
  {
    id: 'client',
    title: 'Your SDK or CLI',
    where: 'OpenAI, Anthropic or Gemini client',
    detail: 'Sends a normal request to this gateway with your sk- key, in its own wire format.',
  },
  {
    id: 'auth',
    title: 'Key check',
    where: 'Access',
    detail: 'The key must exist, be enabled, not expired, allow the model, and stay under its spend limit. Its owner must be active.',
    failure: 'refused with an error in the client\'s own format',
  },
  {
    id: 'route',
    title: 'Pick a channel',
    where: 'Routing',
    detail: 'Only channels the key allows that cover the model, are enabled, have room in every quota window and are not cooling down. Affinity may pin a session to one. Then a weighted draw.',
    failure: 'no eligible channel: refused, nothing is charged',
  },
  {
    id: 'reserve',
    title: 'Reserve',
    where: 'Capacity',
    detail: 'Input is estimated; your points and the channel\'s quota are reserved before anything is sent upstream.',
    failure: 'not enough points: refused before any upstream call',
  },
  {
    id: 'upstream',
    title: 'Call upstream',
    where: 'Protocols',
    detail: 'Same protocol is relayed byte for byte; otherwise converted. A retryable failure before any content reached you releases the reservation and tries another channel.',
  },
  {
    id: 'settle',
    title: 'Settle',
    where: 'Settlement',
    detail: 'Real usage from the upstream times the price (with surge and fire-sale factors). You are debited, the channel owner is credited their share, the reservation is released.',
  },
  {
    id: 'record',
    title: 'Ledger and health',
    where: 'Records',
    detail: 'One ledger row with tokens and the formula; one health sample with TTFT. The console updates live.',
  },
];

export interface RuleGroup {
  id: string;
  title: string;
  rules: readonly string[];
}

export const RULES: readonly RuleGroup[] = [
  {
    id: 'access',
    title: 'Access',
    rules: [
      'Console sessions (ta-…) and gateway keys (sk-…) are separate: neither works in the other\'s place.',
      'Members see only what they own: their keys, channels, ledger rows and transfers. Admins see everything.',
      'Upstream secrets are write-only. Nobody, the owner included, can read one back from the console.',
      'Registration may need an invite code when the pool is invitation-only.',
    ],
  },
  {
    id: 'capacity',
    title: 'Capacity',
    rules: [
      'Each channel has any number of quota windows (for example 50 points per 5 hours and 500 per week), each in its own time zone.',
      'Every window must have room; when any is used up the channel rests until that window refreshes.',
      'The first window is the primary one: it drives availability on the dashboard, route weighting, surge and the fire-sale timer.',
    ],
  },
  {
    id: 'routing',
    title: 'Routing',
    rules: [
      'Among eligible channels one is drawn by route weight; busier pools may pay a surge multiplier.',
      'A fire-sale channel (unused inventory close to its reset) stays in the same pool with its weight boosted, and is cheaper.',
      'Affinity rules keep a conversation on the channel that already holds its prompt cache, for a while.',
      'A failed channel cools down for a short time and is skipped meanwhile.',
    ],
  },
  {
    id: 'settlement',
    title: 'Settlement',
    rules: [
      'Prices are per million tokens for input, output and cached input. The most specific price wins: channel model pattern, channel default, global model pattern, global default, fallback.',
      'Cached input reported by the upstream is charged once, at the cache rate.',
      'Points are exact to six decimals; every ledger row shows its own formula.',
      'The channel owner earns the provider share of what their channel served.',
    ],
  },
  {
    id: 'health',
    title: 'Health',
    rules: [
      'Every real request is a sample: available, empty, degraded or down, with time to first token.',
      'The health strip shows 48 half-hour windows over the last day; gray means no traffic then.',
      'There is no background probing: use "Test" on a channel to check it by hand.',
    ],
  },
  {
    id: 'economy',
    title: 'Economy',
    rules: [
      'Send points to a teammate by email; both of you see the transfer in your history.',
      'A red packet splits points into parts, evenly or by luck; anyone who knows the phrase claims one part, once.',
      'Leaderboards rank providers by tokens served and consumers by points spent, by day or month. Turn on anonymity to be masked.',
    ],
  },
];

/** The gateway routes clients call (MISSION.md "Gateway routes"). */
export const GATEWAY_ROUTES: readonly { route: string; clients: string }[] = [
  { route: 'POST /v1/chat/completions', clients: 'OpenAI Chat Completions (OpenAI SDK, most tools)' },
  { route: 'POST /v1/responses', clients: 'OpenAI Responses (OpenAI SDK, Codex CLI)' },
  { route: 'POST /v1/messages', clients: 'Anthropic Messages (Anthropic SDK, Claude Code)' },
  { route: 'POST /v1beta/models/{model}:generateContent', clients: 'Gemini (Google GenAI SDK, Gemini CLI)' },
  { route: 'POST /v1beta/models/{model}:streamGenerateContent', clients: 'Gemini streaming' },
  { route: 'GET /v1/models · GET /v1beta/models', clients: 'Model lists, limited to what the key may use' },
];
