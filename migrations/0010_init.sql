-- Foundation schema: accounts, sessions, invitations, API keys, channels, secrets,
-- runtime settings, usage ledger, admin grants. Times are integer milliseconds since the
-- Unix epoch (UTC); points are integer micro-points (1 point = 1,000,000).

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  balance_micro INTEGER NOT NULL DEFAULT 0 CHECK (balance_micro >= 0),
  anonymous_leaderboard INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_leaderboard IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invite_codes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
  used_count INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  expires_at INTEGER,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- Upstream secrets: AES-256-GCM ciphertext under a master key kept outside the database.
CREATE TABLE secrets (
  id INTEGER PRIMARY KEY,
  ciphertext BLOB NOT NULL,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  key_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('openai', 'openai-compatible', 'anthropic', 'gemini')),
  base_url TEXT NOT NULL,
  secret_id INTEGER REFERENCES secrets(id) ON DELETE SET NULL,
  secret_hint TEXT,
  models TEXT NOT NULL DEFAULT '[]',          -- JSON array of model patterns
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),
  fire_sale TEXT,                             -- JSON {days_before, remaining_pct, discount} or NULL
  cooldown_until INTEGER,
  deleted_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX channels_owner ON channels(owner_id);

-- Quota windows; position 0 is the primary inventory window.
CREATE TABLE channel_quota_windows (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  limit_micro INTEGER NOT NULL CHECK (limit_micro >= 0),
  used_micro INTEGER NOT NULL DEFAULT 0 CHECK (used_micro >= 0),
  period_unit TEXT NOT NULL CHECK (period_unit IN ('minute', 'hour', 'day', 'week', 'month', 'year')),
  period_count INTEGER NOT NULL CHECK (period_count > 0),
  anchor_at INTEGER NOT NULL,
  timezone TEXT NOT NULL,
  period_start INTEGER,                        -- start of the period that used_micro belongs to
  UNIQUE (channel_id, position)
) STRICT;

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  expires_at INTEGER,
  allowed_models TEXT NOT NULL DEFAULT '[]',  -- JSON array of patterns; empty = all models
  spend_limit_micro INTEGER CHECK (spend_limit_micro IS NULL OR spend_limit_micro >= 0),
  spent_micro INTEGER NOT NULL DEFAULT 0 CHECK (spent_micro >= 0),
  channel_scope TEXT NOT NULL DEFAULT 'all' CHECK (channel_scope IN ('all', 'explicit')),
  last_used_at INTEGER,
  deleted_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX api_keys_user ON api_keys(user_id);

-- Explicit channel allow-list, used only while channel_scope = 'explicit'.
CREATE TABLE api_key_channels (
  api_key_id INTEGER NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  PRIMARY KEY (api_key_id, channel_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,                         -- JSON
  updated_at INTEGER NOT NULL
) STRICT;

-- The house account: the part of each charge that does not go to the provider.
CREATE TABLE system_account (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  balance_micro INTEGER NOT NULL
) STRICT;
INSERT INTO system_account (id, balance_micro) VALUES (1, 0);

-- One row per settled gateway request.
CREATE TABLE ledger (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  api_key_id INTEGER REFERENCES api_keys(id),
  channel_id INTEGER REFERENCES channels(id),
  provider_user_id INTEGER REFERENCES users(id),
  route TEXT NOT NULL,                         -- client protocol: openai-chat, openai-responses, anthropic, gemini
  upstream_protocol TEXT,
  model TEXT NOT NULL,
  stream INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  http_status INTEGER,
  input_tokens INTEGER NOT NULL DEFAULT 0,     -- uncached input
  cached_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,    -- includes reasoning
  reasoning_tokens INTEGER NOT NULL DEFAULT 0,
  usage_source TEXT NOT NULL DEFAULT 'upstream' CHECK (usage_source IN ('upstream', 'estimate')),
  tokenizer_note TEXT,
  input_price_micro INTEGER NOT NULL DEFAULT 0,  -- micro-points per 1M tokens
  output_price_micro INTEGER NOT NULL DEFAULT 0,
  cache_price_micro INTEGER NOT NULL DEFAULT 0,
  cache_write_price_micro INTEGER NOT NULL DEFAULT 0,
  price_source TEXT,
  surge_multiplier REAL NOT NULL DEFAULT 1,
  fire_sale_factor REAL NOT NULL DEFAULT 1,
  provider_share REAL NOT NULL DEFAULT 0,
  cost_micro INTEGER NOT NULL DEFAULT 0,       -- debited from the consumer
  provider_micro INTEGER NOT NULL DEFAULT 0,   -- credited to the channel owner
  system_micro INTEGER NOT NULL DEFAULT 0,     -- credited to the system account
  formula TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER,
  ttft_ms INTEGER,
  error TEXT
) STRICT;
CREATE INDEX ledger_user_time ON ledger(user_id, created_at);
CREATE INDEX ledger_channel_time ON ledger(channel_id, created_at);
CREATE INDEX ledger_time ON ledger(created_at);

-- Admin balance changes (grants and removals), ledgered so points stay accountable.
CREATE TABLE admin_grants (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  admin_id INTEGER REFERENCES users(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  delta_micro INTEGER NOT NULL,
  memo TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX admin_grants_user ON admin_grants(user_id);
