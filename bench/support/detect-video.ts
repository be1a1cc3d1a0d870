/** Browser side of the detector benchmark: detectForVideo on 640x480 camera frames. */
import { createFaceDetector } from '../../src/internal/face-detector.js';

export async function benchDetectForVideo(frames: number): Promise<number[]> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const detector = await createFaceDetector({ runningMode: 'VIDEO' });
  const times: number[] = [];
  let timestamp = 0;
  // Warm-up frames are not counted: the first calls compile shaders and allocate tensors.
  for (let i = 0; i < frames + 10; i++) {
    timestamp += 1000 / 30;
    const start = performance.now();
    detector.detectForVideo(video, timestamp);
    if (i >= 10) times.push(performance.now() - start);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  detector.close();
  stream.getTracks().forEach((t) => t.stop());
  return times;
}
