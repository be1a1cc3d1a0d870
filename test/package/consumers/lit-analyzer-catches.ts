// Mistakes lit-analyzer must report against the packed types (test/package/consumers.test.ts
// expects exactly these), so a clean run of readme-examples.ts means something.
import { html } from 'lit';
import 'face-auth-widget/define';

export const mistakes = html`
  <face-auth token-uri="/api/face-auth/token" capture-mode="sometimes"></face-auth>
  <face-autth></face-autth>
`;
