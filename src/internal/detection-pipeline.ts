/**
 * What building the detector and reading frames need once a run starts, in a module the element
 * loads on demand (with the detector's files, which `face-detector.ts` starts loading at the same
 * moment): a page that shows `<face-auth>` downloads none of it before `preload()` or `start()`.
 */
export { createFaceDetector } from './create-face-detector.js';
export { FrameReader } from './frame-reader.js';
