/**
 * What reading frames needs once a run starts, in a module the element loads on demand (with the
 * detector's files, which `face-detector.ts` starts loading at the same moment): a page that shows
 * `<face-auth>` downloads none of it before `preload()` or `start()`.
 */
export { FrameReader } from './frame-reader.js';
