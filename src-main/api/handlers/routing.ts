import { routingOps, type AffinityRuleRecord, type ChannelHealthRecord } from '../../../src-shared/api/ops/routing';
import { fromMicro } from '../../../src-shared/points';
import type { CoreServices } from '../../core/services';
import { ChannelTestError, testChannel, testModel } from '../../health/channel-test';
import { parseJsonPath } from '../../routing/affinity-key';
import type { AffinityRuleRow, AffinityRuleWrite } from '../../store/affinity-store';
import type { ChannelRow } from '../../store/channels-store';
import { ApiError, badRequest, notFound } from '../errors';
import type { HandlerMap, Identity } from '../handler';

const iso = (ms: number) => new Date(ms).toISOString();

function ruleRecord(core: CoreServices, r: AffinityRuleRow): AffinityRuleRecord {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled === 1,
    model_pattern: r.model_pattern,
    routes: JSON.parse(r.routes) as string[],
    key_source: r.key_source,
    key_name: r.key_name,
    ttl_seconds: r.ttl_seconds,
    switch_on_success: r.switch_on_success === 1,
    stay_pinned_on_failure: r.stay_pinned_on_failure === 1,
    include_model_in_key: r.include_model_in_key === 1,
    builtin: r.builtin === 1,
    bindings: core.routing.affinityStore.bindingCount(r.id),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

interface RuleInput {
  name: string;
  enabled: boolean;
  model_pattern: string;
  routes: string[];
  key_source: AffinityRuleRow['key_source'];
  key_name: string;
  ttl_seconds: number;
  switch_on_success: boolean;
  stay_pinned_on_failure: boolean;
  include_model_in_key: boolean;
}

function ruleWrite(r: RuleInput): AffinityRuleWrite {
  if (r.key_source === 'json') {
    try {
      parseJsonPath(r.key_name);
    } catch {
      throw badRequest(`not a JSON path: ${r.key_name}`);
    }
  }
  if (r.key_source === 'context' && !['api_key_id', 'user_id', 'client_ip'].includes(r.key_name)) {
    throw badRequest('context key must be api_key_id, user_id or client_ip');
  }
  return {
    name: r.name,
    enabled: r.enabled ? 1 : 0,
    model_pattern: r.model_pattern,
    routes: JSON.stringify(r.routes),
    key_source: r.key_source,
    key_name: r.key_name,
    ttl_seconds: r.ttl_seconds,
    switch_on_success: r.switch_on_success ? 1 : 0,
    stay_pinned_on_failure: r.stay_pinned_on_failure ? 1 : 0,
    include_model_in_key: r.include_model_in_key ? 1 : 0,
  };
}

function rulesChanged(core: CoreServices): void {
  core.routing.affinity.rulesChanged();
  core.events.publish(['affinity'], 'admins');
}

/** Own (admin: all); "not yours" answers 404 like a missing channel. */
function visibleChannel(core: CoreServices, identity: Identity, id: number): ChannelRow {
  const c = core.stores.channels.get(id);
  if (!c || (identity.role !== 'admin' && c.owner_id !== identity.userId)) throw notFound('channel');
  return c;
}

export const routingHandlers: HandlerMap<typeof routingOps> = {
  'affinity.list': (_input, { core }) => core.routing.affinityStore.rules().map((r) => ruleRecord(core, r)),
  'affinity.create': (input, { core }) => {
    const id = core.routing.affinityStore.insertRule(ruleWrite(input));
    rulesChanged(core);
    return ruleRecord(core, core.routing.affinityStore.rule(id)!);
  },
  'affinity.update': (input, { core }) => {
    const current = core.routing.affinityStore.rule(input.id);
    if (!current) throw notFound('affinity rule');
    const merged: RuleInput = {
      name: input.name ?? current.name,
      enabled: input.enabled ?? current.enabled === 1,
      model_pattern: input.model_pattern ?? current.model_pattern,
      routes: input.routes ?? (JSON.parse(current.routes) as string[]),
      key_source: input.key_source ?? current.key_source,
      key_name: input.key_name ?? current.key_name,
      ttl_seconds: input.ttl_seconds ?? current.ttl_seconds,
      switch_on_success: input.switch_on_success ?? current.switch_on_success === 1,
      stay_pinned_on_failure: input.stay_pinned_on_failure ?? current.stay_pinned_on_failure === 1,
      include_model_in_key: input.include_model_in_key ?? current.include_model_in_key === 1,
    };
    core.routing.affinityStore.updateRule(input.id, ruleWrite(merged));
    rulesChanged(core);
    return ruleRecord(core, core.routing.affinityStore.rule(input.id)!);
  },
  'affinity.delete': (input, { core }) => {
    if (!core.routing.affinityStore.deleteRule(input.id)) throw notFound('affinity rule');
    rulesChanged(core);
    return { ok: true };
  },
  'channels.health': (input, { core, identity }): ChannelHealthRecord => {
    const c = visibleChannel(core, identity, input.id);
    const now = Date.now();
    const cooling = core.routing.cooldowns.activeUntil(c.id, now);
    return {
      channel_id: c.id,
      cooldown_until: cooling === null ? null : iso(cooling),
      windows: core.routing.health.windows(c.id, now).map((w) => ({
        start: iso(w.start),
        end: iso(w.end),
        samples: w.samples,
        ...w.counts,
        avg_ttft_ms: w.avgTtftMs,
        status: w.status,
      })),
    };
  },
  'channels.test': async (input, { core, identity }) => {
    const c = visibleChannel(core, identity, input.id);
    const model = testModel(c, input.model);
    if (!model) throw badRequest('this channel lists only patterns: name the model to test', 'model_required');
    try {
      return await testChannel(core, c, model);
    } catch (err) {
      if (err instanceof ChannelTestError) throw new ApiError(502, err.message, 'upstream_failed');
      throw err;
    }
  },
  'surge.get': (_input, { core }) => {
    const s = core.routing.surge(routableSnapshot(core), Date.now());
    return {
      level: s.level,
      multiplier: s.multiplier,
      enabled: core.settings.get('surge_enabled'),
      demand_points_per_hour: fromMicro(s.demandMicroPerHour),
      supply_points_per_hour: fromMicro(s.supplyMicroPerHour),
      ratio: s.ratio !== null && Number.isFinite(s.ratio) ? s.ratio : null,
    };
  },
};

/** Enabled channels with their windows, for surge supply (the gateway's pool has the same view). */
function routableSnapshot(core: CoreServices) {
  const windows = core.stores.channels.windowsByChannel();
  return core.stores.channels.list(null).map((c) => ({
    id: c.id,
    enabled: c.enabled === 1 && c.secret_id !== null,
    models: [] as string[],
    weight: c.weight,
    cooldownUntil: null,
    fireSale: null,
    windows: (windows.get(c.id) ?? []).map((w) => ({ spec: { periodUnit: w.period_unit, periodCount: w.period_count, anchorAt: w.anchor_at, timezone: w.timezone }, limitMicro: w.limit_micro, usedMicro: 0 })),
  }));
}
