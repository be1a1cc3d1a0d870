import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClipDecodeError, decodeClip } from './decode.js';

/**
 * A WebM written to a pipe, as MediaRecorder writes it: no duration, no cues. Its frames are
 * irregular: 15 fps for the first 2 s, then 30 fps for 2 s, so a decoder that assumed a rate
 * would put the frames at the wrong times.
 */
function variableRateWebm(): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-frames:v', '90'],
      ...['-vf', "setpts='if(lt(N\\,30)\\,N*2\\,60+(N-30))/30/TB'", '-fps_mode', 'passthrough'],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k'],
      ...['-f', 'webm', 'pipe:1'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

function y4m(seconds: number, size = '160x120'): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      ...[
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        `testsrc=size=${size}:rate=10`,
        '-t',
        String(seconds),
      ],
      ...['-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', 'pipe:1'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
}

const problem = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'decoded';
  } catch (error) {
    expect(error).toBeInstanceOf(ClipDecodeError);
    return (error as ClipDecodeError).problem;
  }
};

describe('decodeClip', () => {
  let webm: Buffer;
  beforeAll(() => {
    webm = variableRateWebm();
  });

  it('samples a MediaRecorder-style WebM (no duration, variable rate) by pts, ~5 fps', async () => {
    const clip = await decodeClip(webm);
    expect(clip.width).toBe(320);
    expect(clip.height).toBe(240);
    expect(clip.totalFrames).toBe(90);
    // 30 frames at 66.7 ms then 60 at 33.3 ms: 4 s in all.
    expect(clip.durationMs).toBeGreaterThanOrEqual(3960);
    expect(clip.durationMs).toBeLessThanOrEqual(4040);
    const times = clip.frames.map((f) => f.tMs);
    expect(times[0]).toBe(0);
    expect(times.length).toBeGreaterThanOrEqual(18);
    expect(times.length).toBeLessThanOrEqual(21);
    for (let i = 1; i < times.length; i++) {
      const step = (times[i] as number) - (times[i - 1] as number);
      expect(step).toBeGreaterThanOrEqual(190);
      expect(step).toBeLessThanOrEqual(270);
    }
    for (const frame of clip.frames) expect(frame.data.length).toBe(320 * 240 * 3);
    expect(clip.decodeCpuMs).toBeGreaterThan(0);
  });

  it('decodes Y4M and downscales wide frames', async () => {
    const clip = await decodeClip(y4m(2, '1280x720'), { maxBytes: 64 * 1024 * 1024 });
    expect(clip.width).toBe(640);
    expect(clip.height).toBe(360);
    expect(clip.frames.map((f) => f.tMs)).toEqual([
      0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800,
    ]);
    expect(clip.durationMs).toBe(2000);
  });

  it('gives every frame small, in grey and in colour, at the same times', async () => {
    // 1 s of red then 1 s of blue at 10 fps: the colour pass must see the change at 1 s.
    const clip = await decodeClip(
      execFileSync(
        'ffmpeg',
        [
          ...['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:size=320x240:rate=10:d=1'],
          ...['-f', 'lavfi', '-i', 'color=c=blue:size=320x240:rate=10:d=1'],
          ...['-filter_complex', '[0][1]concat=n=2:v=1', '-pix_fmt', 'yuv420p'],
          ...['-f', 'yuv4mpegpipe', 'pipe:1'],
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      ),
    );
    const grey = clip.fullRate!;
    const colour = clip.fullRateColour!;
    expect(colour.frames).toHaveLength(20);
    expect(colour.frames.map((f) => f.tMs)).toEqual(grey.frames.map((f) => f.tMs));
    expect([colour.width, colour.height, colour.scale]).toEqual([160, 120, 0.5]);
    const centre = (f: { data: Uint8Array }) => {
      const i = (60 * 160 + 80) * 3;
      return [f.data[i], f.data[i + 1], f.data[i + 2]] as number[];
    };
    const [r, , b] = centre(colour.frames[9]!);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
    const [r2, , b2] = centre(colour.frames[10]!);
    expect(r2).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    // A clip not judged for its colours is decoded without them.
    const plain = await decodeClip(webm, {}, { colour: false });
    expect(plain.fullRateColour).toBeNull();
    expect(plain.fullRate!.frames).toHaveLength(90);
  });

  it('refuses clips over the limits, and what is not a clip', async () => {
    expect(await problem(decodeClip(webm, { maxBytes: 1000 }))).toBe('too-large');
    expect(await problem(decodeClip(webm, { maxPixels: 160 * 120 }))).toBe('too-large');
    expect(await problem(decodeClip(webm, { maxDurationMs: 3000 }))).toBe('too-long');
    expect(await problem(decodeClip(webm, { maxFrames: 10 }))).toBe('too-long');
    expect(await problem(decodeClip(Buffer.from('not a video at all')))).toBe('unreadable');
    expect(await problem(decodeClip(webm.subarray(0, 200)))).toBe('unreadable');
    expect(await problem(decodeClip(new Uint8Array(0)))).toBe('unreadable');
  });
});
