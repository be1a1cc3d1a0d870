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
 * Whether a result may still be written, asked inside the commit's transaction: a job that is no
 * longer `running` was cancelled meanwhile (its applicant deleted), and its result is dropped.
 */
export function isJobRunning(db: Db, jobId: number): boolean {
  const current = db.prepare('SELECT state FROM jobs WHERE id = ?').get(jobId) as
    { state: string } | undefined;
  return current?.state === 'running';
}

export function finishJob(db: Db, jobId: number, now: number): void {
  db.prepare(`UPDATE jobs SET state = 'done', finished_ms = ? WHERE id = ?`).run(now, jobId);
}
