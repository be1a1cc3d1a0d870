import type Database from 'better-sqlite3';

/** Statements kept per connection; the emulator's code has about 120 distinct ones. */
const MAX_CACHED = 500;

/**
 * Makes `db.prepare(sql)` return the statement it compiled for the same text before.
 * better-sqlite3 compiles on every call, and the emulator prepares inline at each use: a
 * profile of the HTTP bench (8 clients polling, reviews committing) had 6 % of the main thread
 * in `prepare` alone. A cached statement is shared by every caller of that text, so:
 * - one that is busy (an `iterate()` still open) is not handed out again: the caller gets a
 *   fresh, uncached one, as without the cache;
 * - its mode is fixed: `pluck`, `raw`, `expand` and `safeIntegers` throw on a cached statement,
 *   since a mode set by one caller would change what every other caller reads.
 * SQLite re-prepares a statement itself when the schema changes under it (migrations).
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) return cached;
    if (cached) return prepare(sql);
    const statement = prepare(sql);
    fixMode(statement);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(sql, statement);
    return statement;
  }) as typeof db.prepare;
}

function fixMode(statement: Database.Statement): void {
  for (const method of ['pluck', 'raw', 'expand', 'safeIntegers'] as const) {
    Object.defineProperty(statement, method, {
      value: () => {
        throw new Error(
          `${method}() on a shared (cached) statement would change it for every caller; ` +
            'prepare a statement of your own for that mode',
        );
      },
    });
  }
}
