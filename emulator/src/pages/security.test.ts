import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '../../testing/support.js';
import { approvedApplicant, level, startTestProvider } from '../../testing/support.js';

let t: TestProvider;
beforeAll(async () => {
  t = await startTestProvider({
    config: { websdk: { widgetScript: 'https://cdn.example.test/face-auth/face-auth.js' } },
  });
});
afterAll(async () => t?.close());

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** What every page answers with, whatever its status. */
function expectPageHeaders(res: Response) {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp['default-src']).toEqual(["'none'"]);
  expect(csp['script-src']).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
  expect(csp['script-src']).not.toContain("'unsafe-inline'");
  expect(csp['script-src']).not.toContain("'unsafe-eval'");
  expect(csp['style-src']).toEqual(["'self'"]);
  expect(csp['connect-src']).toContain("'self'");
  expect(csp['connect-src']).toContain('blob:'); // the widget's model, handed over from memory
  expect(csp['frame-ancestors']).toEqual(["'none'"]);
  expect(csp['base-uri']).toEqual(["'none'"]);
  expect(csp['form-action']).toEqual(["'self'"]);
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return csp;
}

/** Nothing inline a strict CSP would block: no inline script (a JSON data block is no script), style or handler. */
function expectNothingInline(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    if (/type="application\/json"/.test(attrs!)) continue;
    expect(attrs).toMatch(/\bsrc="/);
    expect(body!.trim()).toBe('');
  }
  expect(html).not.toMatch(/<style\b/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/\son[a-z]+=/);
}

describe('the provider pages', () => {
  it('validationLink: a strict CSP, no framing, no sniffing, no referrer, not cached; nothing inline', async () => {
    const a = await t.client.applicants.create({ firstName: 'Csp' });
    const res = await fetch(a.validationLink);
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expectNothingInline(await res.text());
  });

  it('the WebSDK link (its URL holds a token): the same, with the widget script’s origin allowed', async () => {
    const { referenceId } = await approvedApplicant(t.client);
    const { url } = await t.client.createWebsdkLink(level, {
      externalUserId: referenceId,
      externalActionId: `csp-${Date.now()}`,
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const csp = expectPageHeaders(res);
    expect(csp['script-src']).toContain('https://cdn.example.test');
    expect(csp['connect-src']).toContain(new URL(t.url).origin);
    expectNothingInline(await res.text());
  });

  it('message pages (unknown or expired link) carry the same headers', async () => {
    const res = await fetch(`${t.url}/websdk/p/nope`);
    expect(res.status).toBe(404);
    expectPageHeaders(res);
    expectNothingInline(
      // A message page has no script at all; give the check one so it looks at the rest.
      (await res.text()) + '<script src="/x"></script>',
    );
  });

  it('serves the pages’ script and style as files, typed and not sniffed', async () => {
    for (const [file, type] of [
      ['enrolment.js', 'text/javascript'],
      ['websdk.js', 'text/javascript'],
      ['page.css', 'text/css'],
    ] as const) {
      const res = await fetch(`${t.url}/pages/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await res.text()).length).toBeGreaterThan(100);
    }
    expect((await fetch(`${t.url}/pages/..%2Fhtml.ts`)).status).toBe(404);
    expect((await fetch(`${t.url}/pages/nope.js`)).status).toBe(404);
  });
});
