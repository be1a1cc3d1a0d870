/**
 * `face-auth-widget/react`: `<FaceAuth>`, a React component around `<face-auth>` made with
 * `@lit/react`. Its props are the element's properties (typed from the class) and one `on…`
 * handler per event, typed from the element's events map. Importing it registers the element.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import './define.js';
import type { FaceAuthEventMap } from './events/face-auth-event-map.js';
import { FaceAuthElement } from './face-auth.component.js';

/** The React handler name of each event: `face-auth-action-result` → `onFaceAuthActionResult`. */
const eventProps = {
  onFaceAuthReady: 'face-auth-ready',
  onFaceAuthStatus: 'face-auth-status',
  onFaceAuthCapture: 'face-auth-capture',
  onFaceAuthError: 'face-auth-error',
  onFaceAuthCancel: 'face-auth-cancel',
  onFaceAuthActionResult: 'face-auth-action-result',
} as const satisfies Record<string, keyof FaceAuthEventMap>;

/** Each handler prop with the event class it receives. */
export type FaceAuthReactEvents = {
  [P in keyof typeof eventProps]: EventName<FaceAuthEventMap[(typeof eventProps)[P]]>;
};

/** `<FaceAuth tokenUrl="/api/face-auth/token" onFaceAuthActionResult={(e) => e.detail.answer} />` */
export const FaceAuth = createComponent({
  react: React,
  tagName: 'face-auth',
  elementClass: FaceAuthElement,
  // The names are the element's event names; the cast only gives each its event class.
  events: eventProps as FaceAuthReactEvents,
  displayName: 'FaceAuth',
});

/** The props `<FaceAuth>` takes. */
export type FaceAuthProps = React.ComponentProps<typeof FaceAuth>;
