/**
 * The review lifecycle (review-lifecycle.ts) against the `actions` table: a row read as a
 * state, an event tried on it, and the state a transition enters written back. Every change of
 * `review_status` goes through here, so the reducer is the one place a transition is refused.
 */

import type { Db } from '../platform/db.js';
import { ApiError } from '../platform/errors.js';
import { parseJson } from '../platform/format.js';
import type { Refusal, ReviewEvent, ReviewResult, ReviewState } from './review-lifecycle.js';
import { isRefusal, reviewReducer } from './review-lifecycle.js';
import type { ActionRow } from './rows.js';

/** The row's review as the reducer sees it. */
export function reviewState(row: ActionRow): ReviewState {
  const attempt = { attemptId: row.attempt_id, attemptCnt: row.attempt_cnt };
  // Each time is written with its status (saveReviewState); 0 stands in only for a hand-made row.
  switch (row.review_status) {
    case 'init':
      return { reviewStatus: 'init', ...attempt };
    case 'pending':
      return { reviewStatus: 'pending', ...attempt, pendingMs: row.pending_ms ?? 0 };
    case 'queued':
      return { reviewStatus: 'queued', ...attempt, queuedMs: row.queued_ms ?? 0 };
    case 'onHold':
      return { reviewStatus: 'onHold', ...attempt, reviewMs: row.review_ms ?? 0 };
    case 'completed':
      return {
        reviewStatus: 'completed',
        ...attempt,
        reviewMs: row.review_ms ?? 0,
        reviewResult: parseJson<ReviewResult | null>(row.review_result, null) ?? {
          reviewAnswer: 'ERROR',
          rejectLabels: [],
        },
      };
  }
}

/** The state an event leads to, and whether it differs from the row's. */
export interface ReviewMove {
  state: ReviewState;
  changed: boolean;
}

/** What `event` would do to the action's review; nothing is written. */
export function reviewMove(row: ActionRow, event: ReviewEvent): ReviewMove | Refusal {
  const before = reviewState(row);
  const after = reviewReducer(before, event);
  return isRefusal(after) ? after : { state: after, changed: after !== before };
}

/** {@link reviewMove}, with a refusal thrown as the API's 409 1022 and its reason. */
export function assertReviewEvent(row: ActionRow, event: ReviewEvent): ReviewMove {
  const move = reviewMove(row, event);
  if (isRefusal(move)) throw new ApiError('invalidState', move.refused);
  return move;
}

/** {@link assertReviewEvent}, and a change written; call it inside the transaction that read `row`. */
export function applyReviewEvent(db: Db, row: ActionRow, event: ReviewEvent): ReviewMove {
  const move = assertReviewEvent(row, event);
  if (move.changed) saveReviewState(db, row.id, move.state);
  return move;
}

/**
 * What entering each status writes, prepared once per database: statuses change on every
 * submission and every queue round, and better-sqlite3 does not cache statements.
 */
function statements(db: Db) {
  return {
    // A new attempt starts clean: the previous answer stays on its images only.
    init: db.prepare(
      `UPDATE actions SET review_status = 'init', attempt_id = ?, review_result = NULL, checks = '[]', decision = NULL,
       pending_ms = NULL, queued_ms = NULL, review_ms = NULL WHERE id = ?`,
    ),
    pending: db.prepare(
      `UPDATE actions SET review_status = 'pending', pending_ms = ?, attempt_cnt = ? WHERE id = ?`,
    ),
    queued: db.prepare(`UPDATE actions SET review_status = 'queued', queued_ms = ? WHERE id = ?`),
    completed: db.prepare(
      `UPDATE actions SET review_status = 'completed', review_result = ?, review_ms = ? WHERE id = ?`,
    ),
    onHold: db.prepare(`UPDATE actions SET review_status = 'onHold', review_ms = ? WHERE id = ?`),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof statements>>();

/** Writes the status a transition entered, with what entering it sets. */
export function saveReviewState(db: Db, actionId: string, s: ReviewState): void {
  let sql = prepared.get(db);
  if (!sql) prepared.set(db, (sql = statements(db)));
  switch (s.reviewStatus) {
    case 'init':
      sql.init.run(s.attemptId, actionId);
      return;
    case 'pending':
      sql.pending.run(s.pendingMs, s.attemptCnt, actionId);
      return;
    case 'queued':
      sql.queued.run(s.queuedMs, actionId);
      return;
    case 'completed':
      sql.completed.run(JSON.stringify(s.reviewResult), s.reviewMs, actionId);
      return;
    case 'onHold':
      sql.onHold.run(s.reviewMs, actionId);
      return;
  }
}
