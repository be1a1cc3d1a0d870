import { executeServerCommand } from '@web/test-runner-commands';

/** The shared photos are served at /__faces/ by web-test-runner.config.mjs. */
const faceUrl = (name: string): string => `/__faces/${name}`;

/** Resolves whether ../shared/faces exists beside the repo. */
async function facesAvailable(): Promise<boolean> {
  return (await executeServerCommand<boolean, undefined>('faces-available')) === true;
}

/**
 * Skips the calling suite, with a message saying why, when the shared face photos are absent.
 * Use as `before(skipWithoutFaces)` inside a `describe`.
 */
export async function skipWithoutFaces(this: Mocha.Context): Promise<void> {
  if (!(await facesAvailable())) {
    console.warn('SKIP: ../shared/faces is missing; face-photo tests cannot run without it.');
    this.skip();
  }
}

export async function loadImage(name: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = faceUrl(name);
  await img.decode();
  return img;
}

/** Loads a classic (non-module) script once, e.g. the legacy MediaPipe solution. */
export function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.crossOrigin = 'anonymous';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}
