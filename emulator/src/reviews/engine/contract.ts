/**
 * The seam between the provider emulator (queue, persistence, HTTP) and the review engine
 * (face analysis). The emulator owns *when* a review runs and stores what comes back; the
 * engine owns *how* an image is judged. Neither imports the other's internals.
 */

import type { ReviewAnswer, ReviewRejectType } from '../../contract.js';
import type { RawImage } from './image-decode.js';

/** Thresholds of the applicant API's `validationRequestSettings` that the engine honours (percent, 0..100). */
export interface ReviewThresholds {
  /** Minimum face similarity, in percent, for FACE_MATCH to pass. */
  faceValidationPercent: number;
  /** Minimum image quality score, in percent, for the quality check to pass. */
  qualityScore: number;
}

/*
 * ReviewCheck and DecisionRecord are served as free-form JSON objects (an attempt's `checks`,
 * a review's `decision`): type aliases, not interfaces, because only a type alias converts to
 * the contract's `{ [key: string]: unknown }`.
 */

/** One named check, as stored in an action's `checks` array. */
export type ReviewCheck = {
  /** e.g. `IMAGE_QUALITY`, `SINGLE_FACE`, `FACE_MATCH`. */
  checkType: string;
  answer: ReviewAnswer;
  /** Free-form numbers the check was decided on (scores, counts, thresholds). */
  details: Record<string, number | string | boolean | null>;
};

/**
 * The scores the emulator reads back by name (the attempt's `faceVerificationResult`): one
 * spelling for the engine that writes them and the views that read them. Percentages are 0..100.
 */
export type NamedScores = {
  faceCount?: number | null;
  detectionScore?: number | null;
  /** The image quality score, percent (compared with the `qualityScore` threshold). */
  qualityScore?: number | null;
  /** Similarity to the profile face, percent (compared with `faceValidationPercent`). */
  similarityPercent?: number | null;
  distance?: number | null;
};

/** Everything needed to explain a review afterwards (stored with the action, shown in `/one`). */
export type DecisionRecord = {
  engine: string;
  models: Record<string, string>;
  thresholds: ReviewThresholds & Record<string, number>;
  /** The named scores, and free-form measurements beside them. */
  scores: NamedScores & Record<string, number | null>;
  timingsMs: Record<string, number>;
  decidedAt: string;
};

/** The review's answer, as the Actions API names it. */
export type { ReviewAnswer };

export interface ReviewOutcome {
  reviewAnswer: ReviewAnswer;
  /** Labels in the provider's style, e.g. `NO_FACE`, `MULTIPLE_FACES`, `LOW_QUALITY`, `FACE_MISMATCH`. Empty when GREEN. */
  rejectLabels: string[];
  /** Present when RED: RETRY when the user can simply try again, FINAL otherwise. */
  reviewRejectType?: ReviewRejectType;
  /** Verdict on the image itself (the per-image `answer`). */
  imageAnswer: ReviewAnswer;
  checks: ReviewCheck[];
  decision: DecisionRecord;
  /** Human-readable reason for the integrator (never shown as HTML). */
  moderationComment?: string;
  /**
   * The selfie's face descriptor when exactly one face was judged: liveness compares it with the
   * clip's face, so a selfie cannot be swapped in. Not stored.
   */
  selfieDescriptor?: number[];
}

/** The applicant API's attempt `validationStatus` flags the engine can decide at enrolment. */
export interface EnrolmentOutcome {
  accepted: boolean;
  validationStatus: {
    faceIsValid: boolean | null;
    qualityIsValid: boolean | null;
    antiSpoofingIsValid: boolean | null;
    livenessReflectionIsValid: boolean | null;
  };
  rejectLabels: string[];
  checks: ReviewCheck[];
  decision: DecisionRecord;
  /** Face descriptor of the accepted profile face, stored so later reviews need not recompute it. */
  descriptor?: number[];
  /** Human-readable reason for the integrator (never shown as HTML). */
  moderationComment?: string;
}

export interface FaceReviewer {
  /**
   * How many reviews it can usefully run at once (e.g. its worker pool size). The emulator runs
   * up to this many jobs in parallel; 1 when absent.
   */
  readonly concurrency?: number;
  /** Judges a candidate profile photo (main verification / enrolment). */
  enrol(image: Uint8Array, thresholds: ReviewThresholds): Promise<EnrolmentOutcome>;
  /** Judges a face-authorization selfie against the applicant's profile face. */
  review(input: {
    selfie: Uint8Array;
    /**
     * The selfie's pixels as `decodeImage` (image-decode.ts) gives them for these bytes, when the emulator
     * kept them from the upload's decode: an engine that decodes with it may use them instead of
     * decoding `selfie` again; any other engine ignores them.
     */
    selfiePixels?: RawImage;
    profileImage: Uint8Array;
    profileDescriptor?: number[];
    thresholds: ReviewThresholds;
  }): Promise<ReviewOutcome>;
  close(): Promise<void>;
}
