/**
 * Decodes a liveness clip (WebM/VP8 or VP9 from the browser's MediaRecorder; Y4M in tests) into
 * RGB frames sampled about every {@link DecodeLimits.sampleIntervalMs} of *presentation time*,
 * with Debian's `ffmpeg` (on PATH).
 *
 * MediaRecorder writes WebM without a duration and with variable frame timing, so the sampling
 * works on each frame's pts, never on an assumed frame rate (`-r` would duplicate or drop frames
 * by a rate the file does not have): ffmpeg's `select` keeps a frame when at least the interval
 * has passed since the last kept frame, by pts, and `showinfo` reports every frame's pts_time (all
 * frames, for the clip's real length, and the kept ones, for their times). Without its per-plane
 * checksums, which nothing reads: on every frame of a 30 fps clip they were a third of ffmpeg's CPU.
 *
 * Bounded: a clip over the byte, pixel, duration or frame limits is refused, and ffmpeg is killed
 * when it runs past the time limit. ffmpeg runs with one thread: a verification costs one core.
 */
import { spawn } from 'node:child_process';

export interface DecodeLimits {
  /** Largest clip accepted, in bytes. Default 16 MiB (a 10 s 720p MediaRecorder clip is ~2-5 MiB). */
  maxBytes: number;
  /** Largest frame accepted, in pixels. Default 1920 x 1080. */
  maxPixels: number;
  /** Longest clip accepted, by pts. Default 15 s. */
  maxDurationMs: number;
  /** Most frames handed to analysis. Default 90. */
  maxFrames: number;
  /** Frames are kept at least this far apart in presentation time. Default 200 ms (~5 fps). */
  sampleIntervalMs: number;
  /** Frames wider than this are downscaled (keeping aspect). Default 640. */
  maxWidth: number;
  /** ffmpeg is killed after this long. Default 20 s. */
  timeoutMs: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxPixels: 1920 * 1080,
  maxDurationMs: 15_000,
  maxFrames: 90,
  sampleIntervalMs: 200,
  maxWidth: 640,
  timeoutMs: 20_000,
};

export interface ClipFrame {
  /** Presentation time from the clip's first frame, ms. */
  tMs: number;
  /** Row-major RGB, 3 bytes per pixel. */
  data: Uint8Array;
}

export interface DecodedClip {
  width: number;
  height: number;
  /** The kept frames, in presentation order. */
  frames: ClipFrame[];
  /** Every frame of the clip, small and grey; null if the decoder's second output was short. */
  fullRate: FullRateFrames | null;
  /**
   * Every frame of the clip, small and in colour (RGB, 3 bytes a pixel; same size and times as
   * `fullRate`): the reflection's samples at the camera's rate; null if that output was short.
   */
  fullRateColour: FullRateFrames | null;
  /** Frames in the clip (all of them, not only the kept ones). */
  totalFrames: number;
  /** From the first frame's pts to the last frame's pts plus one median frame interval. */
  durationMs: number;
  /** ffmpeg's wall-clock time. */
  decodeMs: number;
  /** ffmpeg's CPU time (user + system, from its -benchmark report). */
  decodeCpuMs: number;
}

/** Width of the full-rate grey frames, px (a face ~80 px wide in the kept frames is ~25 here). */
export const FULL_RATE_WIDTH = 160;

/**
 * Every frame of a clip as a small grey picture: what moved between two kept frames 200 ms apart,
 * frame by frame (a head turning takes several frames, a cut one). ~19 kB a frame at 160 x 120.
 */
export interface FullRateFrames {
  width: number;
  height: number;
  /** These frames' pixels per kept frame pixel. */
  scale: number;
  frames: { tMs: number; data: Uint8Array }[];
}

export type ClipProblem = 'too-large' | 'too-long' | 'unreadable' | 'timeout';

export class ClipDecodeError extends Error {
  override name = 'ClipDecodeError';
  constructor(
    readonly problem: ClipProblem,
    message: string,
  ) {
    super(message);
  }
}

