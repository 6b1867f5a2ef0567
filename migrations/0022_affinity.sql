-- Sticky routing (issue 4): admin rules naming a request's session/cache key, and the
-- key -> channel bindings they create (an in-memory LRU sits in front of the table).
CREATE TABLE affinity_rules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  model_pattern TEXT NOT NULL,
  routes TEXT NOT NULL DEFAULT '["*"]',        -- JSON array of client routes or "*"
  key_source TEXT NOT NULL CHECK (key_source IN ('json', 'header', 'context')),
  key_name TEXT NOT NULL,                      -- JSON path, header name or context field
  ttl_seconds INTEGER NOT NULL CHECK (ttl_seconds > 0),
  switch_on_success INTEGER NOT NULL DEFAULT 1 CHECK (switch_on_success IN (0, 1)),
  stay_pinned_on_failure INTEGER NOT NULL DEFAULT 1 CHECK (stay_pinned_on_failure IN (0, 1)),
  include_model_in_key INTEGER NOT NULL DEFAULT 0 CHECK (include_model_in_key IN (0, 1)),
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE affinity_bindings (
  binding_key TEXT PRIMARY KEY,                -- rule id, model or '*', digest of the key value
  rule_id INTEGER NOT NULL REFERENCES affinity_rules(id) ON DELETE CASCADE,
  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX affinity_bindings_expiry ON affinity_bindings(expires_at);

-- Built-in presets (MISSION.md "Routing"), seeded once with this migration: an admin may edit
-- or delete them and they do not come back.
INSERT INTO affinity_rules (name, model_pattern, routes, key_source, key_name, ttl_seconds, switch_on_success, stay_pinned_on_failure, include_model_in_key, builtin, created_at, updated_at)
VALUES
  ('GPT Responses', '/^gpt-.*$/', '["openai-responses"]', 'json', 'prompt_cache_key', 3600, 1, 1, 0, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  ('Claude Messages', '/^claude-.*$/', '["anthropic"]', 'json', 'metadata.user_id', 3600, 1, 1, 0, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  ('Gemini', '/^gemini-.*$/', '["gemini"]', 'json', 'cachedContent', 3600, 1, 1, 0, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
