// The markup of README.md's and docs/integration.md's examples, in lit templates, for lit-analyzer
// (test/package/consumers.test.ts runs it in strict mode against the packed package's types and
// checks that every <face-auth …> tag of README.md's HTML examples is here).
import { html } from 'lit';
import 'face-auth-widget/define';
import type { FaceAuthActionResultEvent } from 'face-auth-widget';

const onResult = (e: FaceAuthActionResultEvent) => console.log(e.detail.actionId, e.detail.answer);
const onCancel = () => console.log('user cancelled');

// README.md, "Usage".
export const usage = html`
  <face-auth
    token-url="/api/face-auth/token"
    api-base-url="https://provider.example"
    @face-auth-action-result=${onResult}
    @face-auth-cancel=${onCancel}
  ></face-auth>
`;

// docs/integration.md, "Plain HTML, with the CDN build".
export const cdnPage = html`
  <face-auth
    token-url="/api/face-auth/token"
    api-base-url="https://provider.example"
    level-name="face-auth"
  ></face-auth>
`;

// docs/assets.md, and the attributes the API reference lists, each with a value it accepts.
export const everyAttribute = html`
  <face-auth
    assets-base-url="/static/face-auth-assets/"
    locale="de"
    facing-mode="environment"
    camera-id="0a1b"
    capture-mode="manual"
    manual-capture-delay="8000"
    jpeg-quality="0.9"
    max-image-size="1280"
    max-image-bytes="500000"
    autostart
    external-action-id="payout-1"
    country="DEU"
    liveness="turns"
    poll-timeout="120000"
  ></face-auth>
`;
