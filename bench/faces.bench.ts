/**
 * Detector choice and quality calibration on a labelled set that is not ../shared/faces
 * (bench/support/face-set.ts builds it from npm packages into .cache/face-set):
 * - recall and speed of face-api's TinyFaceDetector (input sizes, thresholds) and SsdMobilenetv1,
 *   and of the widget's own BlazeFace model (in Chromium): the faces the widget frames, the review
 *   must find;
 * - per webcam-grade variant, the engine's quality score next to the distance to the same person
 *   in another photo (does what the gate passes match reliably?);
 * - genuine and impostor distance distributions.
 * Runs the engine's own analysis in-process (face-analyser.ts), not through the worker pool.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  analyseFaces,
  detectFaceBoxes,
  DETECTOR_INPUT_SIZE,
  DETECTOR_MIN_SCORE,
  type DetectorSpec,
} from '../emulator/src/reviews/engine/face-analyser.js';
import type { AnalysedFace } from '../emulator/src/reviews/engine/face-analysis.js';
import { decodeImage } from '../emulator/src/reviews/engine/image-decode.js';
import { significantFaces } from '../emulator/src/reviews/engine/judge.js';
import { assessQuality } from '../emulator/src/reviews/engine/quality.js';
import { faceSet, POOR_VARIANTS, WEBCAM_VARIANTS, type SetImage } from './support/face-set.js';
import { percentiles } from './support/percentiles.js';
import { widgetDetections, type WidgetDetection } from './support/widget-detector.js';

const DETECTORS: [string, DetectorSpec][] = [
  ['tiny 416 / 0.5', { kind: 'tiny', inputSize: 416, minScore: 0.5 }],
  ['tiny 416 / 0.3', { kind: 'tiny', inputSize: 416, minScore: 0.3 }],
  ['tiny 320 / 0.5', { kind: 'tiny', inputSize: 320, minScore: 0.5 }],
  ['tiny 224 / 0.5', { kind: 'tiny', inputSize: 224, minScore: 0.5 }],
  ['ssd / 0.5', { kind: 'ssd', minScore: 0.5 }],
];

const euclid = (a: readonly number[], b: readonly number[]) =>
  Math.sqrt(a.reduce((sum, v, i) => sum + (v - (b[i] as number)) ** 2, 0));
const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '-');

export async function run(): Promise<void> {
  let set;
  try {
    // Where each portrait's face is, to place it in the webcam frames: the first of these
    // detectors that finds it. Tight face crops (the face fills the photo) defeat some of them.
    const references: DetectorSpec[] = [
      { kind: 'ssd', minScore: 0.3 },
      { kind: 'tiny', inputSize: 416, minScore: 0.3 },
      { kind: 'tiny', inputSize: 224, minScore: 0.3 },
    ];
    set = await faceSet(async (bytes) => {
      const image = await decodeImage(bytes);
      for (const spec of references) {
        const [largest] = await detectFaceBoxes(image, spec);
        if (largest) return largest.box;
      }
      return undefined;
    });
  } catch (error) {
    console.log(`faces: SKIP, the labelled set cannot be built (${String(error).split('\n')[0]})`);
    return;
  }
  const singles = set.images.filter((i) => i.variant !== 'group');
  const groups = set.images.filter((i) => i.variant === 'group');
  console.log(
    `faces: ${set.images.length} images in ${set.dir}: ${singles.filter((i) => i.variant === 'original').length} portraits ` +
      `(${new Set(singles.map((i) => i.identity)).size} people) x ${WEBCAM_VARIANTS.length} webcam-grade + ${POOR_VARIANTS.length} poorer variants, ` +
      `${groups.length} group photos (${groups.reduce((n, g) => n + g.faces, 0)} faces)`,
  );
  const decoded = new Map<string, Awaited<ReturnType<typeof decodeImage>>>();
  for (const image of set.images) {
    decoded.set(image.file, await decodeImage(readFileSync(path.join(set.dir, image.file))));
  }

  // 1. Detectors: recall (a one-face image must give exactly one significant face) and speed.
  console.log(
    '\n| detector | one-face images: NO_FACE | MULTIPLE | webcam variants NO_FACE | group faces found | p50 ms | p95 ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  // FACES_BENCH_DETECTORS=0 skips the comparison (slow: SSD takes seconds an image under load).
  const detectors = process.env.FACES_BENCH_DETECTORS === '0' ? [] : DETECTORS;
  for (const [name, spec] of detectors) {
    const times: number[] = [];
    let none = 0;
    let several = 0;
    let webcamNone = 0;
    const missed: string[] = [];
    let groupFound = 0;
    for (const image of set.images) {
      const t = performance.now();
      const boxes = await detectFaceBoxes(decoded.get(image.file)!, spec);
      times.push(performance.now() - t);
      const counted = significantFaces(boxes as unknown as AnalysedFace[]).length;
      if (image.variant === 'group') {
        groupFound += Math.min(boxes.length, image.faces);
      } else if (counted === 0) {
        none++;
        missed.push(image.file);
        if (WEBCAM_VARIANTS.includes(image.variant as never)) webcamNone++;
      } else if (counted > 1) several++;
    }
    const p = percentiles(times);
    console.log(
      `| ${name} | ${none}/${singles.length} | ${several} | ${webcamNone} | ${groupFound}/${groups.reduce((n, g) => n + g.faces, 0)} | ${p.p50.toFixed(0)} | ${p.p95.toFixed(0)} |`,
    );
    if (missed.length) console.log(`|   missed: ${missed.join(', ')} |`);
  }

  // 2. The engine's analysis (its detector: tiny DETECTOR_INPUT_SIZE / DETECTOR_MIN_SCORE).
  const analysed = new Map<string, AnalysedFace | undefined>();
  const noFace: string[] = [];
  const passes = new Map<string, number>();
  for (const image of singles) {
    const analysis = await analyseFaces(decoded.get(image.file)!);
    const faces = significantFaces(analysis.faces);
    analysed.set(image.file, faces[0]);
    if (faces.length === 0) noFace.push(image.file);
    else passes.set(analysis.detector, (passes.get(analysis.detector) ?? 0) + 1);
  }
  console.log(
    `\nengine (detector passes): NO_FACE ${noFace.length}/${singles.length}${noFace.length ? ` (${noFace.join(', ')})` : ''}; found by ${[...passes].map(([d, n]) => `${d}: ${n}`).join('; ')}`,
  );
  await compareWithWidget(set.dir, singles, noFace);

  const originals = singles.filter((i) => i.variant === 'original');
  /** Distances of `image` to the same person's originals in other photos, and to everyone else. */
  const distances = (image: SetImage) => {
    const face = analysed.get(image.file);
    const genuine: number[] = [];
    const impostor: number[] = [];
    if (!face) return { genuine, impostor };
    for (const other of originals) {
      const ref = analysed.get(other.file);
      if (!ref || other.source === image.source) continue;
      (other.identity === image.identity ? genuine : impostor).push(
        euclid(face.descriptor, ref.descriptor),
      );
    }
    return { genuine, impostor };
  };

  console.log(
    `\nengine analysis (first pass tiny ${DETECTOR_INPUT_SIZE} / ${DETECTOR_MIN_SCORE}); distances to the same person in OTHER photos (people with 2+ photos)`,
  );
  console.log(
    '| variant | n | quality min / p50 | passes (>= 30) | weakest (count) | faceSizePx min / p50 | sharpness min / p50 | brightness min / p50 | contrast min / p50 | genuine dist p50 / max | matched (< 0.6) | min impostor |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const allGenuine: number[] = [];
  const allImpostor: number[] = [];
  for (const variant of ['original', ...WEBCAM_VARIANTS, ...POOR_VARIANTS] as const) {
    const rows = singles.filter((i) => i.variant === variant);
    const scores: number[] = [];
    const weakest = new Map<string, number>();
    const sizes: number[] = [];
    const sharp: number[] = [];
    const bright: number[] = [];
    const contrast: number[] = [];
    const genuine: number[] = [];
    const impostor: number[] = [];
    let pairs = 0;
    let matched = 0;
    for (const image of rows) {
      const face = analysed.get(image.file);
      if (!face) continue;
      const q = assessQuality(face.metrics);
      scores.push(q.score);
      if (q.score < 100) weakest.set(q.weakest, (weakest.get(q.weakest) ?? 0) + 1);
      sizes.push(face.metrics.faceSizePx);
      sharp.push(face.metrics.sharpness);
      bright.push(face.metrics.brightness);
      contrast.push(face.metrics.contrast);
      const d = distances(image);
      genuine.push(...d.genuine);
      impostor.push(...d.impostor);
      pairs += d.genuine.length;
      matched += d.genuine.filter((g) => g < 0.6).length;
    }
    allGenuine.push(...genuine);
    allImpostor.push(...impostor);
    const s = percentiles(scores);
    const g = percentiles(genuine);
    const range = (v: number[], digits: number) =>
      `${fmt(Math.min(...v), digits)} / ${fmt(percentiles(v).p50, digits)}`;
    console.log(
      `| ${variant} | ${scores.length}/${rows.length} | ${Math.min(...scores)} / ${s.p50.toFixed(0)} | ${scores.filter((q) => q >= 30).length} | ${[...weakest].map(([k, n]) => `${k} ${n}`).join(', ') || '-'} | ${range(sizes, 0)} | ${range(sharp, 3)} | ${range(bright, 0)} | ${range(contrast, 1)} | ${fmt(g.p50)} / ${fmt(Math.max(...genuine))} | ${matched}/${pairs} | ${fmt(Math.min(...impostor))} |`,
    );
  }
  const g = percentiles(allGenuine);
  const i = percentiles(allImpostor);
  const closest = { d: Infinity, pair: '' };
  for (const a of originals) {
    for (const b of originals) {
      const fa = analysed.get(a.file);
      const fb = analysed.get(b.file);
      if (!fa || !fb || a.identity === b.identity || a.file > b.file) continue;
      const d = euclid(fa.descriptor, fb.descriptor);
      if (d < closest.d) Object.assign(closest, { d, pair: `${a.file} / ${b.file}` });
    }
  }
  console.log(`closest impostor pair of originals: ${closest.pair} ${fmt(closest.d)}`);
  console.log(
    `\ndistances over the set: genuine n=${g.n} p50 ${fmt(g.p50)} p95 ${fmt(g.p95)} max ${fmt(Math.max(...allGenuine))}; ` +
      `impostor n=${i.n} min ${fmt(Math.min(...allImpostor))} p50 ${fmt(i.p50)}`,
  );
  const perPerson = new Map<string, number[]>();
  for (const image of singles) {
    for (const d of distances(image).genuine) {
      perPerson.set(image.identity!, [...(perPerson.get(image.identity!) ?? []), d]);
    }
  }
  console.log(
    `genuine max by person: ${[...perPerson].map(([p, ds]) => `${p} ${fmt(Math.max(...ds))} (n=${ds.length})`).join(', ')}`,
  );
}

