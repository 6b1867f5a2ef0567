import type { Db } from './connection';

export interface AffinityRuleRow {
  id: number;
  name: string;
  enabled: number;
  model_pattern: string;
  routes: string;
  key_source: 'json' | 'header' | 'context';
  key_name: string;
  ttl_seconds: number;
  switch_on_success: number;
  stay_pinned_on_failure: number;
  include_model_in_key: number;
  builtin: number;
  created_at: number;
  updated_at: number;
}
export type AffinityRuleWrite = Omit<AffinityRuleRow, 'id' | 'builtin' | 'created_at' | 'updated_at'>;

export interface AffinityBindingRow {
  binding_key: string;
  rule_id: number;
  channel_id: number;
  expires_at: number;
  updated_at: number;
}

export class AffinityStore {
  private readonly listStmt;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly bindingStmt;
  private readonly putBindingStmt;
  private readonly deleteBindingStmt;
  private readonly pruneStmt;
  private readonly countBindingsStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[], AffinityRuleRow>('SELECT * FROM affinity_rules ORDER BY id');
    this.getStmt = db.prepare<[number], AffinityRuleRow>('SELECT * FROM affinity_rules WHERE id = ?');
    this.insertStmt = db.prepare<AffinityRuleWrite & { now: number }>(
      `INSERT INTO affinity_rules (name, enabled, model_pattern, routes, key_source, key_name, ttl_seconds, switch_on_success, stay_pinned_on_failure, include_model_in_key, created_at, updated_at)
       VALUES (@name, @enabled, @model_pattern, @routes, @key_source, @key_name, @ttl_seconds, @switch_on_success, @stay_pinned_on_failure, @include_model_in_key, @now, @now)`,
    );
    this.updateStmt = db.prepare<AffinityRuleWrite & { id: number; now: number }>(
      `UPDATE affinity_rules SET name = @name, enabled = @enabled, model_pattern = @model_pattern, routes = @routes, key_source = @key_source,
         key_name = @key_name, ttl_seconds = @ttl_seconds, switch_on_success = @switch_on_success, stay_pinned_on_failure = @stay_pinned_on_failure,
         include_model_in_key = @include_model_in_key, updated_at = @now
       WHERE id = @id`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM affinity_rules WHERE id = ?');
    this.bindingStmt = db.prepare<[string], AffinityBindingRow>('SELECT * FROM affinity_bindings WHERE binding_key = ?');
    this.putBindingStmt = db.prepare<AffinityBindingRow>(
      `INSERT INTO affinity_bindings (binding_key, rule_id, channel_id, expires_at, updated_at)
       VALUES (@binding_key, @rule_id, @channel_id, @expires_at, @updated_at)
       ON CONFLICT (binding_key) DO UPDATE SET rule_id = excluded.rule_id, channel_id = excluded.channel_id,
         expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
    );
    this.deleteBindingStmt = db.prepare<[string]>('DELETE FROM affinity_bindings WHERE binding_key = ?');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM affinity_bindings WHERE expires_at <= ?');
    this.countBindingsStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM affinity_bindings WHERE rule_id = ?');
  }

  rules(): AffinityRuleRow[] {
    return this.listStmt.all();
  }
  rule(id: number): AffinityRuleRow | undefined {
    return this.getStmt.get(id);
  }
  insertRule(r: AffinityRuleWrite): number {
    return Number(this.insertStmt.run({ ...r, now: Date.now() }).lastInsertRowid);
  }
  updateRule(id: number, r: AffinityRuleWrite): void {
    this.updateStmt.run({ ...r, id, now: Date.now() });
  }
  deleteRule(id: number): boolean {
    return this.deleteStmt.run(id).changes === 1;
  }
  bindingCount(ruleId: number): number {
    return this.countBindingsStmt.get(ruleId)?.n ?? 0;
  }
  binding(key: string): AffinityBindingRow | undefined {
    return this.bindingStmt.get(key);
  }
  putBinding(b: AffinityBindingRow): void {
    this.putBindingStmt.run(b);
  }
  deleteBinding(key: string): void {
    this.deleteBindingStmt.run(key);
  }
  pruneBindings(now: number): number {
    return this.pruneStmt.run(now).changes;
  }
}
