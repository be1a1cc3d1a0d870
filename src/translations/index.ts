import type { Translation } from './translation.js';
import ar from './ar.js';
import de from './de.js';
import en from './en.js';
import es from './es.js';
import fr from './fr.js';
import ptBR from './pt-BR.js';
import ru from './ru.js';
import tr from './tr.js';

export type { CameraFailureText, Translation } from './translation.js';
export { ar, de, en, es, fr, ptBR, ru, tr };

/**
 * The bundled translations by lowercase BCP 47 tag. A tag with a region names that variant; the
 * bare language names the variant its speakers get when their own is not bundled.
 */
const TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ['ar', ar],
  ['de', de],
  ['en', en],
  ['es', es],
  ['fr', fr],
  ['pt-br', ptBR],
  // Until a European Portuguese translation exists, pt and pt-PT read the Brazilian one.
  ['pt', ptBR],
  ['ru', ru],
  ['tr', tr],
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
 * bundled (`de-AT` → de, `ar-EG` → ar, `pt-PT` → pt → pt-BR), English otherwise. Case and `_`
 * for `-` (as in `ru_RU`) are forgiven.
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
