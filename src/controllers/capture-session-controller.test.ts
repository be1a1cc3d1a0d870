/**
 * When the capture session warms the detector up: only while the camera is not streaming yet.
 * The detector and the frame reader are fakes that record what the detector was asked to run on;
 * the camera is a fake MediaDevices whose getUserMedia answers when the test says so (the
 * permission prompt stays open until then).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowState } from '../core/flow.js';
import { CaptureSessionController, type CaptureSettings } from './capture-session-controller.js';
import { RunController } from './run-controller.js';

const runs: Array<{ width: number; height: number }> = [];
let detectorAnswers: Array<() => void>;

vi.mock('../internal/face-detector.js', () => ({
  loadDetectorAssets: () => undefined,
}));
vi.mock('../internal/detection-pipeline.js', () => ({
  createFaceDetector: () =>
    new Promise((resolve) =>
      detectorAnswers.push(() =>
        resolve({
          detectForVideo: (image: { width: number; height: number }) => {
            runs.push({ width: image.width, height: image.height });
            return { detections: [] };
          },
          close: () => undefined,
        }),
      ),
    ),
  FrameReader: class {
    blank(frame: { width: number; height: number }) {
      return { width: frame.width / 4, height: frame.height / 4 };
    }
  },
}));

function fakeStream(): MediaStream {
  const track = {
    stop: () => undefined,
    getSettings: () => ({ deviceId: 'cam' }),
    addEventListener: () => undefined,
    label: 'cam',
  };
  return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
}

let cameraAnswers: Array<(stream: MediaStream) => void>;

beforeEach(() => {
  runs.length = 0;
  detectorAnswers = [];
  cameraAnswers = [];
  vi.stubGlobal('window', { isSecureContext: true });
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getUserMedia: () => new Promise<MediaStream>((resolve) => cameraAnswers.push(resolve)),
      enumerateDevices: async () => [],
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

const settings: CaptureSettings = {
  facingMode: 'user',
  manualCaptureDelay: 5000,
  jpegQuality: 0.9,
  maxImageSize: 1280,
};

function session(): { session: CaptureSessionController; events: string[]; runs: RunController } {
  const host = { addController: () => undefined, requestUpdate: () => undefined } as never;
  const runController = new RunController(host);
  const events: string[] = [];
  const controller = new CaptureSessionController(host, {
    runs: runController,
    state: () => ({ status: 'starting' }) as FlowState,
    transition: (event) => {
      events.push(event.type);
      return { prevented: false };
    },
    settings: () => settings,
    video: () => null,
    stageSize: () => ({ width: 0, height: 0 }),
    captured: () => undefined,
  });
  return { session: controller, events, runs: runController };
}

/** Lets every settled promise's callbacks run, and the tasks they queue in turn. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('CaptureSessionController warm-up', () => {
  it('warms the detector up on a blank camera-sized frame while the permission prompt is open', async () => {
    const { session: s, events, runs: r } = session();
    const opening = s.open(r.begin());
    await settle();
    detectorAnswers[0]!(); // the detector is ready; the camera has not answered
    await settle();
    expect(events).toContain('detectorReady');
    expect(runs).toEqual([{ width: 320, height: 180 }]); // the 1280x720 asked for, as read small
    cameraAnswers[0]!(fakeStream());
    expect(await opening).toBe(true);
    expect(runs).toHaveLength(1);
  });

  it('leaves the first setup to the first real frame when the camera streams first', async () => {
    const { session: s, events, runs: r } = session();
    const opening = s.open(r.begin());
    await settle();
    cameraAnswers[0]!(fakeStream());
    expect(await opening).toBe(true);
    detectorAnswers[0]!();
    await settle();
    expect(events).toContain('detectorReady');
    expect(runs).toEqual([]);
  });

  it('sees a camera answer queued while the detector was being built before warming up', async () => {
    const { session: s, events, runs: r } = session();
    const opening = s.open(r.begin());
    await settle();
    // MediaPipe's set-up is one long task: the camera's answer arrives meanwhile and waits in
    // the queue behind it.
    setTimeout(() => cameraAnswers[0]!(fakeStream()), 0);
    detectorAnswers[0]!();
    expect(await opening).toBe(true);
    await settle();
    expect(events).toContain('detectorReady');
    expect(runs).toEqual([]); // no blank warm-up: the first real frame comes next
  });

  it('warms up once on preload(), and not again when a run starts', async () => {
    const { session: s, runs: r } = session();
    const preloading = s.preload();
    await settle();
    detectorAnswers[0]!();
    await preloading;
    expect(runs).toHaveLength(1);
    const opening = s.open(r.begin());
    await settle();
    cameraAnswers[0]!(fakeStream());
    expect(await opening).toBe(true);
    await settle();
    expect(runs).toHaveLength(1);
  });
});
