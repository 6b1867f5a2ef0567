-- Passive health (issue 4): one row per gateway attempt or manual test; pruned after 7 days.
CREATE TABLE health_events (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('available', 'empty', 'degraded', 'down')),
  http_status INTEGER,
  ttft_ms INTEGER,
  total_ms INTEGER,
  source TEXT NOT NULL DEFAULT 'gateway' CHECK (source IN ('gateway', 'test')),
  error TEXT
) STRICT;
CREATE INDEX health_events_channel_time ON health_events(channel_id, at);
CREATE INDEX health_events_time ON health_events(at);
