/**
 * `face-auth-widget/jsx`: types only. Import it once (`import type {} from 'face-auth-widget/jsx'`)
 * and `<face-auth>` is known to TSX with React 19's types: its attributes, its settable properties
 * (React 19 sets a prop the element has as a property) and an `on<event-name>` listener per event.
 *
 * It augments React's `JSX.IntrinsicElements` (this file is a module, so `declare module 'react'`
 * adds to React's declarations instead of replacing them).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  FaceAuthAttributes,
  FaceAuthEventListeners,
  FaceAuthProperties,
} from './face-auth.attributes.js';
import type { FaceAuthElement } from './face-auth.component.js';

/** What `<face-auth …>` accepts in TSX. */
export type FaceAuthJsxProps = DetailedHTMLProps<HTMLAttributes<FaceAuthElement>, FaceAuthElement> &
  FaceAuthAttributes &
  FaceAuthProperties &
  FaceAuthEventListeners;

/** The tag's entry of `JSX.IntrinsicElements`. */
export interface FaceAuthIntrinsicElements {
  'face-auth': FaceAuthJsxProps;
}

// Added as a base interface rather than a member: web-component-analyzer (lit-analyzer, the
// lit-plugin) reads a member of IntrinsicElements as the tag's only declaration and then knows
// none of its attributes, in every file of an app that imports this one.
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in a namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- it adds a base, no member
    interface IntrinsicElements extends FaceAuthIntrinsicElements {}
  }
}
