/**
 * What one liveness attempt uploads, recorded as the widget records it: Debian's Chromium with its
 * fake camera playing the synthetic 3D head (turning, lit by a challenge's colours; 640x480, 30
 * fps), `MediaRecorder` with the widget's type and bitrate (src/core/recording.ts) for each of the
 * two clips, and the selfie as the widget encodes it (the frame drawn on a canvas, JPEG at its
 * default quality). Lengths: the reflection clip lasts the colour schedule plus the tail the
 * widget records over the first turn prompt; the turns clip lasts every turn's timeout, the most
 * the widget records (a person who turns at once makes it shorter).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { LivenessChallenge } from '../../emulator/src/liveness/challenge.js';
import {
  buildHeadMesh,
  DEFAULT_MOTION,
  renderHeadFrames,
  toY4m,
} from '../../emulator/testing/liveness/clips.js';
import { loadFaceTexture } from '../../emulator/testing/liveness/photos.js';
import { launchOptions } from '../../scripts/chromium.mjs';
import { DEFAULT_TURN_GUIDE } from '../../src/core/liveness.js';
import { RECORDER_BITS_PER_SECOND, RECORDER_MIME_TYPES } from '../../src/core/recording.js';
import { benchContext } from './browser.js';
import { startStaticServer } from './static-server.js';

export interface RecordedClip {
  ms: number;
  bytes: number;
  /** Frames in the clip (ffprobe): a loaded machine starves the fake camera and the encoder. */
  frames: number;
}

export interface RecordedUpload {
  mimeType: string;
  reflection: RecordedClip;
  turns: RecordedClip;
  selfie: { width: number; height: number; bytes: number };
}

const CAMERA = { width: 640, height: 480, fps: 30 };
/** The widget's default `jpeg-quality`. */
const JPEG_QUALITY = 0.92;

/** Records the two clips and the selfie in Chromium for `challenge`. */
export async function recordUpload(challenge: LivenessChallenge): Promise<RecordedUpload> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-liveness-'));
  try {
    // The head's clip at the camera's size; Chromium's fake camera plays it in a loop.
    const frames = renderHeadFrames(buildHeadMesh(await loadFaceTexture('obama-1.jpg')), {
      challenge,
      motion: { ...DEFAULT_MOTION, turns: challenge.turns },
      durationMs: 6400,
      fps: CAMERA.fps,
    });
    const small = path.join(dir, 'head-480.y4m');
    const camera = path.join(dir, 'head.y4m');
    writeFileSync(small, toY4m(frames, CAMERA.fps));
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-i', small],
      ...['-vf', `scale=${CAMERA.width}:${CAMERA.height}`, '-pix_fmt', 'yuv420p', camera],
    ]);
    const browser = await chromium.launch(
      launchOptions(undefined, [`--use-file-for-fake-video-capture=${camera}`]),
    );
    const server = await startStaticServer(dir, {
      encoding: 'none',
      pages: { '/record.html': '<!doctype html><title>record</title>' },
    });
    try {
      const page = await (await benchContext(browser)).newPage();
      await page.goto(`${server.origin}/record.html`);
      const reflectionMs =
        challenge.colours.length * challenge.segmentMs + DEFAULT_TURN_GUIDE.tailMs;
      const turnsMs = challenge.turns.length * DEFAULT_TURN_GUIDE.turnTimeoutMs;
      const recorded = await page.evaluate(
        async ({ mimeTypes, bitsPerSecond, camera, clips, quality }) => {
          const mimeType = mimeTypes.find((t) => MediaRecorder.isTypeSupported(t));
          if (!mimeType) throw new Error('this Chromium records none of the widget types');
          const stream = await navigator.mediaDevices.getUserMedia({
            video: { width: camera.width, height: camera.height },
          });
          const record = async (ms: number) => {
            const recorder = new MediaRecorder(stream, {
              mimeType,
              videoBitsPerSecond: bitsPerSecond,
            });
            const chunks: Blob[] = [];
            recorder.addEventListener('dataavailable', (e) => chunks.push(e.data));
            const stopped = new Promise((r) => recorder.addEventListener('stop', r));
            recorder.start();
            await new Promise((r) => setTimeout(r, ms));
            recorder.stop();
            await stopped;
            const blob = new Blob(chunks);
            const dataUrl = await new Promise<string>((resolve) => {
              const reader = new FileReader();
              reader.onload = () => resolve(reader.result as string);
              reader.readAsDataURL(blob);
            });
            return { ms, bytes: blob.size, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
          };
          const reflection = await record(clips.reflectionMs);
          const turns = await record(clips.turnsMs);
          const video = document.createElement('video');
          video.muted = true;
          video.srcObject = stream;
          await video.play();
          const canvas = document.createElement('canvas');
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          canvas.getContext('2d')!.drawImage(video, 0, 0);
          const jpeg = await new Promise<Blob | null>((r) =>
            canvas.toBlob(r, 'image/jpeg', quality),
          );
          stream.getTracks().forEach((t) => t.stop());
          return {
            mimeType,
            reflection,
            turns,
            selfie: { width: canvas.width, height: canvas.height, bytes: jpeg?.size ?? 0 },
          };
        },
        {
          mimeTypes: [...RECORDER_MIME_TYPES],
          bitsPerSecond: RECORDER_BITS_PER_SECOND,
          camera: CAMERA,
          clips: { reflectionMs, turnsMs },
          quality: JPEG_QUALITY,
        },
      );
      const clip = ({ ms, bytes, base64 }: { ms: number; bytes: number; base64: string }) => {
        const file = path.join(dir, 'clip.webm');
        writeFileSync(file, Buffer.from(base64, 'base64'));
        return { ms, bytes, frames: countFrames(file) };
      };
      return { ...recorded, reflection: clip(recorded.reflection), turns: clip(recorded.turns) };
    } finally {
      await server.close();
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countFrames(file: string): number {
  const out = execFileSync('ffprobe', [
    ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file],
  ]);
  return Number(out.toString().trim());
}
