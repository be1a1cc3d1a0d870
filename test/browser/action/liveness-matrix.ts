import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import { loadTexture, type Subject } from '../support/virtual-camera.js';
import { runLiveness, type LivenessRun } from '../support/liveness-run.js';
import type { FaceTexture } from '../../../emulator/testing/liveness/clips.js';
import { MATRIX_CHALLENGE } from '../../support/liveness-rig.mjs';
import {
  enrol,
  faults,
  failOnUnhandledRejections,
  mount,
  provider,
  proxyLog,
  randomId,
  seedLiveness,
  skipWithoutFaces,
} from './support.js';

/**
 * The liveness attack matrix in the browser, shared by the liveness-*.test.ts files (two runs each,
 * to stay well inside one file's time limit): each test is a whole run of `<face-auth>` (default
 * `liveness="full"`) against the real emulator (the shipped level requires liveness; real review
 * engine and liveness verifier), GREEN/RED read from the widget's result event and the
 * provider's action. The profile is obama-2; the subject is obama-1: the synthetic 3D head or a
 * print of the photo, in front of the reactive virtual camera (support/virtual-camera.ts), or
 * the still photo of Chromium's own fake camera (the default clip).
 *
 * The challenge is the Node matrix's fixed one (`MATRIX_CHALLENGE`, test/support/liveness-rig.mjs),
 * seeded through the sandbox control before each run. The run itself is runLiveness
 * (support/liveness-run.ts), which `npm run bench -- liveness` times too.
 */

export interface ActionView {
  review: {
    decision?: { liveness?: { decision?: Record<string, unknown> } };
    reviewStatus: string;
    reviewResult?: { reviewAnswer: string; rejectLabels?: string[]; reviewRejectType?: string };
  };
  checks?: { checkType: string; answer: string }[];
  liveness: {
    antiSpoofingIsValid: boolean | null;
    antiSpoofingPercent: number | null;
    livenessReflectionIsValid: boolean | null;
    livenessReflectionScore: number | null;
    clips: string[];
  } | null;
}

export interface Run {
  answer: string;
  labels: string[];
  action: ActionView;
  /** From the widget's `captured` status to its result event, ms. */
  goodFrameToResultMs: number;
  /** Bytes the widget sent: the selfie and the clips. */
  uploadedBytes: number;
  camera: LivenessRun['camera'];
}

/** Bytes of the selfie and clip uploads (multipart bodies) the proxy saw since its log was cleared. */
async function uploadedBytes(): Promise<number> {
  return (await proxyLog())
    .filter((e) => e.method === 'POST' && /\/(images|videos)$/.test(e.path))
    .reduce((sum, e) => sum + (e.bytes ?? 0), 0);
}

/**
 * Inside a `describe`: `run(name, subject)` makes one whole widget run against the emulator with a
 * fresh applicant (the liveness lockout counts failures per applicant) and the matrix's challenge
 * seeded; `subject` null keeps Chromium's own fake camera. Each file prints its rows of the
 * outcome table at the end.
 */
export function livenessMatrix(): {
  run: (name: string, subject: Subject | null) => Promise<Run>;
  texture: (photo: string) => Promise<FaceTexture>;
} {
  let proxy: string;
  const outcomes: string[] = [];

  before(async function () {
    await skipWithoutFaces.call(this);
    proxy = (await provider()).proxy;
  });
  after(() => {
    if (outcomes.length)
      console.log(
        `liveness matrix (browser):\n| subject | answer | labels | antiSpoofing % | reflection score | good frame to result ms | bytes uploaded |\n${outcomes.join('\n')}`,
      );
  });
  failOnUnhandledRejections();

  async function texture(photo: string): Promise<FaceTexture> {
    const t = await loadTexture(photo);
    if (!t) throw new Error('test/.clips/heads is missing: run "npx tsx scripts/make-clips.ts"');
    return t;
  }
  async function run(name: string, subject: Subject | null): Promise<Run> {
    const t0 = performance.now();
    const who = await enrol({ photo: 'obama-2.jpg' });
    console.log(`${name}: enrolled in ${Math.round(performance.now() - t0)} ms`);
    expect(who.status, `obama-2 enrolled: ${JSON.stringify(who)}`).to.equal(1);
    await seedLiveness(MATRIX_CHALLENGE);
    await faults([]);
    let el: FaceAuthElement | undefined;
    try {
      const externalActionId = randomId();
      el = await mount({
        apiBaseUrl: `${location.origin}${proxy}`,
        tokenUrl: `${proxy}/__token?userId=${who.userId}&externalActionId=${externalActionId}`,
      });
      const started = Math.round(performance.now() - t0);
      const { detail, times, camera } = await runLiveness(el, subject, {
        onStatus: (status, ms) =>
          console.log(`${name}: ${status} at ${started + Math.round(ms)} ms`),
      });
      const goodFrameToResultMs = Math.round(times.result - (times.captured ?? Number.NaN));
      const action = await executeServerCommand<ActionView, { actionId: string }>('action', {
        actionId: detail.actionId,
      });
      const labels = detail.reviewResult.rejectLabels;
      const bytes = await uploadedBytes();
      const l = action.liveness;
      outcomes.push(
        `| ${name} | ${detail.answer} | ${labels.join(', ') || '-'} | ${l?.antiSpoofingPercent ?? '-'} | ${l?.livenessReflectionScore ?? '-'} | ${goodFrameToResultMs} | ${bytes} |`,
      );
      return {
        answer: detail.answer ?? 'null',
        labels,
        action,
        goodFrameToResultMs,
        uploadedBytes: bytes,
        camera,
      };
    } finally {
      el?.remove();
    }
  }

  return { run, texture };
}

/** A RED run, as the widget and the provider both report it, with the liveness phase recorded. */
export function expectRed(r: Run, label: string): void {
  expect(r.answer, JSON.stringify(r.labels)).to.equal('RED');
  expect(r.action.review.reviewResult?.reviewAnswer).to.equal('RED');
  expect(r.labels).to.include(label);
  expect(r.action.liveness?.clips).to.have.members(['reflection', 'turns']);
}
