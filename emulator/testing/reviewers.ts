/**
 * Test doubles of the FaceReviewer, for in-process tests and for child-process tests (loaded
 * with `--reviewer <this file>#<export>`). Not product code: they never look at a face.
 */
import { writeFileSync } from 'node:fs';
import type {
  EnrolmentOutcome,
  FaceReviewer,
  ReviewOutcome,
} from '../src/reviews/engine/contract.js';

/** A decision record that says it came from a test double. */
const testDecision = () => ({
  engine: 'test-double',
  models: {},
  thresholds: { faceValidationPercent: 70, qualityScore: 30 },
  scores: {},
  timingsMs: {},
  decidedAt: new Date().toISOString(),
});

/** An accepted enrolment, as the engine would report a good profile photo. */
export const acceptedEnrolment = (): EnrolmentOutcome => ({
  accepted: true,
  validationStatus: {
    faceIsValid: true,
    qualityIsValid: true,
    antiSpoofingIsValid: null,
    livenessReflectionIsValid: null,
  },
  rejectLabels: [],
  checks: [],
  decision: testDecision(),
});

/** A GREEN review with no checks. */
export const greenOutcome = (): ReviewOutcome => ({
  reviewAnswer: 'GREEN',
  rejectLabels: [],
  imageAnswer: 'GREEN',
  checks: [],
  decision: testDecision(),
});

/** Never answers a review; touches $REVIEWER_MARKER when a review starts, so a test knows it is in flight. */
export function createHangingReviewer(): FaceReviewer {
  return {
    enrol: async () => acceptedEnrolment(),
    review: () => {
      if (process.env.REVIEWER_MARKER)
        writeFileSync(process.env.REVIEWER_MARKER, String(process.pid));
      return new Promise<ReviewOutcome>(() => undefined);
    },
    close: async () => undefined,
  };
}

/** Always GREEN. */
export function createGreenReviewer(): FaceReviewer {
  return {
    enrol: async () => acceptedEnrolment(),
    review: async () => ({
      reviewAnswer: 'GREEN',
      rejectLabels: [],
      imageAnswer: 'GREEN',
      checks: [{ checkType: 'FACE_MATCH', answer: 'GREEN', details: { testDouble: true } }],
      decision: testDecision(),
    }),
    close: async () => undefined,
  };
}

/**
 * GREEN after `ms` per review, `concurrency` at once: a reviewer whose capacity is known
 * (concurrency / ms), for admission-control tests.
 */
export function createSlowReviewer(ms: number, concurrency = 1): FaceReviewer {
  const wait = () => new Promise((r) => setTimeout(r, ms));
  return {
    concurrency,
    enrol: async () => {
      await wait();
      return acceptedEnrolment();
    },
    review: async () => {
      await wait();
      return greenOutcome();
    },
    close: async () => undefined,
  };
}
