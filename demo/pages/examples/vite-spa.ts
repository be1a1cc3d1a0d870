/**
 * The npm integration in a Vite single-page app: `npm install face-auth-widget`, import the
 * `define` entry once, then use <face-auth> like any element. (The demo aliases the package
 * to src/, see demo/pages/vite-config.ts.)
 */
import 'face-auth-widget/define';
import type { ActionResultDetail } from '../face-auth-events.js';
import { answerMark, answerSentence, detailOf } from '../face-auth-events.js';

async function confirmPayout(app: HTMLElement, apiBaseUrl: string): Promise<void> {
  const el = document.createElement('face-auth');
  el.setAttribute('token-url', '/api/face-auth/token');
  el.setAttribute('api-base-url', apiBaseUrl);
  el.setAttribute('level-name', 'face-auth');
  const out = document.createElement('output');

  el.addEventListener('face-auth-action-result', (e) => {
    const { actionId, answer } = detailOf<ActionResultDetail>(e);
    out.dataset.answer = answerMark(answer);
    // Only a hint for the UI: the backend re-reads action `actionId` before paying out.
    out.textContent = `${answerSentence(answer)} (action ${actionId})`;
  });
  el.addEventListener('face-auth-cancel', () => {
    out.textContent = 'Cancelled: no payout.';
  });

  app.replaceChildren(el, out);
  await el.start();
}

const app = document.getElementById('app')!;
const { apiBaseUrl } = (await (await fetch('/api/config')).json()) as { apiBaseUrl: string };
const button = document.createElement('button');
button.textContent = 'Pay out €250.00';
button.addEventListener('click', () => void confirmPayout(app, apiBaseUrl));
const title = document.createElement('h1');
title.textContent = 'Your account';
app.replaceChildren(title, button);
