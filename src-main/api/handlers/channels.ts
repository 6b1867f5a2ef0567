import type { z } from 'zod';
import { channelOps, type QuotaWindowInput } from '../../../src-shared/api/ops/channels';
import { toMicro } from '../../../src-shared/points';
import { DEFAULT_BASE_URLS, normalizeBaseUrl } from '../../channels/base-url';
import { channelRecord } from '../../channels/channel-records';
import { currentPeriod } from '../../routing/period-cache';
import type { CoreServices } from '../../core/services';
import { secretHint } from '../../secrets/secret-store';
import type { ChannelRow, QuotaWindowInsert, QuotaWindowRow } from '../../store/channels-store';
import { badRequest, notFound } from '../errors';
import type { HandlerMap, Identity } from '../handler';

type WindowInput = z.output<typeof QuotaWindowInput>;

/** Members manage their own channels; admins manage all. "Not yours" answers 404. */
function visibleChannel(core: CoreServices, identity: Identity, id: number): ChannelRow {
  const c = core.stores.channels.get(id);
  if (!c || (identity.role !== 'admin' && c.owner_id !== identity.userId)) throw notFound('channel');
  return c;
}

function recordOf(core: CoreServices, c: ChannelRow) {
  return channelRecord(c, core.stores.channels.windows(c.id), core.stores.users.get(c.owner_id)?.email);
}

/**
 * Used amounts survive an edit when a window keeps its shape (period, anchor, zone): changing only
 * the limit or the name must not hand out a fresh budget. A new shape starts from zero.
 */
export function windowsForWrite(inputs: WindowInput[], previous: QuotaWindowRow[]): QuotaWindowInsert[] {
  return inputs.map((w, i) => {
    const anchor = Date.parse(w.anchor_at);
    const prev = previous[i];
    const sameShape =
      prev !== undefined && prev.period_unit === w.period_unit && prev.period_count === w.period_count && prev.anchor_at === anchor && prev.timezone === w.timezone;
    return {
      name: w.name,
      limit_micro: toMicro(w.limit_points),
      used_micro: w.used_points !== undefined ? toMicro(w.used_points) : sameShape ? prev.used_micro : 0,
      period_unit: w.period_unit,
      period_count: w.period_count,
      anchor_at: anchor,
      timezone: w.timezone,
      // An explicitly set amount belongs to the period in force now.
      period_start: w.used_points !== undefined ? currentPeriod({ periodUnit: w.period_unit, periodCount: w.period_count, anchorAt: anchor, timezone: w.timezone }, Date.now()).start : sameShape ? prev.period_start : null,
    };
  });
}

function publishChannels(core: CoreServices): void {
  // Key records list their channels, so keys refresh too.
  core.events.publish(['channels', 'keys'], 'all');
}

