import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cacheStatements } from './statement-cache.js';

export type Db = Database.Database;

/**
 * One SQLite file holds everything, images included, so a single transaction can make an
 * upload, a review result and its webhook rows durable together. WAL + synchronous=NORMAL: a
 * commit that returned is in the WAL, which the OS keeps when the process dies (SIGKILL, a
 * crash: main.test.ts kills it between upload and webhook); a power cut or an OS crash may lose
 * the last commits but leaves a consistent database. FULL also fsyncs at every commit: 9 ms
 * here against 2 ms, on the main thread, 5-8 commits per review (46 ms of a review's main
 * thread time in a profile of the HTTP bench), which an emulator on a developer's machine does
 * not need. secure_delete: deleted rows (faces)
 * are overwritten with zeros rather than left in free pages; {@link eraseDeleted} then gets the
 * zeros into the file and the old bytes out of the WAL.
 */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'provider.sqlite'));
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // SQLite's LOWER, LIKE and NOCASE fold ASCII only: "Иван" would never match "иван". ulower is
  // JavaScript's full Unicode lower-casing (locale-independent, so deterministic).
  db.function('ulower', { deterministic: true }, (s: unknown) =>
    s === null || s === undefined ? null : String(s).toLowerCase(),
  );
  migrate(db);
  db.pragma('foreign_keys = ON');
  cacheStatements(db);
  return db;
}

