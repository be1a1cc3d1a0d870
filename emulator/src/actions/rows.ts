/** The Actions API's rows as stored: an action with its review, and the images added to it. */

import type { ActionImage, ReviewStatus } from '../contract.js';

export interface ActionRow {
  id: string;
  applicant_id: string;
  external_action_id: string;
  level_name: string;
  created_ms: number;
  email: string | null;
  phone: string | null;
  questionnaires: string | null;
  review_id: string;
  attempt_id: string;
  attempt_cnt: number;
  review_status: ReviewStatus;
  review_result: string | null;
  checks: string;
  decision: string | null;
  moderation_comment: string | null;
  pending_ms: number | null;
  queued_ms: number | null;
  review_ms: number | null;
}

export interface ActionImageRow {
  id: string;
  action_id: string;
  seq: number;
  blob_id: string;
  preview_blob_id: string;
  added_ms: number;
  file_name: string;
  id_doc_type: string;
  id_doc_sub_type: string | null;
  country: string;
  attempt_id: string;
  answer: ActionImage['answer'];
  review_result: string | null;
}
