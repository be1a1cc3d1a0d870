/** What the frame analyser reports about each analysed frame of a clip: the input of the verdict. */
import type { Box } from '../reviews/engine/grey-crop.js';
import type { FullRateFrames } from './decode.js';
import type { Point } from './homography.js';
import type { ColourSample, Rgb } from './reflection.js';

export interface FaceInFrame {
  /** Face box in the decoded frame's pixels. */
  box: Box;
  /** Detector confidence, 0..1. */
  score: number;
  /** face-api's 68 landmarks, in the frame's pixels. */
  landmarks: Point[];
}

export interface FrameMeasurement {
  /** Presentation time from the clip's first frame, ms. */
  tMs: number;
  /** The face was followed from the previous frame's detection, not detected anew. */
  tracked?: true;
  /** Significant faces (background faces dropped, as the review engine does), largest first. */
  faces: FaceInFrame[];
  /** 128-d descriptor of the largest face, on every `descriptorStride`-th frame; null otherwise. */
  descriptor: number[] | null;
  /** Mean RGB of the face's skin (cheeks and nose, between the eye corners and the mouth). */
  faceRgb: Rgb | null;
  /** Mean RGB of the background beside and above the head. */
  backgroundRgb: Rgb | null;
  /**
   * The face's grey crop, aligned on the eye corners (16 x 16, zero mean, unit variance), for the
   * frame-to-frame appearance check.
   */
  appearance: number[] | null;
}

export interface ClipMeasurements {
  width: number;
  height: number;
  /** From the first frame's pts to the last frame's end, ms. */
  durationMs: number;
  frames: FrameMeasurement[];
  /**
   * Every frame of the clip, small and grey (the decoder's, not the analyser's): to tell a head
   * turning quickly from a cut (see full-rate.ts). Absent, every still-jump-still step is a cut.
   */
  fullRate?: FullRateFrames | null;
  /**
   * The skin's and background's colour on every frame of the clip (colour-samples.ts): the
   * reflection's samples. Absent, the analysed frames' colours are.
   */
  colourSamples?: ColourSample[] | null;
}
