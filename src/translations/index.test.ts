import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ar from './ar.js';
import de from './de.js';
import type { Translation } from './index.js';
import { en, loadedTranslation, translationFor, withOverrides } from './index.js';
import ptBR from './pt-BR.js';
import ru from './ru.js';

/**
 * Every translation is a file named by its tag (`en.ts`, `pt-BR.ts`): reading the folder, not a
 * list kept by hand, is what catches a language that was added but not registered.
 */
const TAGS = readdirSync(dirname(fileURLToPath(import.meta.url)))
  .filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.ts$/.test(f))
  .map((f) => f.slice(0, -'.ts'.length));
const LANGUAGES: Translation[] = await Promise.all(
  TAGS.map(async (tag) => {
    const url = new URL(`./${tag}.ts`, import.meta.url).href;
    return ((await import(/* @vite-ignore */ url)) as { default: Translation }).default;
  }),
);

/** Sample arguments for each parameterised string, and the text its result must show. */
const SAMPLES: Record<string, { args: unknown[]; shows: string }> = {
  cameraOption: { args: [3], shows: '3' },
  errorDetail: { args: ['HTTP 503 (upstream)'], shows: 'HTTP 503 (upstream)' },
};

/** Strings a translation may share with English because the word is the same there. */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  de: ['errorDetail'], // „Details: …“
};

type Leaf = string | ((...args: unknown[]) => string);

/** The dotted paths of every string and function in a translation, nested groups included. */
function paths(t: object, prefix = ''): string[] {
  return Object.entries(t).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? paths(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function at(t: Translation, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], t);
}

/** What a leaf shows: the string itself, or a function's result for its sample arguments. */
function shown(leaf: Leaf, path: string): string {
  if (typeof leaf === 'string') return leaf;
  const sample = SAMPLES[path];
  if (!sample) throw new Error(`no sample arguments for ${path}: add them to SAMPLES`);
  return leaf(...sample.args);
}

