/** The review queue's jobs as stored, and what a job is about once picked. */

import type { ApplicantRow, AttemptRow } from '../applicants/rows.js';
import type { ActionRow } from '../actions/rows.js';
import type { Db } from '../platform/db.js';

export interface JobRow {
  id: number;
  kind: 'action-review' | 'enrolment';
  subject_id: string;
  state: 'pending' | 'queued' | 'running' | 'done' | 'cancelled';
  tries: number;
  not_before_ms: number;
}

/** A picked job with its subject and applicant; `sandbox` when a sandbox outcome decides it. */
export type Work = ActionReviewWork | EnrolmentWork;

export interface ActionReviewWork {
  kind: 'action-review';
  job: JobRow;
  action: ActionRow;
  applicant: ApplicantRow;
  sandbox: boolean;
}

export interface EnrolmentWork {
  kind: 'enrolment';
  job: JobRow;
  attempt: AttemptRow;
  applicant: ApplicantRow;
  sandbox: boolean;
}

/**
 * The row a result is written to, re-read inside the commit's transaction; undefined when the
 * result must be dropped: the job is no longer running (its applicant was deleted, which
 * cancels it) or the row itself is gone.
 */
export function runningSubject<Row>(
  db: Db,
  job: JobRow,
  table: 'actions' | 'applicants',
  id: string,
): Row | undefined {
  const current = db.prepare('SELECT state FROM jobs WHERE id = ?').get(job.id) as
    { state: string } | undefined;
  if (current?.state !== 'running') return undefined;
  return db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
}

export function finishJob(db: Db, jobId: number, now: number): void {
  db.prepare(`UPDATE jobs SET state = 'done', finished_ms = ? WHERE id = ?`).run(now, jobId);
}
