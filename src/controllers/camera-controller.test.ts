/**
 * The camera controller outside a browser: a fake MediaDevices whose getUserMedia answers
 * when the test says so, to pin down what overlapping starts do.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CameraController, CameraError } from './camera-controller.js';

interface FakeTrack {
  readyState: 'live' | 'ended';
  stop(): void;
  getSettings(): { deviceId: string };
  addEventListener(): void;
  label: string;
}

function fakeStream(deviceId: string): MediaStream {
  const track: FakeTrack = {
    readyState: 'live',
    label: deviceId,
    stop() {
      this.readyState = 'ended';
    },
    getSettings: () => ({ deviceId }),
    addEventListener: () => undefined,
  };
  return {
    getTracks: () => [track],
    getVideoTracks: () => [track],
  } as unknown as MediaStream;
}

const host = { addController: () => undefined, requestUpdate: () => undefined } as never;
let answers: Array<(stream: MediaStream) => void>;

beforeEach(() => {
  answers = [];
  vi.stubGlobal('window', { isSecureContext: true });
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getUserMedia: () => new Promise<MediaStream>((resolve) => answers.push(resolve)),
      enumerateDevices: async () => [],
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('CameraController', () => {
  it('hands an overtaken start the newer stream instead of a "camera unplugged" error', async () => {
    const camera = new CameraController(host, () => undefined);
    const first = camera.start({ facingMode: 'user', deviceId: 'a' });
    const second = camera.start({ facingMode: 'user', deviceId: 'b' });
    const streamA = fakeStream('a');
    const streamB = fakeStream('b');
    answers[0]!(streamA); // the first camera answers late, after the switch
    answers[1]!(streamB);
    expect(await first).toBe(streamB);
    expect(await second).toBe(streamB);
    expect(streamA.getTracks()[0]!.readyState).toBe('ended');
    expect(camera.stream).toBe(streamB);
  });

  it('rejects a start that stop() overtook, and leaves no live track', async () => {
    const camera = new CameraController(host, () => undefined);
    const started = camera.start({ facingMode: 'user' });
    camera.stop();
    const stream = fakeStream('a');
    answers[0]!(stream);
    await expect(started).rejects.toBeInstanceOf(CameraError);
    expect(stream.getTracks()[0]!.readyState).toBe('ended');
    expect(camera.stream).toBeNull();
  });
});
