import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The policy's rules, checked against a stand-in for the browser's trustedTypes (Node has none).
// That the real browser accepts the result under `require-trusted-types-for 'script'` is
// test/package/cdn-csp.test.ts's job.

type Rules = { createScriptURL: (input: string) => string };

let created: { name: string; rules: Rules }[];

function fakeTrustedTypes(refuse = false): void {
  created = [];
  vi.stubGlobal('trustedTypes', {
    createPolicy(name: string, rules: Rules) {
      if (refuse) throw new TypeError(`policy ${name} not allowed`);
      created.push({ name, rules });
      return { createScriptURL: (input: string) => ({ signed: rules.createScriptURL(input) }) };
    },
  });
}

/** A fresh copy of the module: it keeps its policy once made. */
async function load() {
  vi.resetModules();
  return import('./trusted-script-url.js');
}

describe('setScriptSrc', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('signs the loader URL through one policy named face-auth', async () => {
    fakeTrustedTypes();
    const { setScriptSrc, TRUSTED_TYPES_POLICY } = await load();
    const script = { src: '' as unknown };
    setScriptSrc(script as HTMLScriptElement, 'https://app.example/a/loader.js');
    setScriptSrc(script as HTMLScriptElement, 'https://app.example/b/loader.js');
    expect(TRUSTED_TYPES_POLICY).toBe('face-auth');
    expect(created.map((p) => p.name)).toEqual(['face-auth']);
    expect(script.src).toEqual({ signed: 'https://app.example/b/loader.js' });
  });

  it('refuses any URL but the one it is setting', async () => {
    fakeTrustedTypes();
    const { setScriptSrc } = await load();
    setScriptSrc({} as HTMLScriptElement, 'https://app.example/loader.js');
    const { rules } = created[0]!;
    expect(() => rules.createScriptURL('https://evil.example/x.js')).toThrow(/refuses/);
    expect(() => rules.createScriptURL('https://app.example/loader.js')).toThrow(/refuses/);
  });

  it('sets a plain URL where there is no Trusted Types, or the policy is not allowed', async () => {
    const plain = { src: '' };
    (await load()).setScriptSrc(plain as HTMLScriptElement, 'https://app.example/loader.js');
    expect(plain.src).toBe('https://app.example/loader.js');
    fakeTrustedTypes(true);
    const refused = { src: '' };
    (await load()).setScriptSrc(refused as HTMLScriptElement, 'https://app.example/loader.js');
    expect(refused.src).toBe('https://app.example/loader.js');
  });
});
