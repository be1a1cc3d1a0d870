/**
 * Runs in the widget bench's page (served by Vite, imported by URL inside `page.evaluate`): the
 * fake camera at 640x480 playing in a muted `<video>`, and the detector as the widget loads it
 * (VIDEO mode, assets from the build), for the runs that time the detector outside the element.
 */
import type { FaceDetector } from '../../src/internal/face-detector.js';
import { createFaceDetector } from '../../src/internal/create-face-detector.js';

export interface PageCamera {
  stream: MediaStream;
  video: HTMLVideoElement;
  detector: FaceDetector;
  /** Stops the detector and the camera. */
  close(): void;
}

export async function openCamera(): Promise<PageCamera> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: 640, height: 480 },
  });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const detector = await createFaceDetector({
    assetsBaseUrl: '/dist/assets/',
    runningMode: 'VIDEO',
  });
  return {
    stream,
    video,
    detector,
    close() {
      detector.close();
      stream.getTracks().forEach((t) => t.stop());
    },
  };
}
