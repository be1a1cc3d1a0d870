// A React 19 app as an integrator writes it, type-checked against the packed package
// (test/package/consumers.test.ts): the wrapper, and the bare tag with the JSX types entry.
import type {} from 'face-auth-widget/jsx';
import 'face-auth-widget/define';
import type { FaceAuthActionResultDetail, FaceAuthElement } from 'face-auth-widget';
import { FaceAuth, type FaceAuthProps } from 'face-auth-widget/react';
import { useRef } from 'react';

export function WithWrapper({ onResult }: { onResult: (d: FaceAuthActionResultDetail) => void }) {
  return (
    <FaceAuth
      tokenUrl="/api/face-auth/token"
      apiBaseUrl="https://provider.example"
      captureMode="manual"
      liveness="turns"
      autostart
      onFaceAuthActionResult={(e) => onResult(e.detail)}
      onFaceAuthError={(e) => console.warn(e.detail.code, e.detail.retryable)}
      onFaceAuthCancel={() => console.log('cancelled')}
    />
  );
}

export function WithBareTag() {
  const ref = useRef<FaceAuthElement>(null);
  return (
    <face-auth
      ref={ref}
      token-url="/api/face-auth/token"
      api-base-url="https://provider.example"
      capture-mode="auto"
      max-image-bytes={500_000}
      autostart
      actionResultHandler={(result) => (result.answer === 'GREEN' ? 'continue' : 'cancel')}
      onface-auth-action-result={(e) => console.log(e.detail.actionId, e.detail.answer)}
      onface-auth-status={(e) => console.log(e.detail.status)}
      className="face-check"
    />
  );
}

// What the types refuse: each line below must stay an error.
export const refused = [
  // @ts-expect-error capture-mode is 'auto' | 'manual'
  <face-auth capture-mode="sometimes" />,
  // @ts-expect-error autostart is a boolean attribute
  <face-auth autostart="yes" />,
  // @ts-expect-error the handler gets a FaceAuthActionResultEvent, whose detail has no `status`
  <FaceAuth onFaceAuthActionResult={(e) => e.detail.status} />,
  // @ts-expect-error liveness is 'off' | 'full' | 'turns'
  <FaceAuth liveness="always" />,
];

export const props: FaceAuthProps = { tokenUrl: '/api/face-auth/token' };
