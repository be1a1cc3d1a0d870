import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statement-cache.js';

function memoryDb() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  cacheStatements(db);
  return db;
}

describe('cacheStatements', () => {
  it('hands back the statement compiled before for the same text', () => {
    const db = memoryDb();
    const a = db.prepare('SELECT * FROM t WHERE id = ?');
    expect(db.prepare('SELECT * FROM t WHERE id = ?')).toBe(a);
    expect(db.prepare('SELECT v FROM t WHERE id = ?')).not.toBe(a);
    db.prepare('INSERT INTO t (v) VALUES (?)').run('x');
    expect(db.prepare('SELECT * FROM t WHERE id = ?').get(1)).toEqual({ id: 1, v: 'x' });
  });

  it('gives a fresh statement while the cached one is still iterating', () => {
    const db = memoryDb();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (const v of ['a', 'b', 'c']) insert.run(v);
    const seen: string[] = [];
    const sql = 'SELECT v FROM t ORDER BY id';
    for (const row of db.prepare(sql).iterate() as IterableIterator<{ v: string }>) {
      // The same text inside the loop: without the busy check this throws "statement is busy".
      seen.push(`${row.v}${(db.prepare(sql).all() as unknown[]).length}`);
    }
    expect(seen).toEqual(['a3', 'b3', 'c3']);
  });

  it('refuses to change the mode of a shared statement', () => {
    const db = memoryDb();
    const statement = db.prepare('SELECT v FROM t');
    expect(() => statement.pluck()).toThrow(/shared \(cached\) statement/);
    expect(() => statement.raw()).toThrow(/shared/);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([]);
  });

  it('still sees a table changed after the statement was cached', () => {
    const db = memoryDb();
    expect(db.prepare('SELECT * FROM t').all()).toEqual([]);
    db.exec('ALTER TABLE t ADD COLUMN w INTEGER DEFAULT 7');
    db.prepare('INSERT INTO t (v) VALUES (?)').run('x');
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, v: 'x', w: 7 }]);
  });
});
