/**
 * The detection loop outside a browser: a fake detector, frame reader and video, to pin down when
 * the first frame is detected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DetectionController } from './detection-controller.js';

let detected = 0;

vi.mock('../internal/face-detector.js', () => ({
  loadDetectorAssets: () => undefined,
}));
vi.mock('../internal/detection-pipeline.js', () => ({
  createFaceDetector: async () => ({
    detectForVideo: () => {
      detected++;
      return { detections: [] };
    },
    close: () => undefined,
  }),
  FrameReader: class {
    async read(video: { videoWidth: number; videoHeight: number }) {
      const frame = { width: video.videoWidth, height: video.videoHeight };
      return { frame, image: frame, scale: 1, crop: () => null };
    }
  },
}));

/** A video whose frame callbacks fire only when the test calls `nextFrame()`. */
function fakeVideo(readyState: number) {
  const callbacks: Array<() => void> = [];
  return {
    readyState,
    currentTime: 1,
    videoWidth: 640,
    videoHeight: 480,
    requestVideoFrameCallback: (cb: () => void) => callbacks.push(cb),
    cancelVideoFrameCallback: () => undefined,
    nextFrame() {
      this.currentTime += 1;
      callbacks.splice(0).forEach((cb) => cb());
    },
  };
}

const host = { addController: () => undefined, requestUpdate: () => undefined } as never;
/** Lets every settled promise's callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  detected = 0;
  vi.stubGlobal('document', { hidden: false });
});
afterEach(() => vi.unstubAllGlobals());

describe('DetectionController', () => {
  it('detects the frame already on screen when the loop starts, without waiting for the next', async () => {
    const frames: number[] = [];
    const controller = new DetectionController(host, {
      onFrame: (frame) => frames.push(frame.frame.width),
      onVisibility: () => undefined,
    });
    expect(await controller.load(null)).toBe('ready');
    const video = fakeVideo(4);
    controller.run(video as unknown as HTMLVideoElement);
    await settle();
    expect(detected).toBe(1);
    expect(frames).toEqual([640]);
    video.nextFrame(); // the loop goes on with the video's frames
    await settle();
    expect(detected).toBe(2);
  });

  it('waits for a first frame when the video has none yet', async () => {
    const controller = new DetectionController(host, {
      onFrame: () => undefined,
      onVisibility: () => undefined,
    });
    await controller.load(null);
    const video = fakeVideo(0);
    controller.run(video as unknown as HTMLVideoElement);
    await settle();
    expect(detected).toBe(0);
    video.readyState = 4;
    video.nextFrame();
    await settle();
    expect(detected).toBe(1);
  });
});
