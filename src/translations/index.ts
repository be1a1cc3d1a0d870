import type { Translation } from './translation.js';
import en from './en.js';
import ru from './ru.js';

export type { CameraFailureText, Translation } from './translation.js';
export { en, ru };

/** The bundled translations by primary language subtag. */
const TRANSLATIONS: Readonly<Record<string, Translation>> = Object.freeze({ en, ru });

/** Deep-enough overrides: nested groups (hints, camera failures) can be partially replaced. */
export type TranslationOverrides = Partial<
  Omit<Translation, 'hints' | 'cameraFailures' | 'rejectReasons' | 'actionErrors'> & {
    hints: Partial<Translation['hints']>;
    cameraFailures: Partial<Translation['cameraFailures']>;
    rejectReasons: Partial<Translation['rejectReasons']>;
    actionErrors: Partial<Translation['actionErrors']>;
  }
>;

/** Picks the bundled translation for a BCP 47 tag (`ru-RU` → ru), English otherwise. */
export function translationFor(lang: string | null | undefined): Translation {
  const primary = (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return TRANSLATIONS[primary] ?? en;
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
