import { executeServerCommand } from '@web/test-runner-commands';
import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../../src/define.js';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import { nextEvent as waitForEvent } from '../support/events.js';
import { skipWithoutFaces } from '../support/faces.js';
import { until } from '../support/wait.js';

export { skipWithoutFaces, until };

/** Server commands of test/browser/action/rig.mjs. */
export type Instance = 'default' | 'no-reviewer' | 'shipped';

export interface ProviderInfo {
  /** The emulator itself (CORS allows this page's origin). */
  url: string;
  /** Same-origin path of the fault-injecting proxy in front of it. */
  proxy: string;
  levelName: string;
}

export const provider = (instance: Instance = 'default') =>
  executeServerCommand<ProviderInfo, { instance: Instance }>('provider', { instance });

export interface Enrolled {
  applicantId: string;
  userId: string;
  status: number;
}

/**
 * A fresh applicant enrolled with a photo of ../shared/faces (sandbox-approved if asked). Begun
 * and then polled: a cold review engine on a loaded machine can take longer than one command's
 * 20 s.
 */
export async function enrol(
  p: { photo?: string; sandbox?: boolean; instance?: Instance } = {},
): Promise<Enrolled> {
  const ticket = await executeServerCommand<string, typeof p>('enrol-begin', p);
  for (;;) {
    const r = await executeServerCommand<
      { done: boolean; value?: Enrolled; error?: string },
      { ticket: string }
    >('enrol-result', { ticket });
    if (r.error) throw new Error(`enrol: ${r.error}`);
    if (r.done) return r.value!;
  }
}

/**
 * The rig's test level without liveness (see rig.mjs): for tests of other things than liveness,
 * which send a selfie alone (`liveness="off"`). The shipped level requires liveness.
 */
export { NO_LIVENESS_LEVEL } from '../../support/liveness-rig.mjs';

export const accessToken = (p: {
  userId: string;
  externalActionId: string;
  ttlInSecs?: number;
  instance?: Instance;
  levelName?: string;
}) => executeServerCommand<{ token: string; userId: string }, typeof p>('access-token', p);

/** The next liveness challenge asked through the instance's proxy will be this one (sandbox). */
export const seedLiveness = (p: {
  colours: string[];
  segmentMs: number;
  turns: ('left' | 'right' | 'up')[];
  instance?: Instance;
}) => executeServerCommand<boolean, typeof p>('seed-liveness', p);

export const sandbox = (p: {
  applicantId: string;
  reviewAnswer: 'GREEN' | 'RED' | 'ERROR' | 'ON_HOLD';
  rejectLabels?: string[];
  reviewRejectType?: 'RETRY' | 'FINAL';
  instance?: Instance;
}) => executeServerCommand<unknown, typeof p>('sandbox', p);

export const providerAction = (actionId: string, instance?: Instance) =>
  executeServerCommand<
    {
      id: string;
      externalActionId: string;
      review: {
        reviewStatus: string;
        reviewResult?: { reviewAnswer: string; rejectLabels?: string[] };
      };
    },
    { actionId: string; instance?: Instance }
  >('action', { actionId, ...(instance ? { instance } : {}) });

export interface FaultRule {
  method?: string;
  /** RegExp source matched against the provider path (without the proxy prefix). */
  path?: string;
  kind: 'status' | 'drop' | 'hang' | 'delay';
  status?: number;
  body?: unknown;
  ms?: number;
  times?: number;
}

/** Replaces the proxy's fault rules (and clears its log). */
export const faults = (rules: FaultRule[] = []) =>
  executeServerCommand<boolean, { rules: FaultRule[] }>('faults', { rules });

export interface ProxyEntry {
  instance: string;
  method: string;
  path: string;
  outcome: number | 'pending' | 'dropped' | 'aborted';
  /** The request body's bytes, as the proxy read them (absent for a dropped request). */
  bytes?: number;
}
export const proxyLog = () => executeServerCommand<ProxyEntry[], undefined>('proxy-log');

export const randomId = (prefix = 'act') => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** Unhandled promise rejections of the page while a test runs. */
function watchRejections(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (e: PromiseRejectionEvent): void => {
    reasons.push(e.reason);
  };
  window.addEventListener('unhandledrejection', listener);
  return { reasons, stop: () => window.removeEventListener('unhandledrejection', listener) };
}

/**
 * Inside a `describe`: every test of it fails if the page had an unhandled promise rejection
 * while it ran (the flow must end in a documented state, never in a stray rejection).
 */
export function failOnUnhandledRejections(): void {
  let rejections: ReturnType<typeof watchRejections>;
  beforeEach(() => (rejections = watchRejections()));
  afterEach(() => {
    rejections.stop();
    expect(rejections.reasons, 'unhandled rejections').to.deep.equal([]);
  });
}

/** Every camera stream the page opens, to check they all end. */
export function watchStreams(): { tracks: MediaStreamTrack[]; restore(): void } {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  const tracks: MediaStreamTrack[] = [];
  md.getUserMedia = async (c) => {
    const s = await original(c);
    tracks.push(...s.getTracks());
    return s;
  };
  return { tracks, restore: () => (md.getUserMedia = original) };
}

export async function mount(
  attrs: {
    apiBaseUrl?: string;
    tokenUrl?: string;
    externalActionId?: string;
    locale?: string;
    /** The element's default (`full`) unless given. */
    liveness?: 'off' | 'full' | 'turns';
  } = {},
): Promise<FaceAuthElement> {
  return fixture<FaceAuthElement>(
    html`<face-auth
      assets-base-url="/dist/assets/"
      liveness=${ifDefined(attrs.liveness)}
      locale=${attrs.locale ?? 'en'}
      api-base-url=${attrs.apiBaseUrl ?? ''}
      token-url=${attrs.tokenUrl ?? ''}
      external-action-id=${attrs.externalActionId ?? ''}
    ></face-auth>`,
  );
}

/** The provider flow takes longer than a capture: a 60 s default wait. */
export const nextEvent = <E extends Event>(target: EventTarget, name: string, ms = 60_000) =>
  waitForEvent<E>(target, name, ms);

/** Every event of these names the element fires, in order. */
export function recordEvents(target: EventTarget, names: string[]): Event[] {
  const seen: Event[] = [];
  for (const n of names) target.addEventListener(n, (e) => seen.push(e));
  return seen;
}

export const shadow = (el: FaceAuthElement) => el.shadowRoot!;
export const text = (el: FaceAuthElement, selector: string) =>
  shadow(el).querySelector(selector)?.textContent?.trim() ?? '';

/** Waits for the status, then checks the screen with axe. */
export async function screenIsAccessible(el: FaceAuthElement): Promise<void> {
  await el.updateComplete;
  await expect(el).to.be.accessible();
}

/** An accessTokenProvider that mints tokens through the emulator's app-token API. */
export function tokenProvider(
  p: { userId: string; externalActionId: string; instance?: Instance; levelName?: string },
  ttls: number[] = [],
): { provider: () => Promise<{ token: string; externalActionId: string }>; calls: number } {
  const state = {
    calls: 0,
    provider: async () => {
      const ttlInSecs = ttls[state.calls];
      state.calls += 1;
      const { token } = await accessToken({ ...p, ...(ttlInSecs ? { ttlInSecs } : {}) });
      return { token, externalActionId: p.externalActionId };
    },
  };
  return state;
}
