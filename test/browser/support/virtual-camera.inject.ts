/**
 * The virtual camera as a script injected into a page the test does not serve (the emulator's
 * validationLink page, the demo's pages): bundled by ../../support/virtual-camera-page.ts, it
 * puts `installVirtualCamera` on `window.__virtualCamera` for the test to call once the page's
 * `<face-auth>` is mounted. The photo's texture and the worker come from same-origin routes.
 */
import { installVirtualCamera, loadTexture } from './virtual-camera.js';

export interface InjectedVirtualCamera {
  /** Replaces `getUserMedia` with the synthetic 3D head of `photo` watching the page's widget. */
  install(photo: string, workerUrl: string): Promise<void>;
  /** The camera's stats (frames, long tasks: `installVirtualCamera`'s `stats()`). */
  stats(): unknown;
}

declare global {
  interface Window {
    __virtualCamera?: InjectedVirtualCamera;
  }
}

let camera: ReturnType<typeof installVirtualCamera> | undefined;
window.__virtualCamera = {
  async install(photo, workerUrl) {
    const texture = await loadTexture(photo);
    if (!texture) throw new Error(`no texture for ${photo} (run "npx tsx scripts/make-clips.ts")`);
    camera = installVirtualCamera({ body: { kind: 'head', texture } }, 24, workerUrl);
  },
  stats: () => camera?.stats() ?? null,
};
