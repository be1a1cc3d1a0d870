/**
 * The widget's own detector over image files: MediaPipe's BlazeFace short-range model loaded as
 * the widget loads it (src/internal/face-detector.ts, assets from the build), in IMAGE mode at the
 * widget's minimum confidence, in Debian's Chromium. No tflite runtime for Node installs offline
 * here, so the model runs where it runs for a user: in the browser.
 */
import path from 'node:path';
import { countedFaces } from '../../src/core/face-count.js';
import { toFaceObservations, type DetectionLike } from '../../src/core/face.js';
import { ensureBuilt } from './build.js';
import { withBenchPage } from './browser.js';
import { root } from './paths.js';

export interface WidgetDetection {
  /** Faces as the widget counts them (overlaps merged, background faces dropped). */
  counted: number;
  /** Detections before counting. */
  raw: number;
  ms: number;
}

/** Detections of every file in `dir` (a folder inside the repo, served by the bench's Vite). */
export async function widgetDetections(
  dir: string,
  files: readonly string[],
): Promise<Map<string, WidgetDetection>> {
  ensureBuilt();
  const base = `/${path.relative(root, dir).split(path.sep).join('/')}/`;
  const raw = await withBenchPage({}, (page) =>
    page.evaluate(
      async ({ files, base }) => {
        const { createFaceDetector } = await import(
          '/src/internal/create-face-detector.ts' as string
        );
        const detector = await createFaceDetector({
          assetsBaseUrl: '/dist/assets/',
          runningMode: 'IMAGE',
          minDetectionConfidence: 0.5,
        });
        const out: {
          file: string;
          width: number;
          height: number;
          detections: unknown;
          ms: number;
        }[] = [];
        for (const file of files) {
          const bitmap = await createImageBitmap(await (await fetch(base + file)).blob());
          const t = performance.now();
          const result = detector.detect(bitmap);
          const ms = performance.now() - t;
          out.push({
            file,
            width: bitmap.width,
            height: bitmap.height,
            // Plain data: MediaPipe's result objects do not cross into Node as they are.
            detections: JSON.parse(JSON.stringify(result.detections)),
            ms,
          });
          bitmap.close();
        }
        detector.close();
        return out;
      },
      { files: [...files], base },
    ),
  );
  return new Map(
    raw.map((r) => {
      const faces = toFaceObservations(r.detections as DetectionLike[], {
        width: r.width,
        height: r.height,
      });
      return [r.file, { counted: countedFaces(faces).length, raw: faces.length, ms: r.ms }];
    }),
  );
}
