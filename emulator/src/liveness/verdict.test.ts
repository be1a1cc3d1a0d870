/**
 * The verdict from per-frame measurements, without models: frames are made from the generic 3D
 * head (turned, projected) or a flat copy of it (a photo), lit by the schedule's colours.
 */
import { describe, expect, it } from 'vitest';
import {
  GENERIC_FACE_3D,
  rotate,
  TEST_COLOURS,
  type Point3,
} from '../../testing/liveness/generic-face.js';
import { hexToRgb, type LivenessChallenge, type TurnDirection } from './challenge.js';
import type { Point } from './homography.js';
import { LIVENESS_REJECT_LABELS as L } from './labels.js';
import type { ClipMeasurements, FrameMeasurement } from './measurements.js';
import type { Rgb } from './reflection.js';
import { judgeLiveness, unreadableClip } from './verdict.js';

const challenge: LivenessChallenge = {
  challengeId: 'test-challenge',
  expiresAt: '2026-01-01T12:02:00.000Z',
  colours: [...TEST_COLOURS],
  segmentMs: 500,
  turns: ['left', 'up'],
};
const receivedAt = new Date('2026-01-01T12:01:00.000Z');
const me = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 10);
const someoneElse = me.map((v, i) => v + (i % 2 ? 0.09 : -0.09));

interface Script {
  turns?: readonly TurnDirection[];
  amplitude?: number;
  flat?: boolean;
  delayMs?: number;
  colours?: readonly string[];
  durationMs?: number;
  descriptor?: (tMs: number) => number[];
  faces?: (tMs: number) => number;
}

/** Yaw/pitch of a turn script: frontal, then each turn out and back over 1.6 s. */
function poseAt(t: number, turns: readonly TurnDirection[], amplitude: number) {
  for (const [k, turn] of turns.entries()) {
    const u = (t - 900 - k * 2100) / 1600;
    if (u < 0 || u > 1) continue;
    const e = Math.sin(Math.PI * u);
    if (turn === 'up') return { yaw: 0, pitch: e * amplitude * 0.7 };
    return { yaw: (turn === 'left' ? 1 : -1) * e * amplitude, pitch: 0 };
  }
  return { yaw: 0, pitch: 0 };
}

function clip(script: Script = {}): ClipMeasurements {
  const turns = script.turns ?? challenge.turns;
  const durationMs = script.durationMs ?? 6400;
  const frames: FrameMeasurement[] = [];
  for (let t = 0; t < durationMs; t += 200) {
    const { yaw, pitch } = poseAt(t, turns, script.amplitude ?? 35);
    // A photo: the flat face, sheared/squashed to fake the same nose offset (no parallax).
    const points: Point[] = script.flat
      ? GENERIC_FACE_3D.map(([x, y]) => [
          320 + 200 * (x + 0.9 * Math.sin((yaw * Math.PI) / 180) * y),
          200 + 200 * y * (1 - Math.sin((pitch * Math.PI) / 180)),
        ])
      : GENERIC_FACE_3D.map((p) => {
          const [x, y, z] = rotate(p as Point3, yaw, pitch);
          const f = 6 / (6 - z);
          return [320 + 200 * x * f, 200 + 200 * y * f];
        });
    const k = Math.floor((t - (script.delayMs ?? 150)) / challenge.segmentMs);
    const colours = script.colours ?? challenge.colours;
    const screen = k >= 0 && k < colours.length ? hexToRgb(colours[k] as string) : [255, 255, 255];
    const tint = (base: number[], s: number) =>
      base.map((v, c) => v * (1 - s) + (screen[c] as number) * s) as unknown as Rgb;
    const faces = script.faces?.(t) ?? 1;
    const face = { box: { x: 150, y: 80, width: 340, height: 340 }, score: 0.9, landmarks: points };
    frames.push({
      tMs: t,
      faces: Array.from({ length: faces }, () => face),
      descriptor: faces && (t / 200) % 3 === 0 ? (script.descriptor?.(t) ?? me) : null,
      faceRgb: faces ? tint([170, 120, 95], 0.15) : null,
      backgroundRgb: faces ? tint([120, 120, 115], 0.015) : null,
      appearance: null,
    });
  }
  return { width: 640, height: 480, durationMs, frames };
}

