import type { Translation } from './translation.js';
import en from './en.js';
import ru from './ru.js';

export type { CameraFailureText, Translation } from './translation.js';
export { en, ru };

/**
 * The bundled translations by lowercase BCP 47 tag. A tag with a region names that variant; the
 * bare language names the variant its speakers get when their own is not bundled.
 */
const TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ['en', en],
  ['ru', ru],
]);

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
 * Picks the bundled translation for a BCP 47 tag, dropping subtags from the end until one is
 * bundled (`ru-RU` → ru, `zh-Hant-TW` → zh-Hant → zh), English otherwise. Case and `_` for `-`
 * (as in `ru_RU`) are forgiven.
 */
export function translationFor(lang: string | null | undefined): Translation {
  const subtags = (lang ?? '').trim().toLowerCase().split(/[-_]/);
  for (let n = subtags.length; n > 0; n--) {
    const t = TRANSLATIONS.get(subtags.slice(0, n).join('-'));
    if (t) return t;
  }
  return en;
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
