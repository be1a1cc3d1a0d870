/**
 * Liveness on the server and what an attempt uploads. Uses ../shared/faces (and Chromium for the
 * upload); skips with a message when the photos are absent.
 *
 * 1. CPU per verification (ffmpeg's decode plus face-api and the verdict, one thread, warm models)
 *    on the synthetic 3D head's pass clip as MediaRecorder would write it (WebM VP8, 30 fps,
 *    6.4 s), p50/p95, and where it goes (decode, face-api, verdict).
 * 2. Bytes one attempt uploads: the two clips recorded by Chromium's MediaRecorder at the widget's
 *    type and bitrate and the selfie JPEG, with multipart framing (bench/support/recorded-upload.ts).
 * 3. The attack matrix as a table of outcomes (bench/support/liveness-matrix.ts).
 *
 * Not here: the time from the good frame to the result in the widget (it needs the browser pass
 * path, a camera that turns and shows the colours, run against the emulator).
 */
import { passClip, verificationCosts } from '../emulator/testing/liveness/cpu.js';
import { RECORDER_BITS_PER_SECOND } from '../src/core/recording.js';
import { encodeMultipart } from '../src/server/index.js';
import { livenessMatrix } from './support/liveness-matrix.js';
import { facesOrSkip } from './support/paths.js';
import { percentiles } from './support/percentiles.js';
import { recordUpload, type RecordedClip } from './support/recorded-upload.js';

const RUNS = 15;
/** Issue 11's targets. */
const CPU_TARGET_MS = 1500;
const UPLOAD_TARGET_BYTES = 600 * 1000;

/** Bytes of one multipart upload request's body (metadata + content), as the widget sends it. */
const requestBytes = (metadata: object, bytes: number, fileName: string, mimeType: string) =>
  encodeMultipart({
    metadata: JSON.stringify(metadata),
    content: { content: new Uint8Array(bytes), fileName, mimeType },
  }).body.length;

export async function run(): Promise<void> {
  if (!facesOrSkip('liveness')) return;
  const { clip, challenge, frames } = await passClip();

  const rows = await verificationCosts(clip, challenge, RUNS);
  const p = (values: number[]) => percentiles(values);
  const cpu = p(rows.map((r) => r.total));
  console.log(
    `liveness: CPU per verification p50 ${cpu.p50} ms, p95 ${cpu.p95} ms of one core ` +
      `(target p95 ≤ ${CPU_TARGET_MS} ms; n=${cpu.n}; ${frames} frames, 30 fps WebM, ` +
      `${(clip.length / 1024).toFixed(0)} KiB; wall p50 ${p(rows.map((r) => r.wall)).p50} ms)`,
  );
  console.log(
    `  of which ffmpeg decode p50 ${p(rows.map((r) => r.decodeCpu)).p50} ms, ` +
      `face-api + verdict p50 ${p(rows.map((r) => r.analyseCpu)).p50} ms ` +
      `(p95 ${p(rows.map((r) => r.decodeCpu)).p95} / ${p(rows.map((r) => r.analyseCpu)).p95} ms)`,
  );

  const upload = await recordUpload(challenge);
  const clipRequest = (kind: string, bytes: number) =>
    requestBytes({ challengeId: challenge.challengeId, kind }, bytes, `${kind}.webm`, 'video/webm');
  const parts = {
    reflection: clipRequest('reflection', upload.reflection.bytes),
    turns: clipRequest('turns', upload.turns.bytes),
    selfie: requestBytes(
      { idDocType: 'SELFIE', country: 'USA' },
      upload.selfie.bytes,
      'selfie.jpg',
      'image/jpeg',
    ),
  };
  const total = parts.reflection + parts.turns + parts.selfie;
  const clipText = (name: string, c: RecordedClip, request: number) =>
    `the ${name} clip ${request} (${c.ms} ms, ${c.frames} frames, ${((c.bytes * 8) / c.ms).toFixed(0)} kbps)`;
  console.log(
    `liveness: bytes uploaded per attempt ${total} (${(total / 1000).toFixed(0)} kB; ` +
      `target ≤ ${UPLOAD_TARGET_BYTES / 1000} kB): ` +
      `${clipText('reflection', upload.reflection, parts.reflection)}, ` +
      `${clipText('turns', upload.turns, parts.turns)}, the selfie ${parts.selfie} ` +
      `(${upload.selfie.width}x${upload.selfie.height} JPEG); ${upload.mimeType} from Chromium's MediaRecorder`,
  );
  // A real webcam's noise makes VP8 spend about all of its bitrate; the synthetic head is smooth.
  const fullRate =
    ((upload.reflection.ms + upload.turns.ms) * RECORDER_BITS_PER_SECOND) / 8000 + parts.selfie;
  console.log(
    `  at the full ${RECORDER_BITS_PER_SECOND / 1000} kbps the same lengths would upload ` +
      `${(fullRate / 1000).toFixed(0)} kB`,
  );

  const matrix = await livenessMatrix();
  console.log(
    'liveness: attack matrix (the clips and seeded challenge of emulator/src/liveness/matrix.test.ts):',
  );
  console.log('  | clip | answer | labels | antiSpoofing % | reflection score | r | p | CPU ms |');
  console.log('  | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { clip: name, outcome: o, cpuMs } of matrix) {
    const labels = o.rejectLabels.join(', ') || '-';
    console.log(
      `  | ${name} | ${o.reviewAnswer} | ${labels} | ${o.antiSpoofingPercent} | ` +
        `${o.livenessReflectionScore} | ${o.decision.r} | ${o.decision.p} | ${cpuMs} |`,
    );
  }
}
