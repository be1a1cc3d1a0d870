/** The applicant API's rows as stored (applicants, attempts) and the status codes they hold. */

/** The applicant API's applicant statuses. 4 is not documented and never produced. */
export const statusNames: Record<number, string> = {
  0: 'Pending',
  1: 'Success',
  2: 'Failed',
  3: 'Canceled',
  5: 'FailedAttempt',
};

/** Attempt statuses: 0 success, 1 being verified (emulator addition), 2 failed. */
export const AttemptStatus = { success: 0, inProgress: 1, failed: 2 } as const;

export interface ApplicantRow {
  id: string;
  seq: number;
  account_id: string;
  created_ms: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  email: string | null;
  reference_id: string | null;
  metadata: string;
  callback_url: string | null;
  send_sms: number;
  status: number;
  verification_method: number;
  opened_link_times: number;
  request_id: string;
  short_code: string;
  settings: string;
  attempts_limit: number;
  profile_blob_id: string | null;
  profile_descriptor: string | null;
  success_attempt_id: number | null;
  notifications: number;
}

export interface AttemptRow {
  id: number;
  applicant_id: string;
  created_ms: number;
  decided_ms: number | null;
  status: number;
  validation_status: string | null;
  blob_id: string;
  video_blob_id: string | null;
  reject_labels: string;
  checks: string;
  decision: string | null;
  error: string | null;
  capture_method: string;
  request_ip: string | null;
  user_agent: string | null;
}

/**
 * The applicant's `completed` flag (and what `Completed` answers 200 to): a verification has a
 * result. True for 5 FailedAttempt too, because the applicant API's own list example shows
 * `"status": 5, "statusName": "FailedAttempt", "completed": true` — the only place the documents
 * show status 5 at all. It does not mean closed: see `isClosed`.
 */
export function isCompleted(status: number): boolean {
  return status === 1 || status === 2 || status === 3 || status === 5;
}

/**
 * No further attempt is taken: approved (1), out of attempts (2) or canceled (3). A
 * FailedAttempt (5) still has attempts left (the emulator's reading of the name; the documents
 * say no more).
 */
export function isClosed(status: number): boolean {
  return status === 1 || status === 2 || status === 3;
}

export function externalUserId(row: Pick<ApplicantRow, 'id' | 'reference_id'>): string {
  return row.reference_id ?? row.id;
}