const judge = (
  measurements: ClipMeasurements,
  extra: Partial<Parameters<typeof judgeLiveness>[0]> = {},
) =>
  judgeLiveness({
    measurements,
    challenge,
    receivedAt,
    profileDescriptor: me,
    selfieDescriptor: me,
    decidedAt: receivedAt,
    ...extra,
  });

describe('judgeLiveness', () => {
  it('passes a 3D head that makes the turns in order under the right colours', () => {
    const o = judge(clip());
    expect(o.rejectLabels).toEqual([]);
    expect(o).toMatchObject({
      reviewAnswer: 'GREEN',
      antiSpoofingIsValid: true,
      livenessReflectionIsValid: true,
    });
    expect(o.antiSpoofingPercent).toBeGreaterThanOrEqual(70);
    expect(o.livenessReflectionScore).toBeGreaterThan(90);
    expect(o.livenessReflectionConfidence).toBeGreaterThanOrEqual(99);
    expect(o.decision.turns.made.map((t) => t.direction)).toEqual(['left', 'up']);
    expect(o.decision.yawTrack).toHaveLength(32);
    expect(o.reviewRejectType).toBeUndefined();
  });

  it('reports what a flat picture faking the turns lacks: depth', () => {
    const o = judge(clip({ flat: true }));
    expect(o.rejectLabels).toContain(L.noDepth);
    expect(o.antiSpoofingIsValid).toBe(false);
    expect(o.checks[0]).toMatchObject({ checkType: 'LIVENESS', answer: 'RED' });
    expect(o.checks[1]).toMatchObject({ checkType: 'LIVENESS_REFLECTION', answer: 'GREEN' });
  });

  it('says a turn is missing when it is too small, and scores it below the threshold', () => {
    const o = judge(clip({ amplitude: 12 }));
    expect(o.rejectLabels).toContain(L.turnMissing);
    expect(o.antiSpoofingPercent).toBeLessThan(70);
    expect(o.reviewRejectType).toBe('RETRY');
  });

  it('says the order is wrong', () => {
    expect(judge(clip({ turns: ['up', 'left'] })).rejectLabels).toEqual([L.turnOrder]);
  });

  it('follows the thresholds passed in: a lower antiSpoofingPercent accepts a smaller turn', () => {
    const small = clip({ amplitude: 17 });
    expect(judge(small).antiSpoofingIsValid).toBe(false);
    const lenient = judge(small, { thresholds: { antiSpoofingPercent: 50 } });
    expect(lenient.antiSpoofingIsValid).toBe(true);
  });

  it('tells late colours from other colours', () => {
    expect(judge(clip({ delayMs: 800, durationMs: 7000 })).rejectLabels).toEqual([
      L.reflectionLate,
    ]);
    const other = [...challenge.colours].reverse();
    expect(judge(clip({ colours: other })).rejectLabels).toEqual([L.reflectionMismatch]);
  });

  it('refuses a clip shorter than the schedule, and one received after expiry', () => {
    expect(judge(clip({ durationMs: 4800 })).rejectLabels).toContain(L.clipTooShort);
    const late = judge(clip(), { receivedAt: new Date('2026-01-01T12:02:00.001Z') });
    expect(late.rejectLabels).toEqual([L.challengeExpired]);
  });

  it('wants exactly one face throughout', () => {
    expect(judge(clip({ faces: (t) => (t === 3000 ? 2 : 1) })).rejectLabels).toContain(
      L.multipleFaces,
    );
    expect(judge(clip({ faces: (t) => (t >= 5000 ? 0 : 1) })).rejectLabels).toContain(L.noFace);
  });

  it('matches the profile and the selfie; a clear mismatch is FINAL', () => {
    const other = judge(clip(), { profileDescriptor: someoneElse });
    expect(other.rejectLabels).toEqual([L.faceMismatch]);
    expect(other.reviewRejectType).toBe('FINAL');
    const swapped = judge(clip(), { selfieDescriptor: someoneElse });
    expect(swapped.rejectLabels).toEqual([L.selfieMismatch]);
    expect(swapped.reviewRejectType).toBe('FINAL');
  });

  it('sees a change of person during the clip', () => {
    const o = judge(clip({ descriptor: (t) => (t > 3000 ? someoneElse : me) }));
    expect(o.rejectLabels).toContain(L.discontinuity);
  });

  it('answers ERROR for a clip it could not read', () => {
    const o = unreadableClip('clip cannot be decoded', challenge);
    expect(o).toMatchObject({ reviewAnswer: 'ERROR', rejectLabels: [L.unreadableClip] });
  });
});
