/**
 * WebM encoding of rendered frames with Debian's ffmpeg: Node only, kept apart from clips.ts so
 * the scene itself (pure) also runs in a browser page (the browser liveness tests' virtual camera).
 */
import { execFileSync } from 'node:child_process';
import type { RgbImage } from './raster.js';
import { encodeY4m } from './raster.js';

/** WebM/VP8 bytes written to a pipe, as MediaRecorder writes them: no duration, no cues. */
export function toWebm(frames: readonly RgbImage[], fps: number, bitrate = '1500k'): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-f', 'yuv4mpegpipe', '-i', 'pipe:0'],
      ...[
        '-c:v',
        'libvpx',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-b:v',
        bitrate,
        '-threads',
        '1',
      ],
      ...['-f', 'webm', 'pipe:1'],
    ],
    { input: encodeY4m(frames, fps), maxBuffer: 256 * 1024 * 1024 },
  );
}
