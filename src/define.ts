import { FaceAuthElement } from './face-auth.component.js';

export { FaceAuthElement };

/** Registers `<face-auth>` once; importing this file twice (or two bundles) is harmless. */
if (!customElements.get('face-auth')) customElements.define('face-auth', FaceAuthElement);

declare global {
  interface HTMLElementTagNameMap {
    'face-auth': FaceAuthElement;
  }
}
