import { z } from 'zod';
import { op } from '../define';
import { Id, ModelPattern } from '../common';
import type { ChannelTestResult } from './channels';

/** Client routes an affinity rule may name (`*`: all). */
export const AFFINITY_ROUTES = ['*', 'openai-chat', 'openai-responses', 'anthropic', 'gemini'] as const;
export const AFFINITY_KEY_SOURCES = ['json', 'header', 'context'] as const;
export const AFFINITY_CONTEXT_NAMES = ['api_key_id', 'user_id', 'client_ip'] as const;

export interface AffinityRuleRecord {
  id: number;
  name: string;
  enabled: boolean;
  model_pattern: string;
  routes: string[];
  /** Where the session/cache key is read: a JSON path into the body, a header, or request context. */
  key_source: (typeof AFFINITY_KEY_SOURCES)[number];
  /** The JSON path (`metadata.user_id`), header name, or context field. */
  key_name: string;
  ttl_seconds: number;
  switch_on_success: boolean;
  stay_pinned_on_failure: boolean;
  include_model_in_key: boolean;
  /** Seeded preset (still editable and deletable). */
  builtin: boolean;
  /** Live bindings the rule currently holds. */
  bindings: number;
  created_at: string;
  updated_at: string;
}

export type HealthWindowStatus = 'no-data' | 'available' | 'degraded' | 'down';
export interface HealthWindowRecord {
  start: string;
  end: string;
  samples: number;
  available: number;
  empty: number;
  degraded: number;
  down: number;
  /** Mean time to first token over successful non-empty samples; null when none. */
  avg_ttft_ms: number | null;
  /** `no-data` windows are drawn gray. */
  status: HealthWindowStatus;
}
export interface ChannelHealthRecord {
  channel_id: number;
  /** 48 windows of 30 minutes, oldest first; the last contains now. */
  windows: HealthWindowRecord[];
  cooldown_until: string | null;
}

export interface SurgeRecord {
  level: 'idle' | 'normal' | 'peak';
  multiplier: number;
  enabled: boolean;
  demand_points_per_hour: number;
  supply_points_per_hour: number;
  /** demand ÷ supply; null when no routable channel has a primary window. */
  ratio: number | null;
}

const KeyName = z.string().trim().min(1).max(200);
const RuleFields = {
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean(),
  model_pattern: ModelPattern,
  routes: z.array(z.enum(AFFINITY_ROUTES)).min(1).max(5),
  key_source: z.enum(AFFINITY_KEY_SOURCES),
  key_name: KeyName,
  ttl_seconds: z.number().int().min(1).max(30 * 86_400),
  switch_on_success: z.boolean(),
  stay_pinned_on_failure: z.boolean(),
  include_model_in_key: z.boolean(),
};

export const routingOps = {
  'affinity.list': op<AffinityRuleRecord[]>()({ method: 'GET', path: '/api/affinity-rules', access: 'admin', input: z.object({}) }),
  'affinity.create': op<AffinityRuleRecord>()({
    method: 'POST',
    path: '/api/affinity-rules',
    access: 'admin',
    input: z.object({
      name: RuleFields.name,
      enabled: RuleFields.enabled.default(true),
      model_pattern: RuleFields.model_pattern,
      routes: RuleFields.routes.default(['*']),
      key_source: RuleFields.key_source,
      key_name: RuleFields.key_name,
      ttl_seconds: RuleFields.ttl_seconds.default(3600),
      switch_on_success: RuleFields.switch_on_success.default(true),
      stay_pinned_on_failure: RuleFields.stay_pinned_on_failure.default(true),
      include_model_in_key: RuleFields.include_model_in_key.default(false),
    }),
  }),
  'affinity.update': op<AffinityRuleRecord>()({
    method: 'PATCH',
    path: '/api/affinity-rules/:id',
    access: 'admin',
    input: z.object({
      id: Id,
      name: RuleFields.name.optional(),
      enabled: RuleFields.enabled.optional(),
      model_pattern: RuleFields.model_pattern.optional(),
      routes: RuleFields.routes.optional(),
      key_source: RuleFields.key_source.optional(),
      key_name: RuleFields.key_name.optional(),
      ttl_seconds: RuleFields.ttl_seconds.optional(),
      switch_on_success: RuleFields.switch_on_success.optional(),
      stay_pinned_on_failure: RuleFields.stay_pinned_on_failure.optional(),
      include_model_in_key: RuleFields.include_model_in_key.optional(),
    }),
  }),
  'affinity.delete': op<{ ok: true }>()({ method: 'DELETE', path: '/api/affinity-rules/:id', access: 'admin', input: z.object({ id: Id }) }),
  'channels.health': op<ChannelHealthRecord>()({ method: 'GET', path: '/api/channels/:id/health', access: 'session', input: z.object({ id: Id }) }),
  /** Manual health test: one small real request; 502 when the upstream fails. */
  'channels.test': op<ChannelTestResult>()({
    method: 'POST',
    path: '/api/channels/:id/test',
    access: 'session',
    input: z.object({ id: Id, model: z.string().trim().min(1).max(200).optional() }),
  }),
  'surge.get': op<SurgeRecord>()({ method: 'GET', path: '/api/surge', access: 'session', input: z.object({}) }),
};
