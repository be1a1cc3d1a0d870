/**
 * The reflection's samples at the camera's own rate. The analysed frames (~5 a second) carry the
 * face's landmarks; every frame of the clip, small and in colour, carries the screen's light. Each
 * small frame borrows the landmarks of the analysed frame nearest in time (the person holds still
 * while the colours play) and gives the skin's and the background's mean colour: about 30 samples
 * a second instead of 5, so a 500 ms colour segment is the mean of ~15 frames, not of 2-3. With
 * 8 segments that is what keeps a weak reflection (a bright room) readable (schedule-length.ts).
 * Pure.
 */
import type { FullRateFrames } from './decode.js';
import type { FrameMeasurement } from './measurements.js';
import { backgroundRgb, skinRgb } from './pixels.js';
import type { ColourSample } from './reflection.js';

/** A small frame borrows landmarks at most this far away in time, ms (one analysed frame's spacing). */
const MAX_DISTANCE_MS = 250;

/** Skin and background colour of every small colour frame, from the nearest analysed face. */
export function colourSamples(
  colour: FullRateFrames,
  analysed: readonly FrameMeasurement[],
): ColourSample[] {
  const withFace = analysed.filter((f) => f.faces.length === 1);
  const s = colour.scale;
  let k = 0;
  return colour.frames.map(({ tMs, data }) => {
    // Both lists are in time order: walk to the analysed frame nearest `tMs`.
    while (
      k + 1 < withFace.length &&
      Math.abs((withFace[k + 1] as FrameMeasurement).tMs - tMs) <=
        Math.abs((withFace[k] as FrameMeasurement).tMs - tMs)
    ) {
      k++;
    }
    const near = withFace[k];
    if (!near || Math.abs(near.tMs - tMs) > MAX_DISTANCE_MS) {
      return { tMs, face: null, background: null };
    }
    const face = near.faces[0]!;
    const frame = { data, width: colour.width, height: colour.height };
    const landmarks = face.landmarks.map(([x, y]) => [x * s, y * s] as [number, number]);
    const box = {
      x: face.box.x * s,
      y: face.box.y * s,
      width: face.box.width * s,
      height: face.box.height * s,
    };
    return { tMs, face: skinRgb(frame, landmarks, 1), background: backgroundRgb(frame, box, 1) };
  });
}
