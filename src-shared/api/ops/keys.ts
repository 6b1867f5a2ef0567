import { z } from 'zod';
import { op } from '../define';
import { Id, ModelPattern, NonNegativePoints } from '../common';

export interface ApiKeyRecord {
  id: number;
  user_id: number;
  name: string;
  /** Display prefix, e.g. `sk-ta-AbC1…`; the full token is shown only at create/rotate. */
  prefix: string;
  enabled: boolean;
  expires_at: string | null;
  allowed_models: string[];
  spend_limit_points: number | null;
  spent_points: number;
  /** Channels this key may use; every current channel while `covers_all_channels`. */
  allowed_channel_ids: number[];
  covers_all_channels: boolean;
  last_used_at: string | null;
  created_at: string;
}
export interface ApiKeyWithToken {
  token: string;
  record: ApiKeyRecord;
}

const KeyFields = {
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean(),
  expires_at: z.iso.datetime({ offset: true }).nullable(),
  allowed_models: z.array(ModelPattern).max(200),
  spend_limit_points: NonNegativePoints.nullable(),
  /** `null` = the whole pool, now and later. */
  allowed_channel_ids: z.array(Id).max(1000).nullable(),
};

export const keyOps = {
  'apiKeys.list': op<ApiKeyRecord[]>()({ method: 'GET', path: '/api/api-keys', access: 'session', input: z.object({}) }),
  'apiKeys.create': op<ApiKeyWithToken>()({
    method: 'POST',
    path: '/api/api-keys',
    access: 'session',
    input: z.object({
      name: KeyFields.name.default('default'),
      enabled: KeyFields.enabled.optional(),
      expires_at: KeyFields.expires_at.optional(),
      allowed_models: KeyFields.allowed_models.optional(),
      spend_limit_points: KeyFields.spend_limit_points.optional(),
      allowed_channel_ids: KeyFields.allowed_channel_ids.optional(),
    }),
  }),
  'apiKeys.update': op<ApiKeyRecord>()({
    method: 'PATCH',
    path: '/api/api-keys/:id',
    access: 'session',
    input: z.object({
      id: Id,
      name: KeyFields.name.optional(),
      enabled: KeyFields.enabled.optional(),
      expires_at: KeyFields.expires_at.optional(),
      allowed_models: KeyFields.allowed_models.optional(),
      spend_limit_points: KeyFields.spend_limit_points.optional(),
      allowed_channel_ids: KeyFields.allowed_channel_ids.optional(),
    }),
  }),
  'apiKeys.delete': op<{ ok: true }>()({ method: 'DELETE', path: '/api/api-keys/:id', access: 'session', input: z.object({ id: Id }) }),
  'apiKeys.setEnabled': op<ApiKeyRecord>()({
    method: 'POST',
    path: '/api/api-keys/:id/enabled',
    access: 'session',
    input: z.object({ id: Id, enabled: z.boolean() }),
  }),
  'apiKeys.rotate': op<ApiKeyWithToken>()({
    method: 'POST',
    path: '/api/api-keys/:id/rotate',
    access: 'session',
    input: z.object({ id: Id }),
  }),
  'apiKeys.batchDelete': op<{ deleted: number }>()({
    method: 'POST',
    path: '/api/api-keys/batch-delete',
    access: 'session',
    input: z.object({ ids: z.array(Id).min(1).max(500) }),
  }),
};
