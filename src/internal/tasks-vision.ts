/**
 * The one part of MediaPipe's vision tasks the widget uses, in a module loaded on demand. Named
 * here instead of importing the whole `@mediapipe/tasks-vision` namespace, so that a bundler can
 * drop the other tasks (the CDN build does, see scripts/tree-shakable-tasks-vision.ts).
 */
export { FaceDetector } from '@mediapipe/tasks-vision';