export const migrations: string[] = [
  `
  CREATE TABLE blobs (
    id TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    created_ms INTEGER NOT NULL
  );
  CREATE TABLE applicants (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    first_name TEXT, last_name TEXT, phone TEXT, email TEXT, reference_id TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    callback_url TEXT,
    send_sms INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 0,
    verification_method INTEGER NOT NULL DEFAULT 1,
    opened_link_times INTEGER NOT NULL DEFAULT 0,
    request_id TEXT NOT NULL UNIQUE,
    short_code TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL,
    attempts_limit INTEGER NOT NULL,
    profile_blob_id TEXT REFERENCES blobs(id),
    profile_descriptor TEXT,
    success_attempt_id INTEGER,
    notifications INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX applicants_reference ON applicants(reference_id);
  CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    created_ms INTEGER NOT NULL,
    decided_ms INTEGER,
    status INTEGER NOT NULL,
    validation_status TEXT,
    blob_id TEXT NOT NULL REFERENCES blobs(id),
    video_blob_id TEXT REFERENCES blobs(id),
    reject_labels TEXT NOT NULL DEFAULT '[]',
    checks TEXT NOT NULL DEFAULT '[]',
    decision TEXT,
    error TEXT,
    capture_method TEXT NOT NULL,
    request_ip TEXT,
    user_agent TEXT
  );
  CREATE INDEX attempts_applicant ON attempts(applicant_id);
  CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    external_action_id TEXT NOT NULL UNIQUE,
    level_name TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    email TEXT, phone TEXT,
    questionnaires TEXT,
    review_id TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    attempt_cnt INTEGER NOT NULL DEFAULT 0,
    review_status TEXT NOT NULL,
    review_result TEXT,
    checks TEXT NOT NULL DEFAULT '[]',
    decision TEXT,
    moderation_comment TEXT,
    pending_ms INTEGER, queued_ms INTEGER, review_ms INTEGER
  );
  CREATE INDEX actions_applicant ON actions(applicant_id, created_ms);
  CREATE TABLE action_images (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    blob_id TEXT NOT NULL REFERENCES blobs(id),
    preview_blob_id TEXT NOT NULL REFERENCES blobs(id),
    added_ms INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    id_doc_type TEXT NOT NULL,
    id_doc_sub_type TEXT,
    country TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    answer TEXT,
    review_result TEXT
  );
  CREATE INDEX action_images_action ON action_images(action_id, seq);
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    state TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    not_before_ms INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    started_ms INTEGER,
    finished_ms INTEGER,
    last_error TEXT
  );
  CREATE INDEX jobs_state ON jobs(state, id);
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    delivered_ms INTEGER,
    dead INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox(delivered_ms, dead, next_attempt_ms);
  CREATE TABLE access_tokens (
    token TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    level_name TEXT NOT NULL,
    external_action_id TEXT NOT NULL,
    expires_ms INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
  );
  CREATE TABLE websdk_links (
    code TEXT PRIMARY KEY,
    token TEXT NOT NULL REFERENCES access_tokens(token),
    locale TEXT,
    expires_ms INTEGER NOT NULL
  );
  CREATE TABLE sandbox_outcomes (
    applicant_id TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (applicant_id, target)
  );
  `,
  // Before callbackUrl was checked anything was stored; the enrolment page navigates to it, so
  // a stored non-http(s) URL (javascript:, data:) is dropped rather than kept.
  `
  UPDATE applicants SET callback_url = NULL
  WHERE callback_url IS NOT NULL
    AND lower(callback_url) NOT LIKE 'http://%' AND lower(callback_url) NOT LIKE 'https://%';
  `,
  // Liveness (src/liveness/store.ts): challenges bound to an action and the token that asked,
  // their clips (blobs, deleted with the clip row, so with the applicant), the failures the
  // lockout counts, and sandbox-seeded next challenges. Idempotent (IF NOT EXISTS): safe to re-run.
  `
  CREATE TABLE IF NOT EXISTS liveness_challenges (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    caller_hash TEXT NOT NULL,
    challenge TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER,
    action_attempt_id TEXT,
    result TEXT
  );
  CREATE INDEX IF NOT EXISTS liveness_challenges_action ON liveness_challenges(action_id, created_ms);
  CREATE TABLE IF NOT EXISTS liveness_clips (
    challenge_id TEXT NOT NULL REFERENCES liveness_challenges(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    blob_id TEXT NOT NULL REFERENCES blobs(id),
    added_ms INTEGER NOT NULL,
    PRIMARY KEY (challenge_id, kind)
  );
  CREATE TRIGGER IF NOT EXISTS liveness_clips_drop_blob AFTER DELETE ON liveness_clips
  BEGIN DELETE FROM blobs WHERE id = OLD.blob_id; END;
  CREATE TABLE IF NOT EXISTS liveness_failures (
    applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    at_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS liveness_failures_applicant ON liveness_failures(applicant_id, at_ms);
  CREATE TABLE IF NOT EXISTS liveness_seeds (
    action_id TEXT PRIMARY KEY REFERENCES actions(id) ON DELETE CASCADE,
    challenge TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  );
  `,
  // The webhook secret was copied into every outbox row; a delivery is now signed when it is
  // sent, with the secret configured for its URL, so the copies go (zeroed: secure_delete).
  `
  ALTER TABLE outbox DROP COLUMN secret;
  `,
  // Faces past the retention window are erased: the row stays (hash, type, size), the bytes go.
  `
  ALTER TABLE blobs ADD COLUMN purged_ms INTEGER;
  `,
  // Enrolment attempts run liveness too: a challenge is bound to an action or to an applicant's
  // next enrolment attempt (action_id NULL), and the attempt that consumed it is kept. SQLite
  // cannot drop a NOT NULL, so the table is rebuilt (its documented steps; foreign keys are off
  // while migrations run, so the clips that reference it stay).
  `
  CREATE TABLE liveness_challenges_new (
    id TEXT PRIMARY KEY,
    action_id TEXT REFERENCES actions(id) ON DELETE CASCADE,
    applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    caller_hash TEXT NOT NULL,
    challenge TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER,
    action_attempt_id TEXT,
    enrolment_attempt_id INTEGER REFERENCES attempts(id) ON DELETE CASCADE,
    result TEXT
  );
  INSERT INTO liveness_challenges_new
    (id, action_id, applicant_id, caller_hash, challenge, created_ms, expires_ms, used_ms, action_attempt_id, result)
    SELECT id, action_id, applicant_id, caller_hash, challenge, created_ms, expires_ms, used_ms, action_attempt_id, result
    FROM liveness_challenges;
  DROP TABLE liveness_challenges;
  ALTER TABLE liveness_challenges_new RENAME TO liveness_challenges;
  CREATE INDEX liveness_challenges_action ON liveness_challenges(action_id, created_ms);
  CREATE INDEX liveness_challenges_enrolment ON liveness_challenges(applicant_id, created_ms)
    WHERE action_id IS NULL;
  CREATE INDEX liveness_challenges_attempt ON liveness_challenges(enrolment_attempt_id);
  CREATE TABLE liveness_enrolment_seeds (
    applicant_id TEXT PRIMARY KEY REFERENCES applicants(id) ON DELETE CASCADE,
    challenge TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  );
  `,
];

/**
 * After a delete of personal data (faces): copies the WAL into the database file, where
 * secure_delete has zeroed the deleted rows, and truncates the WAL, whose older frames still
 * hold them. A reader in another connection can keep the WAL from being truncated; then the
 * bytes go at a later checkpoint, and this says so.
 */
export function eraseDeleted(db: Db): void {
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (r && r.busy) {
    console.warn('[provider] the WAL is in use: deleted data leaves it at a later checkpoint');
  }
}

/**
 * Runs with foreign keys off (the caller turns them on after): rebuilding a table, SQLite's way
 * to change a column, drops it, and with foreign keys on that would cascade into the tables that
 * reference it. Each migration is checked before it commits.
 */
function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`Migration ${v + 1} broke ${broken.length} foreign keys`);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  // What a migration dropped (secrets) leaves the WAL as well.
  if (version < migrations.length) eraseDeleted(db);
}