/** The script direction the platform's locale data gives a tag, where the runtime has it. */
function intlDirection(tag: string): string | undefined {
  const locale = new Intl.Locale(tag) as Intl.Locale & {
    getTextInfo?: () => { direction?: string };
    textInfo?: { direction?: string };
  };
  return (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
}

const EN_PATHS = paths(en);

describe('translationFor', () => {
  it('picks the language by BCP 47 tag, dropping subtags from the end, English otherwise', async () => {
    expect(await translationFor('ru-RU')).toBe(ru);
    expect(await translationFor('RU')).toBe(ru);
    expect(await translationFor('de')).toBe(de);
    expect(await translationFor('de-AT')).toBe(de);
    expect(await translationFor('ar-EG')).toBe(ar);
    expect(await translationFor('pt-BR')).toBe(ptBR);
    expect(await translationFor('pt')).toBe(ptBR);
    expect(await translationFor('pt-PT')).toBe(ptBR);
    expect(await translationFor('xx')).toBe(en);
    expect(await translationFor('zh-Hant-TW')).toBe(en);
    expect(await translationFor(undefined)).toBe(en);
  });

  it('reads tags with underscores, spaces and extra subtags, and never a name off Object', async () => {
    expect(await translationFor('ru_RU')).toBe(ru);
    expect(await translationFor(' ru ')).toBe(ru);
    expect(await translationFor('ru-Cyrl-RU-x-private')).toBe(ru);
    for (const tag of ['', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await translationFor(tag)).toBe(en);
    }
  });

  it('has English at once and every other language once it was asked for', async () => {
    expect(loadedTranslation('en-GB')).toBe(en);
    expect(loadedTranslation('zz')).toBe(en);
    await translationFor('tr');
    expect(loadedTranslation('tr-TR')?.$code).toBe('tr');
  });

  it('has every translation file registered under its own canonical tag', async () => {
    expect(TAGS.length).toBeGreaterThanOrEqual(8);
    for (const [i, t] of LANGUAGES.entries()) {
      expect(TAGS[i]).toBe(t.$code);
      expect(Intl.getCanonicalLocales(t.$code)).toEqual([t.$code]);
      expect(await translationFor(t.$code)).toBe(t);
    }
  });
});

describe.each(LANGUAGES.map((t) => [t.$code, t] as const))('the %s translation', (code, t) => {
  it('has every string of English, non-empty and without stray spaces', () => {
    for (const path of EN_PATHS) {
      const leaf = at(t, path);
      expect(typeof leaf, path).toBe(typeof at(en, path));
      if (path === 'direction') continue;
      const text = shown(leaf as Leaf, path);
      expect(text.trim(), path).not.toBe('');
      expect(text, path).toBe(text.trim());
      expect(text, path).not.toMatch(/ {2}|undefined|\[object /);
    }
  });

  it('shows the parameter of every parameterised string', () => {
    for (const path of EN_PATHS.filter((p) => typeof at(en, p) === 'function')) {
      const sample = SAMPLES[path];
      expect(sample, `SAMPLES.${path}`).toBeDefined();
      expect(shown(at(t, path) as Leaf, path), path).toContain(sample?.shows);
    }
  });

  it.skipIf(code === 'en')('translates every string rather than keeping the English', () => {
    const allowed = SAME_AS_ENGLISH[code] ?? [];
    for (const path of EN_PATHS.filter((p) => p !== 'direction' && !allowed.includes(p))) {
      expect(shown(at(t, path) as Leaf, path), path).not.toBe(shown(at(en, path) as Leaf, path));
    }
  });

  it('writes in the direction of its script', () => {
    expect(['ltr', 'rtl']).toContain(t.direction);
    const expected = intlDirection(t.$code);
    if (expected) expect(t.direction).toBe(expected);
  });
});

describe('script-specific details', () => {
  it('lays Arabic out right to left and everything else bundled left to right', async () => {
    expect(ar.direction).toBe('rtl');
    expect((await translationFor('ar-SA')).direction).toBe('rtl');
    for (const t of LANGUAGES.filter((l) => l !== ar)) expect(t.direction, t.$code).toBe('ltr');
  });

  it('isolates the provider’s Latin-script words inside the Arabic sentence', () => {
    expect(ar.errorDetail('HTTP 503')).toContain('\u2068HTTP 503\u2069');
  });

  it('puts a no-break space, never a plain one, before a French colon', async () => {
    const fr = await translationFor('fr');
    for (const path of EN_PATHS.filter((p) => p !== 'direction')) {
      expect(shown(at(fr, path) as Leaf, path), path).not.toMatch(/[^\u00a0]:/);
    }
  });
});

describe('withOverrides', () => {
  it('overrides single strings, including nested ones, without touching the rest', () => {
    const t = withOverrides(en, { start: 'Go', hints: { moveCloser: 'Closer!' } });
    expect(t.start).toBe('Go');
    expect(t.hints.moveCloser).toBe('Closer!');
    expect(t.hints.moveBack).toBe(en.hints.moveBack);
    expect(en.hints.moveCloser).toBe('Move closer');
    expect(withOverrides(en, null)).toBe(en);
  });

  it('overrides single reasons and error messages without touching the rest', () => {
    const t = withOverrides(en, {
      rejectReasons: { FACE_MISMATCH: 'Not you.' },
      actionErrors: { timeout: 'Slow.' },
    });
    expect(t.rejectReasons.FACE_MISMATCH).toBe('Not you.');
    expect(t.rejectReasons.NO_FACE).toBe(en.rejectReasons.NO_FACE);
    expect(t.actionErrors.timeout).toBe('Slow.');
    expect(t.actionErrors.network).toBe(en.actionErrors.network);
  });

  it('keeps the base translation’s direction unless the host overrides it', () => {
    expect(withOverrides(ar, { start: 'ابدأ' }).direction).toBe('rtl');
    expect(withOverrides(en, { direction: 'rtl' }).direction).toBe('rtl');
  });
});