const SHOWINFO =
  /\[showinfo@(all|picked) @ [^\]]+\] n:\s*\d+\s+pts:\s*-?\d+\s+pts_time:\s*(-?[\d.]+(?:e[-+]?\d+)?)\s.*?\ss:(\d+)x(\d+)/;

/** Decodes `bytes`, or throws {@link ClipDecodeError}. */
export async function decodeClip(
  bytes: Uint8Array,
  limits: Partial<DecodeLimits> = {},
  outputs: { colour?: boolean } = {},
): Promise<DecodedClip> {
  const withColour = outputs.colour !== false;
  const lim = { ...DEFAULT_DECODE_LIMITS, ...limits };
  if (bytes.length > lim.maxBytes) {
    throw new ClipDecodeError('too-large', `clip is ${bytes.length} bytes (limit ${lim.maxBytes})`);
  }
  if (bytes.length === 0) throw new ClipDecodeError('unreadable', 'clip is empty');
  const started = performance.now();
  const interval = (lim.sampleIntervalMs / 1000) * 0.95; // tolerate pts rounding
  // Reading stops a little past the limit: a longer clip shows a frame beyond it and is refused.
  const readSeconds = (lim.maxDurationMs + 1000) / 1000;
  // Three outputs of one decode: the kept frames in RGB (pipe 1); every frame as a small grey
  // picture (pipe 3), for the full-rate look at a sudden pose change (see `FullRateFrames`); and
  // every frame as a small RGB picture (pipe 4), whose face and background colours are the
  // reflection's samples at the camera's rate: 6 times the 5 fps frames' (colour-samples.ts).
  const filter = [
    `[0:v]showinfo@all=checksum=0,split=${withColour ? '3[keep][every][tint]' : '2[keep][every]'}`,
    `[keep]select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${interval.toFixed(3)})',` +
      `scale=w='min(${lim.maxWidth}\\,iw)':h=-2,showinfo@picked=checksum=0[rgb]`,
    `[every]extractplanes=y,scale=w=${FULL_RATE_WIDTH}:h=-2:flags=bilinear[grey]`,
    // Area averaging: each small pixel is the mean of the ones it covers, as a region mean wants.
    // A clip not judged for its colours (the turns clip) has no use for it.
    ...(withColour ? [`[tint]scale=w=${FULL_RATE_WIDTH}:h=-2:flags=area,format=rgb24[small]`] : []),
  ];
  const args = [
    '-hide_banner',
    '-nostdin',
    '-benchmark',
    '-loglevel',
    'info',
    '-threads',
    '1',
    '-t',
    String(readSeconds),
    '-i',
    'pipe:0',
    '-an',
    '-filter_threads',
    '1',
    '-filter_complex_threads',
    '1',
    '-filter_complex',
    filter.join(';'),
    ...[
      '-map',
      '[rgb]',
      '-fps_mode',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    ...[
      '-map',
      '[grey]',
      '-fps_mode',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      'pipe:3',
    ],
    ...(withColour
      ? [
          ...['-map', '[small]', '-fps_mode', 'passthrough'],
          ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:4'],
        ]
      : []),
  ];

  const { stdout, extra, colour, stderr, code, timedOut, overflow } = await run(
    'ffmpeg',
    args,
    bytes,
    lim.timeoutMs,
    // Raw output bound: the frame limit at the largest frame size we can output, plus slack.
    (lim.maxFrames + 2) * lim.maxWidth * Math.ceil(lim.maxPixels / lim.maxWidth) * 3,
  );
  if (timedOut) throw new ClipDecodeError('timeout', `decoding took over ${lim.timeoutMs} ms`);

  const all: number[] = [];
  const picked: number[] = [];
  let width = 0;
  let height = 0;
  let inputPixels = 0;
  for (const line of stderr.split('\n')) {
    const m = SHOWINFO.exec(line);
    if (!m) continue;
    const t = Number(m[2]) * 1000;
    if (m[1] === 'all') {
      all.push(t);
      inputPixels = Math.max(inputPixels, Number(m[3]) * Number(m[4]));
    } else {
      picked.push(t);
      width = Number(m[3]);
      height = Number(m[4]);
    }
  }
  if (inputPixels > lim.maxPixels) {
    throw new ClipDecodeError(
      'too-large',
      `frames of ${inputPixels} pixels (limit ${lim.maxPixels})`,
    );
  }
  if (code !== 0 || all.length === 0 || picked.length === 0 || width === 0) {
    const reason = stderr
      .split('\n')
      .filter((l) => /error|invalid/i.test(l))
      .slice(-2)
      .join('; ');
    throw new ClipDecodeError('unreadable', `clip cannot be decoded${reason ? `: ${reason}` : ''}`);
  }

  const bench = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  const decodeCpuMs = bench ? Math.round((Number(bench[1]) + Number(bench[2])) * 1000) : 0;
  const first = Math.min(...all);
  const last = Math.max(...all);
  const durationMs = last - first + medianStep(all);
  if (last - first > lim.maxDurationMs || overflow) {
    throw new ClipDecodeError('too-long', `clip is longer than ${lim.maxDurationMs} ms`);
  }
  if (picked.length > lim.maxFrames) {
    throw new ClipDecodeError('too-long', `clip has over ${lim.maxFrames} frames to analyse`);
  }
  const frameBytes = width * height * 3;
  if (stdout.length !== frameBytes * picked.length) {
    throw new ClipDecodeError(
      'unreadable',
      `decoder output ${stdout.length} bytes for ${picked.length} frames of ${width}x${height}`,
    );
  }
  const frames = picked.map((t, i) => ({
    tMs: Math.round((t - first) * 10) / 10,
    data: new Uint8Array(stdout.buffer, stdout.byteOffset + i * frameBytes, frameBytes),
  }));
  const small = (bytes: Buffer, channels: number): FullRateFrames | null => {
    const frameBytes = bytes.length / all.length;
    const rows = frameBytes / (FULL_RATE_WIDTH * channels);
    if (!Number.isInteger(rows) || rows === 0) return null;
    return {
      width: FULL_RATE_WIDTH,
      height: rows,
      scale: FULL_RATE_WIDTH / width,
      frames: all.map((t, i) => ({
        tMs: Math.round((t - first) * 10) / 10,
        data: new Uint8Array(bytes.buffer, bytes.byteOffset + i * frameBytes, frameBytes),
      })),
    };
  };
  const fullRate = small(extra, 1);
  const fullRateColour = withColour ? small(colour, 3) : null;
  return {
    width,
    height,
    frames,
    fullRate,
    fullRateColour,
    totalFrames: all.length,
    durationMs: Math.round(durationMs),
    decodeMs: Math.round(performance.now() - started),
    decodeCpuMs,
  };
}

function medianStep(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const steps = sorted.slice(1).map((t, i) => t - (sorted[i] as number));
  if (!steps.length) return 0;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] as number;
}

