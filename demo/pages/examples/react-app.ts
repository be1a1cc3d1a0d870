/**
 * React 19 with <face-auth>: React passes attributes to custom elements and (since 19) sets
 * properties it finds on them; the element's events are wired with a ref and an effect, which
 * works in every React version. Written with `createElement` so the page needs no JSX build;
 * docs/integration.md shows the same component in JSX.
 */
import 'face-auth-widget/define';
import { createElement as e, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ActionResultDetail } from '../face-auth-events.js';
import { answerMark, answerSentence, detailOf } from '../face-auth-events.js';

interface FaceAuthProps {
  apiBaseUrl: string;
  onResult: (detail: ActionResultDetail) => void;
  onCancel: () => void;
}

function FaceAuth({ apiBaseUrl, onResult, onCancel }: FaceAuthProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const result = (ev: Event) => onResult(detailOf<ActionResultDetail>(ev));
    el.addEventListener('face-auth-action-result', result);
    el.addEventListener('face-auth-cancel', onCancel);
    return () => {
      el.removeEventListener('face-auth-action-result', result);
      el.removeEventListener('face-auth-cancel', onCancel);
    };
  }, [onResult, onCancel]);
  return e('face-auth', {
    ref,
    'token-url': '/api/face-auth/token',
    'api-base-url': apiBaseUrl,
    'level-name': 'face-auth',
    // The user already chose to pay out: skip the element's intro screen.
    autostart: true,
  });
}

function App({ apiBaseUrl }: { apiBaseUrl: string }) {
  const [outcome, setOutcome] = useState<ActionResultDetail | 'cancelled' | null>(null);
  const [running, setRunning] = useState(false);
  const text =
    outcome === 'cancelled'
      ? 'Cancelled: no payout.'
      : outcome
        ? `${answerSentence(outcome.answer)} (action ${outcome.actionId})`
        : '';
  return e(
    'div',
    null,
    e('h1', null, 'Your account'),
    running
      ? e(FaceAuth, {
          apiBaseUrl,
          onResult: setOutcome,
          onCancel: () => setOutcome('cancelled'),
        })
      : e('button', { onClick: () => setRunning(true) }, 'Pay out €250.00'),
    e(
      'output',
      {
        'data-answer':
          typeof outcome === 'object' && outcome ? answerMark(outcome.answer) : undefined,
      },
      text,
    ),
  );
}

const { apiBaseUrl } = (await (await fetch('/api/config')).json()) as { apiBaseUrl: string };
createRoot(document.getElementById('root')!).render(e(App, { apiBaseUrl }));
