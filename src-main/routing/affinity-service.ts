import type { AffinityRuleRow, AffinityStore } from '../store/affinity-store';
import { bindingKey, ruleFor, type AffinityKeySource, type AffinityRequest, type AffinityRule } from './affinity-key';
import { LruCache } from './lru';

/** What affinity says about one request: its rule and key, and the channel bound to that key. */
export interface AffinityDecision {
  rule: AffinityRule;
  key: string;
  boundChannelId: number | null;
}

const PRUNE_EVERY_MS = 3_600_000;

type CachedBinding = { channelId: number; expiresAt: number } | null;

export function ruleFromRow(r: AffinityRuleRow): AffinityRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled === 1,
    modelPattern: r.model_pattern,
    routes: JSON.parse(r.routes) as string[],
    keySource: { kind: r.key_source, ...(r.key_source === 'json' ? { path: r.key_name } : { name: r.key_name }) } as AffinityKeySource,
    ttlSeconds: r.ttl_seconds,
    switchOnSuccess: r.switch_on_success === 1,
    stayPinnedOnFailure: r.stay_pinned_on_failure === 1,
    includeModelInKey: r.include_model_in_key === 1,
  };
}

/**
 * Sticky routing: binds a request's session/cache key to the channel that served it so a
 * provider-side prompt cache keeps hitting. Bindings live in SQLite (they survive restarts);
 * an LRU in front keeps the hot ones — and known misses — off the disk. All writes go through
 * here, so the cache never disagrees with the table.
 */
export class AffinityService {
  private rulesCache: AffinityRule[] | null = null;
  private lastPrune = 0;
  private readonly lru: LruCache<string, CachedBinding>;

  constructor(private readonly store: AffinityStore, capacity: number) {
    this.lru = new LruCache(capacity);
  }

  rules(): AffinityRule[] {
    this.rulesCache ??= this.store.rules().map(ruleFromRow);
    return this.rulesCache;
  }

  /** After rule CRUD: rules reload, and bindings of changed rules are dropped from memory. */
  rulesChanged(): void {
    this.rulesCache = null;
    this.lru.clear();
  }

  private lookup(key: string, now: number): number | null {
    let b = this.lru.get(key);
    if (b === undefined) {
      const row = this.store.binding(key);
      b = row ? { channelId: row.channel_id, expiresAt: row.expires_at } : null;
      this.lru.set(key, b);
    }
    if (b === null) return null;
    if (b.expiresAt <= now) {
      this.forget(key);
      return null;
    }
    return b.channelId;
  }

  private bind(rule: AffinityRule, key: string, channelId: number, now: number): void {
    const expiresAt = now + rule.ttlSeconds * 1000;
    this.store.putBinding({ binding_key: key, rule_id: rule.id, channel_id: channelId, expires_at: expiresAt, updated_at: now });
    this.lru.set(key, { channelId, expiresAt });
  }

  private forget(key: string): void {
    this.store.deleteBinding(key);
    this.lru.set(key, null);
  }

  decide(req: AffinityRequest, now: number): AffinityDecision | null {
    // Expired rows of keys never seen again would pile up: sweep the table once an hour.
    if (now - this.lastPrune > PRUNE_EVERY_MS) this.pruneExpired(now);
    const rule = ruleFor(this.rules(), req.route, req.model);
    if (!rule) return null;
    const key = bindingKey(rule, req);
    if (key === null) return null;
    return { rule, key, boundChannelId: this.lookup(key, now) };
  }

  /**
   * A channel served the request. Unbound keys bind; the bound channel refreshes its TTL; a
   * fallback channel takes the binding over only when the rule says switch-on-success.
   */
  served(d: AffinityDecision, channelId: number, now: number): void {
    if (d.boundChannelId === null || d.boundChannelId === channelId || d.rule.switchOnSuccess) this.bind(d.rule, d.key, channelId, now);
  }

  /** The bound channel failed this request: unpin unless the rule keeps cache-local traffic pinned. */
  boundFailed(d: AffinityDecision): void {
    if (!d.rule.stayPinnedOnFailure) this.forget(d.key);
  }

  pruneExpired(now: number): number {
    this.lastPrune = now;
    return this.store.pruneBindings(now);
  }
}
