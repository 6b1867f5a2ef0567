-- Economy: prices, transfers, red packets, one-time seeds. Points are integer micro-points,
-- times integer ms since the epoch (UTC).

-- Prices per 1M tokens. channel_id NULL = global. model_pattern 'default' = the scope's default.
CREATE TABLE prices (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER REFERENCES channels(id) ON DELETE CASCADE,
  model_pattern TEXT NOT NULL,
  input_micro INTEGER NOT NULL CHECK (input_micro >= 0),
  output_micro INTEGER NOT NULL CHECK (output_micro >= 0),
  cache_micro INTEGER NOT NULL CHECK (cache_micro >= 0),
  cache_write_micro INTEGER CHECK (cache_write_micro IS NULL OR cache_write_micro >= 0),  -- NULL: input rate
  preset INTEGER NOT NULL DEFAULT 0 CHECK (preset IN (0, 1)),
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- One row per pattern and scope (NULL channel ids would not collide in a plain UNIQUE).
CREATE UNIQUE INDEX prices_scope_pattern ON prices(IFNULL(channel_id, 0), model_pattern);

-- Seeds applied once (built-in presets): re-seeding after an admin edited or deleted them
-- would undo the edit, so each seed leaves its name here.
CREATE TABLE seed_markers (
  name TEXT PRIMARY KEY,
  seeded_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE transfers (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  from_user_id INTEGER NOT NULL REFERENCES users(id),
  to_user_id INTEGER NOT NULL REFERENCES users(id),
  amount_micro INTEGER NOT NULL CHECK (amount_micro > 0),
  memo TEXT NOT NULL DEFAULT '',
  CHECK (from_user_id <> to_user_id)
) STRICT;
CREATE INDEX transfers_from ON transfers(from_user_id, created_at);
CREATE INDEX transfers_to ON transfers(to_user_id, created_at);

-- A red packet holds the creator's points (debited at creation) until claimed or refunded:
-- remaining = total_micro - claimed_micro - refunded_micro is part of the conserved sum.
CREATE TABLE red_packets (
  id INTEGER PRIMARY KEY,
  creator_id INTEGER NOT NULL REFERENCES users(id),
  phrase TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('even', 'lucky')),
  total_micro INTEGER NOT NULL CHECK (total_micro > 0),
  total_parts INTEGER NOT NULL CHECK (total_parts > 0 AND total_parts <= total_micro),
  claimed_parts INTEGER NOT NULL DEFAULT 0 CHECK (claimed_parts >= 0 AND claimed_parts <= total_parts),
  claimed_micro INTEGER NOT NULL DEFAULT 0 CHECK (claimed_micro >= 0),
  refunded_micro INTEGER NOT NULL DEFAULT 0 CHECK (refunded_micro >= 0),
  status TEXT NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'emptied', 'expired')),
  memo TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  closed_at INTEGER,
  CHECK (claimed_micro + refunded_micro <= total_micro)
) STRICT;
-- Phrases are unique among live packets only; an emptied or expired phrase may be reused.
CREATE UNIQUE INDEX red_packets_live_phrase ON red_packets(phrase) WHERE status = 'live';
CREATE INDEX red_packets_creator ON red_packets(creator_id, created_at);
CREATE INDEX red_packets_expiry ON red_packets(expires_at) WHERE status = 'live';

-- The split, drawn once at creation; a claim takes the lowest unclaimed position.
CREATE TABLE red_packet_parts (
  packet_id INTEGER NOT NULL REFERENCES red_packets(id),
  position INTEGER NOT NULL,
  amount_micro INTEGER NOT NULL CHECK (amount_micro > 0),
  claimed_by INTEGER REFERENCES users(id),
  claimed_at INTEGER,
  PRIMARY KEY (packet_id, position)
) STRICT, WITHOUT ROWID;
-- Each member claims a packet once, whatever the race.
CREATE UNIQUE INDEX red_packet_parts_one_claim ON red_packet_parts(packet_id, claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX red_packet_parts_claimer ON red_packet_parts(claimed_by, claimed_at) WHERE claimed_by IS NOT NULL;

-- Leaderboards aggregate successful rows by time and by provider.
CREATE INDEX ledger_status_time ON ledger(status, created_at);
