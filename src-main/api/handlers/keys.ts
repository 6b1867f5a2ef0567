import { keyOps, type ApiKeyRecord } from '../../../src-shared/api/ops/keys';
import { fromMicro, toMicro } from '../../../src-shared/points';
import { apiKeyPrefix, hashToken, newApiKeyToken } from '../../accounts/tokens';
import type { CoreServices } from '../../core/services';
import type { ApiKeyRow } from '../../store/api-keys-store';
import { badRequest, notFound } from '../errors';
import type { HandlerMap, Identity } from '../handler';
import { iso, isoOrNull } from '../records';

function keyRecord(core: CoreServices, k: ApiKeyRow): ApiKeyRecord {
  const all = k.channel_scope === 'all';
  return {
    id: k.id,
    user_id: k.user_id,
    name: k.name,
    prefix: k.prefix,
    enabled: k.enabled === 1,
    expires_at: isoOrNull(k.expires_at),
    allowed_models: JSON.parse(k.allowed_models) as string[],
    spend_limit_points: k.spend_limit_micro === null ? null : fromMicro(k.spend_limit_micro),
    spent_points: fromMicro(k.spent_micro),
    allowed_channel_ids: all ? core.stores.channels.allIds() : core.stores.apiKeys.explicitChannelIds(k.id),
    covers_all_channels: all,
    last_used_at: isoOrNull(k.last_used_at),
    created_at: iso(k.created_at),
  };
}

/** Keys are strictly personal: even admins manage only their own here ("not yours" is 404). */
function ownKey(core: CoreServices, identity: Identity, id: number): ApiKeyRow {
  const key = core.stores.apiKeys.get(id);
  if (!key || key.user_id !== identity.userId) throw notFound('API key');
  return key;
}

/** An explicit list equal to the whole pool means "the whole pool", so new channels join it. */
function normalizeChannelIds(core: CoreServices, ids: number[] | null | undefined): number[] | null {
  if (ids === null || ids === undefined) return null;
  const pool = new Set(core.stores.channels.allIds());
  const unknown = ids.filter((id) => !pool.has(id));
  if (unknown.length) throw badRequest(`unknown channel ids: ${unknown.join(', ')}`);
  const unique = [...new Set(ids)];
  return unique.length === pool.size && pool.size > 0 ? null : unique;
}

function publishKeys(core: CoreServices, userId: number): void {
  core.events.publish(['keys'], { userIds: [userId] });
}

/** Settings `default_key_expiry_days` / `default_key_spend_limit_points` (0: none) for fields left out. */
function defaultKeyExpiry(core: CoreServices): number | null {
  const days = core.settings.get('default_key_expiry_days');
  return days > 0 ? Date.now() + days * 86_400_000 : null;
}
function defaultKeySpendLimit(core: CoreServices): number | null {
  const points = core.settings.get('default_key_spend_limit_points');
  return points > 0 ? toMicro(points) : null;
}

export const keyHandlers: HandlerMap<typeof keyOps> = {
  'apiKeys.list': (_input, { core, identity }) => core.stores.apiKeys.list(identity.userId).map((k) => keyRecord(core, k)),
  'apiKeys.create': (input, { core, identity }) => {
    const token = newApiKeyToken();
    const id = core.stores.apiKeys.insert({
      user_id: identity.userId,
      name: input.name,
      token_hash: hashToken(token),
      prefix: apiKeyPrefix(token),
      enabled: input.enabled ?? true,
      expires_at: input.expires_at === undefined ? defaultKeyExpiry(core) : input.expires_at ? Date.parse(input.expires_at) : null,
      allowed_models: input.allowed_models ?? [],
      spend_limit_micro: input.spend_limit_points === undefined ? defaultKeySpendLimit(core) : input.spend_limit_points === null ? null : toMicro(input.spend_limit_points),
      channel_ids: normalizeChannelIds(core, input.allowed_channel_ids),
    });
    publishKeys(core, identity.userId);
    return { token, record: keyRecord(core, core.stores.apiKeys.get(id)!) };
  },
  'apiKeys.update': (input, { core, identity }) => {
    const key = ownKey(core, identity, input.id);
    core.db.transaction(() => {
      core.stores.apiKeys.update(key.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
        ...(input.expires_at !== undefined && { expires_at: input.expires_at === null ? null : Date.parse(input.expires_at) }),
        ...(input.allowed_models !== undefined && { allowed_models: JSON.stringify(input.allowed_models) }),
        ...(input.spend_limit_points !== undefined && {
          spend_limit_micro: input.spend_limit_points === null ? null : toMicro(input.spend_limit_points),
        }),
      });
      if (input.allowed_channel_ids !== undefined) {
        core.stores.apiKeys.setChannels(key.id, normalizeChannelIds(core, input.allowed_channel_ids));
      }
    })();
    publishKeys(core, identity.userId);
    return keyRecord(core, core.stores.apiKeys.get(key.id)!);
  },
  'apiKeys.delete': (input, { core, identity }) => {
    const key = ownKey(core, identity, input.id);
    // Soft delete: ledger rows keep pointing at the key.
    core.stores.apiKeys.update(key.id, { deleted_at: Date.now(), enabled: 0 });
    publishKeys(core, identity.userId);
    return { ok: true };
  },
  'apiKeys.setEnabled': (input, { core, identity }) => {
    const key = ownKey(core, identity, input.id);
    core.stores.apiKeys.update(key.id, { enabled: input.enabled ? 1 : 0 });
    publishKeys(core, identity.userId);
    return keyRecord(core, core.stores.apiKeys.get(key.id)!);
  },
  'apiKeys.rotate': (input, { core, identity }) => {
    const key = ownKey(core, identity, input.id);
    const token = newApiKeyToken();
    core.stores.apiKeys.update(key.id, { token_hash: hashToken(token), prefix: apiKeyPrefix(token) });
    publishKeys(core, identity.userId);
    return { token, record: keyRecord(core, core.stores.apiKeys.get(key.id)!) };
  },
  'apiKeys.batchDelete': (input, { core, identity }) => {
    const now = Date.now();
    let deleted = 0;
    core.db.transaction(() => {
      for (const id of input.ids) {
        const key = core.stores.apiKeys.get(id);
        if (!key || key.user_id !== identity.userId) continue;
        core.stores.apiKeys.update(id, { deleted_at: now, enabled: 0 });
        deleted++;
      }
    })();
    publishKeys(core, identity.userId);
    return { deleted };
  },
};
