import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './connection';

let db: Db;
let dir: string;
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(): Db {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-m30-'));
  db = openDatabase({ file: path.join(dir, 'm.sqlite3') });
  db.prepare("INSERT INTO users (id, email, password_hash, display_name, role, balance_micro, created_at, updated_at) VALUES (1, 'a@x', 'h', 'a', 'member', 0, 0, 0), (2, 'b@x', 'h', 'b', 'member', 0, 0, 0)").run();
  return db;
}

describe('migration 0030_economy', () => {
  it('keeps one price per pattern and scope, global scope included', () => {
    open();
    const ins = db.prepare('INSERT INTO prices (channel_id, model_pattern, input_micro, output_micro, cache_micro, created_at, updated_at) VALUES (NULL, ?, 1, 1, 1, 0, 0)');
    ins.run('gpt-5*');
    expect(() => ins.run('gpt-5*')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO prices (channel_id, model_pattern, input_micro, output_micro, cache_micro, created_at, updated_at) VALUES (NULL, 'x', -1, 1, 1, 0, 0)").run()).toThrow(/CHECK/);
  });

  it('refuses self-transfers and non-positive amounts', () => {
    open();
    const ins = db.prepare('INSERT INTO transfers (created_at, from_user_id, to_user_id, amount_micro) VALUES (0, ?, ?, ?)');
    expect(() => ins.run(1, 1, 5)).toThrow(/CHECK/);
    expect(() => ins.run(1, 2, 0)).toThrow(/CHECK/);
    ins.run(1, 2, 5);
  });

  it('makes phrases unique among live packets only and allows one claim per member', () => {
    open();
    const pkt = db.prepare("INSERT INTO red_packets (creator_id, phrase, mode, total_micro, total_parts, status, created_at) VALUES (1, 'hi', 'even', 10, 2, ?, 0)");
    const live = Number(pkt.run('live').lastInsertRowid);
    expect(() => pkt.run('live')).toThrow(/UNIQUE/);
    pkt.run('expired');
    const part = db.prepare('INSERT INTO red_packet_parts (packet_id, position, amount_micro) VALUES (?, ?, 5)');
    part.run(live, 0);
    part.run(live, 1);
    const claim = db.prepare('UPDATE red_packet_parts SET claimed_by = 2, claimed_at = 0 WHERE packet_id = ? AND position = ?');
    claim.run(live, 0);
    expect(() => claim.run(live, 1)).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE red_packets SET claimed_micro = 11 WHERE id = ?').run(live)).toThrow(/CHECK/);
  });
});
