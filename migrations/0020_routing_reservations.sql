-- In-flight reservations (issue 4). A reservation holds the member's points, the key's spend
-- and every quota window's amount for one upstream attempt; settling or releasing deletes it.
-- Rows are the holds' paper trail: after a crash, start-up releases whatever is left.
CREATE TABLE reservations (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  api_key_id INTEGER REFERENCES api_keys(id),
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  model TEXT NOT NULL,
  amount_micro INTEGER NOT NULL CHECK (amount_micro >= 0),
  input_tokens INTEGER NOT NULL,
  max_output_tokens INTEGER NOT NULL,
  tokenizer_note TEXT NOT NULL
) STRICT;
CREATE INDEX reservations_request ON reservations(request_id);

-- Which window periods a reservation added to. Windows are addressed by position because an
-- edit rewrites a channel's window rows; the period start guards against releasing into a
-- period (or a reshaped window) the hold never touched.
CREATE TABLE reservation_windows (
  reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  period_start INTEGER NOT NULL,
  PRIMARY KEY (reservation_id, position)
) STRICT, WITHOUT ROWID;