export const channelHandlers: HandlerMap<typeof channelOps> = {
  'channels.list': (_input, { core, identity }) => {
    const rows = core.stores.channels.list(identity.role === 'admin' ? null : identity.userId);
    const windows = core.stores.channels.windowsByChannel();
    const emails = new Map(core.stores.users.list().map((u) => [u.id, u.email]));
    return rows.map((c) => channelRecord(c, windows.get(c.id) ?? [], emails.get(c.owner_id)));
  },
  'channels.create': (input, { core, identity }) => {
    const base_url = normalizeBaseUrl(input.provider, input.base_url ?? DEFAULT_BASE_URLS[input.provider]);
    const id = core.db.transaction(() => {
      const secret_id = core.secrets.put(input.api_key_secret);
      return core.stores.channels.insert(
        {
          owner_id: identity.userId,
          name: input.name,
          provider: input.provider,
          base_url,
          secret_id,
          secret_hint: secretHint(input.api_key_secret),
          models: JSON.stringify(input.models),
          enabled: (input.enabled ?? core.settings.get('default_channel_enabled')) ? 1 : 0,
          weight: input.weight ?? core.settings.get('default_channel_weight'),
          fire_sale: input.fire_sale === null ? null : JSON.stringify(input.fire_sale),
          first_token_timeout_ms: input.first_token_timeout_seconds === null ? null : Math.round(input.first_token_timeout_seconds * 1000),
        },
        windowsForWrite(input.quota_windows, []),
      );
    })();
    publishChannels(core);
    return recordOf(core, core.stores.channels.get(id)!);
  },
  'channels.update': (input, { core, identity }) => {
    const c = visibleChannel(core, identity, input.id);
    const provider = input.provider ?? c.provider;
    core.db.transaction(() => {
      let secret: { secret_id: number; secret_hint: string } | undefined;
      if (input.api_key_secret !== undefined) {
        if (c.secret_id !== null) core.secrets.replace(c.secret_id, input.api_key_secret);
        secret = { secret_id: c.secret_id ?? core.secrets.put(input.api_key_secret), secret_hint: secretHint(input.api_key_secret) };
      }
      core.stores.channels.update(c.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.provider !== undefined && { provider }),
        ...((input.base_url !== undefined || input.provider !== undefined) && {
          base_url: normalizeBaseUrl(provider, input.base_url ?? c.base_url),
        }),
        ...(input.models !== undefined && { models: JSON.stringify(input.models) }),
        ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
        ...(input.weight !== undefined && { weight: input.weight }),
        ...(input.fire_sale !== undefined && { fire_sale: input.fire_sale === null ? null : JSON.stringify(input.fire_sale) }),
        ...(input.first_token_timeout_seconds !== undefined && {
          first_token_timeout_ms: input.first_token_timeout_seconds === null ? null : Math.round(input.first_token_timeout_seconds * 1000),
        }),
        ...secret,
      });
      if (input.quota_windows !== undefined) {
        core.stores.channels.replaceWindows(c.id, windowsForWrite(input.quota_windows, core.stores.channels.windows(c.id)));
      }
    })();
    publishChannels(core);
    return recordOf(core, core.stores.channels.get(c.id)!);
  },
  'channels.delete': (input, { core, identity }) => {
    const c = visibleChannel(core, identity, input.id);
    core.db.transaction(() => {
      // Soft delete keeps ledger references; the secret itself is destroyed.
      core.stores.channels.update(c.id, { deleted_at: Date.now(), enabled: 0, secret_id: null });
      if (c.secret_id !== null) core.secrets.delete(c.secret_id);
    })();
    publishChannels(core);
    return { ok: true };
  },
  'channels.setEnabled': (input, { core, identity }) => {
    const c = visibleChannel(core, identity, input.id);
    core.stores.channels.update(c.id, { enabled: input.enabled ? 1 : 0 });
    publishChannels(core);
    return recordOf(core, core.stores.channels.get(c.id)!);
  },
  'channels.copy': (input, { core, identity }) => {
    const c = visibleChannel(core, identity, input.id);
    if (c.secret_id === null) throw badRequest('this channel has no secret to copy');
    const id = core.db.transaction(() => {
      const secret_id = core.secrets.put(core.secrets.get(c.secret_id!));
      const windows = core.stores.channels.windows(c.id).map(({ id: _id, channel_id: _c, position: _p, ...w }) => ({ ...w, used_micro: 0, period_start: null }));
      return core.stores.channels.insert(
        {
          owner_id: identity.userId,
          name: input.name ?? `${c.name} (copy)`,
          provider: c.provider,
          base_url: c.base_url,
          secret_id,
          secret_hint: c.secret_hint,
          models: c.models,
          // A clone starts disabled so it does not take traffic before it is reviewed.
          enabled: 0,
          weight: c.weight,
          fire_sale: c.fire_sale,
          first_token_timeout_ms: c.first_token_timeout_ms,
        },
        windows,
      );
    })();
    publishChannels(core);
    return recordOf(core, core.stores.channels.get(id)!);
  },
  'channels.batchEnabled': (input, { core, identity }) => {
    let updated = 0;
    core.db.transaction(() => {
      for (const id of input.ids) {
        const c = core.stores.channels.get(id);
        if (!c || (identity.role !== 'admin' && c.owner_id !== identity.userId)) continue;
        core.stores.channels.update(id, { enabled: input.enabled ? 1 : 0 });
        updated++;
      }
    })();
    publishChannels(core);
    return { updated };
  },
};
