import type { Size } from './geometry.js';

/** Scales a frame down (never up) so its longer side is at most `maxSide` pixels. */
export function fitWithin(frame: Size, maxSide: number): Size {
  const longer = Math.max(frame.width, frame.height);
  if (!(maxSide > 0) || longer <= maxSide) return { width: frame.width, height: frame.height };
  const k = maxSide / longer;
  return { width: Math.round(frame.width * k), height: Math.round(frame.height * k) };
}

/**
 * JPEG qualities to try, highest first, when the image must fit `maxBytes`: start at the asked
 * quality and step down, but not below 0.5 — past that a face photo is no longer useful.
 */
export function qualitySteps(quality: number, maxBytes: number | null | undefined): number[] {
  const q = Math.min(1, Math.max(0.5, quality));
  if (!maxBytes) return [q];
  const steps = [q];
  for (let s = q - 0.1; s >= 0.5 - 1e-9; s -= 0.1) steps.push(Math.round(s * 100) / 100);
  return steps;
}
