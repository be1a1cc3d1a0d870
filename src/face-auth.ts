export { FaceAuthElement } from './face-auth.component.js';
export { FaceAuthElement as default } from './face-auth.component.js';
