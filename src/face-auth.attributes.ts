import type { FaceAuthEventMap } from './events/face-auth-event-map.js';
import type { FaceAuthElement } from './face-auth.component.js';

/**
 * The attributes of `<face-auth>` as markup spells them, with the values the element reads, for
 * framework typings of the bare tag (JSX, Vue). scripts/package-manifest.ts checks this list
 * against the manifest's attributes, so neither can lose one. An attribute value is a string in
 * the end: numbers are accepted because templates pass them as such.
 */
export interface FaceAuthAttributes {
  locale?: string;
  'assets-base-url'?: string;
  'facing-mode'?: 'user' | 'environment';
  'camera-id'?: string;
  'capture-mode'?: FaceAuthElement['captureMode'];
  /** JSON of `Partial<QualityThresholds>`. */
  thresholds?: string;
  'manual-capture-delay'?: number | string;
  'jpeg-quality'?: number | string;
  'max-image-size'?: number | string;
  'max-image-bytes'?: number | string;
  autostart?: boolean;
  'token-url'?: string;
  'api-base-url'?: string;
  'external-action-id'?: string;
  'level-name'?: string;
  country?: string;
  liveness?: FaceAuthElement['liveness'];
  'poll-timeout'?: number | string;
}

/** The properties a host may set (the ones without an attribute among them: objects, functions). */
export type FaceAuthProperties = Partial<
  Pick<
    FaceAuthElement,
    | 'locale'
    | 'assetsBaseUrl'
    | 'facingMode'
    | 'cameraId'
    | 'captureMode'
    | 'thresholds'
    | 'manualCaptureDelay'
    | 'jpegQuality'
    | 'maxImageSize'
    | 'maxImageBytes'
    | 'autostart'
    | 'messages'
    | 'tokenUrl'
    | 'accessTokenProvider'
    | 'apiBaseUrl'
    | 'externalActionId'
    | 'levelName'
    | 'country'
    | 'liveness'
    | 'pollTimeout'
    | 'actionResultHandler'
  >
>;

/**
 * React 19 adds a listener for a custom element's `on` + event-name prop as it is spelled
 * (`onface-auth-action-result` → `face-auth-action-result`), so each event has such a prop.
 */
export type FaceAuthEventListeners = {
  [K in keyof FaceAuthEventMap as `on${K}`]?: (event: FaceAuthEventMap[K]) => void;
};
