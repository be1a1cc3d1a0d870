/**
 * The one script URL the widget sets: MediaPipe's wasm loader, a classic script added as
 * `<script src>`. A page that requires Trusted Types for scripts (`require-trusted-types-for
 * 'script'`) refuses a plain string there, so the URL goes through a policy of our own named
 * `face-auth`, which the page lists in its `trusted-types` directive. The policy signs only the URL
 * the widget is setting at that moment and refuses any other, so nothing else on the page can use
 * it to load a script.
 */

/** The policy name a page lists in `trusted-types` (docs/integration.md). */
export const TRUSTED_TYPES_POLICY = 'face-auth';

/** The part of the Trusted Types API used here (not in TypeScript's DOM lib). */
interface ScriptUrlPolicy {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL: (input: string) => string },
  ): ScriptUrlPolicy;
}

let policy: ScriptUrlPolicy | null | undefined;
/** The URL being signed right now; anything else is refused. */
let signing: string | null = null;

function facePolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return (policy = null);
  try {
    policy = factory.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL(input) {
        if (input !== signing) {
          throw new TypeError(`face-auth: the ${TRUSTED_TYPES_POLICY} policy refuses ${input}`);
        }
        return input;
      },
    });
  } catch {
    // The page's `trusted-types` directive does not list the name (or a second copy of the widget
    // made it already). Without enforcement a plain string still works; with it, the assignment
    // below throws and the caller reports the loader as unloadable.
    policy = null;
  }
  return policy;
}

/**
 * Sets `script.src` to the loader URL, as a TrustedScriptURL where the browser has Trusted Types.
 * Throws when the page requires Trusted Types and does not allow the `face-auth` policy.
 */
export function setScriptSrc(script: HTMLScriptElement, url: string): void {
  const signer = facePolicy();
  if (!signer) {
    script.src = url;
    return;
  }
  signing = url;
  try {
    // A TrustedScriptURL is what the sink wants; TypeScript's DOM lib types `src` as a string.
    script.src = signer.createScriptURL(url) as string;
  } finally {
    signing = null;
  }
}
