-- Per-channel first-token timeout (issue 4): a slow reasoning channel may get longer than the
-- runtime default `routing_first_token_timeout_seconds`. NULL: use the default.
ALTER TABLE channels ADD COLUMN first_token_timeout_ms INTEGER CHECK (first_token_timeout_ms IS NULL OR first_token_timeout_ms > 0);
