import type { Translation } from './translation.js';
import en from './en.js';

export type { CameraFailureText, Translation } from './translation.js';
export { en };

/**
 * The translations by lowercase BCP 47 tag. A tag with a region names that variant; the bare
 * language names the variant its speakers get when their own is not there. English is part of the
 * element; every other language is a module of its own, loaded the first time it is asked for, so
 * a page downloads only the language it shows.
 */
const TRANSLATIONS: ReadonlyMap<string, () => Promise<{ default: Translation }>> = new Map([
  ['ar', () => import('./ar.js')],
  ['de', () => import('./de.js')],
  ['en', () => Promise.resolve({ default: en })],
  ['es', () => import('./es.js')],
  ['fr', () => import('./fr.js')],
  ['pt-br', () => import('./pt-BR.js')],
  // Until a European Portuguese translation exists, pt and pt-PT read the Brazilian one.
  ['pt', () => import('./pt-BR.js')],
  ['ru', () => import('./ru.js')],
  ['tr', () => import('./tr.js')],
]);

/** The translations loaded so far, by their tag in TRANSLATIONS. */
const loaded = new Map<string, Translation>([['en', en]]);

/** Deep-enough overrides: nested groups (hints, camera failures) can be partially replaced. */
export type TranslationOverrides = Partial<
  Omit<Translation, 'hints' | 'cameraFailures' | 'rejectReasons' | 'actionErrors'> & {
    hints: Partial<Translation['hints']>;
    cameraFailures: Partial<Translation['cameraFailures']>;
    rejectReasons: Partial<Translation['rejectReasons']>;
    actionErrors: Partial<Translation['actionErrors']>;
  }
>;

/**
 * The tag of the translation for a BCP 47 tag, dropping subtags from the end until one is there
 * (`de-AT` → de, `ar-EG` → ar, `pt-PT` → pt), `en` otherwise. Case and `_` for `-` (as in
 * `ru_RU`) are forgiven.
 */
function translationTag(lang: string | null | undefined): string {
  const subtags = (lang ?? '').trim().toLowerCase().split(/[-_]/);
  for (let n = subtags.length; n > 0; n--) {
    const tag = subtags.slice(0, n).join('-');
    if (TRANSLATIONS.has(tag)) return tag;
  }
  return 'en';
}

/**
 * The translation for a BCP 47 tag, as `translationFor` picks it, if it is loaded already;
 * undefined while it is not.
 */
export function loadedTranslation(lang: string | null | undefined): Translation | undefined {
  return loaded.get(translationTag(lang));
}

/**
 * Picks the translation for a BCP 47 tag, dropping subtags from the end until one is there
 * (`de-AT` → de, `ar-EG` → ar, `pt-PT` → pt → pt-BR), English otherwise, and loads it. English
 * too when the language's module cannot be loaded.
 */
export async function translationFor(lang: string | null | undefined): Promise<Translation> {
  const tag = translationTag(lang);
  const known = loaded.get(tag);
  if (known) return known;
  try {
    const t = (await TRANSLATIONS.get(tag)!()).default;
    loaded.set(tag, t);
    return t;
  } catch {
    return en;
  }
}

/** A translation with the host's overrides applied over it. */
export function withOverrides(base: Translation, over?: TranslationOverrides | null): Translation {
  if (!over) return base;
  return {
    ...base,
    ...over,
    hints: { ...base.hints, ...over.hints },
    cameraFailures: { ...base.cameraFailures, ...over.cameraFailures },
    rejectReasons: { ...base.rejectReasons, ...over.rejectReasons },
    actionErrors: { ...base.actionErrors, ...over.actionErrors },
  } as Translation;
}