interface RunResult {
  stdout: Buffer;
  /** What the command wrote to its file descriptors 3 and 4. */
  extra: Buffer;
  colour: Buffer;
  stderr: string;
  code: number | null;
  timedOut: boolean;
  overflow: boolean;
}

/** Runs a command with `input` on stdin; stops it on timeout or when stdout exceeds `maxOut`. */
function run(
  command: string,
  args: string[],
  input: Uint8Array,
  timeoutMs: number,
  maxOut: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'] });
    let timedOut = false;
    let overflow = false;
    /** A stream's chunks, up to `maxOut` bytes: past that the process is stopped. */
    const bounded = (stream: NodeJS.ReadableStream): Buffer[] => {
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > maxOut) {
          overflow = true;
          child.kill('SIGKILL');
          return;
        }
        chunks.push(chunk);
      });
      return chunks;
    };
    const out = bounded(child.stdout);
    const extra = bounded(child.stdio[3] as NodeJS.ReadableStream);
    const colour = bounded(child.stdio[4] as NodeJS.ReadableStream);
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // ffmpeg may stop reading early (the -t limit): a closed stdin is not an error.
    child.stdin.on('error', () => {});
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out),
        extra: Buffer.concat(extra),
        colour: Buffer.concat(colour),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        timedOut,
        overflow,
      });
    });
    child.stdin.end(input);
  });
}
