/**
 * A separate OS process that claims one red packet through its own SQLite connection, so tests
 * can race real writers against each other (one connection in one process serializes by itself).
 * Usage: node --import tsx red-packet-claim-worker.ts <db file> <phrase> <user id>...
 * Prints `ready`, waits for a line on stdin, then one JSON line per user: {user, micro} or {user, error}.
 */
import { ApiError } from '../api/errors';
import { EventBus } from '../core/event-bus';
import { createEconomy } from '../economy/economy';
import { createLogger } from '../log';
import { RuntimeSettings } from '../settings/runtime-settings';
import { openDatabase } from '../store/connection';
import { SettingsStore } from '../store/settings-store';
import { UsersStore } from '../store/users-store';

const [file, phrase, ...userIds] = process.argv.slice(2);
if (!file || !phrase) throw new Error('usage: red-packet-claim-worker <db file> <phrase> <user id>...');
const db = openDatabase({ file });
const settings = new RuntimeSettings(new SettingsStore(db));
const economy = createEconomy({ db, users: new UsersStore(db), settings, events: new EventBus(), log: createLogger('silent'), leaderboardZone: 'UTC' });
// Handshake: say "ready" once everything is loaded, claim only after the parent sends a line,
// so the processes' claims really overlap instead of being spread out by start-up time.
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
for (const id of userIds) {
  const user = Number(id);
  try {
    const r = economy.redPackets.claim(user, phrase);
    process.stdout.write(JSON.stringify({ user, micro: r.amountMicro }) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ user, error: e instanceof ApiError ? e.code : String(e) }) + '\n');
  }
}
db.close();
process.stdin.destroy();