/**
 * The widget's detector on the same one-face images: its recall next to face-api's, and the
 * promise the review makes to the widget: every face the widget's detector counts, the engine
 * finds (no NO_FACE for a face the widget framed).
 */
async function compareWithWidget(
  dir: string,
  singles: readonly SetImage[],
  engineNoFace: readonly string[],
): Promise<void> {
  let found: Map<string, WidgetDetection>;
  try {
    found = await widgetDetections(
      dir,
      singles.map((i) => i.file),
    );
  } catch (error) {
    console.log(`\nwidget detector: SKIP (${String(error).split('\n')[0]})`);
    return;
  }
  const seen = (i: SetImage) => found.get(i.file);
  const none = singles.filter((i) => seen(i)?.counted === 0);
  const several = singles.filter((i) => (seen(i)?.counted ?? 0) > 1);
  const webcamNone = none.filter((i) => WEBCAM_VARIANTS.includes(i.variant as never));
  const p = percentiles(singles.map((i) => seen(i)?.ms ?? 0));
  console.log(
    '\n| widget detector (BlazeFace short range, Chromium, IMAGE, score 0.5) | one-face images: no face | MULTIPLE | webcam variants no face | p50 ms | p95 ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(
    `| widget | ${none.length}/${singles.length} | ${several.length} | ${webcamNone.length} | ${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} |`,
  );
  if (none.length) console.log(`|   missed: ${none.map((i) => i.file).join(', ')} |`);
  const framedButNoFace = singles.filter(
    (i) => (seen(i)?.counted ?? 0) === 1 && engineNoFace.includes(i.file),
  );
  console.log(
    `widget counts one face, review says NO_FACE: ${framedButNoFace.length}/${singles.filter((i) => seen(i)?.counted === 1).length}` +
      (framedButNoFace.length ? ` (${framedButNoFace.map((i) => i.file).join(', ')})` : ''),
  );
}
