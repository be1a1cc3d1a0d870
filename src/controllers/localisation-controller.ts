import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  en,
  loadedTranslation,
  translationFor,
  withOverrides,
  type Translation,
  type TranslationOverrides,
} from '../translations/index.js';

/** What the host asks for: its `locale` and `messages` properties. */
export interface LocalisationRequest {
  locale?: string | undefined;
  messages?: TranslationOverrides | undefined;
}

/**
 * The host's strings: the translation of its `locale` (or else of the nearest `lang` attribute,
 * then English) with its `messages` over it. A `lang` change anywhere in the document re-renders
 * the host in the new language. Languages other than English are loaded on demand: `load()` says
 * when the one asked for is there, and until then the strings stay in the language shown before
 * (English at first).
 */
export class LocalisationController implements ReactiveController {
  /**
   * The translation as last made, with what it was made from. The lookup walks the DOM for `lang`,
   * and the announcement asks on every flow change, so it is kept while connected: the `lang`
   * observer and every (dis)connection drop it.
   */
  private made: (LocalisationRequest & { t: Translation }) | null = null;
  /** The translation last made from, for the time the next one is loading. */
  private shown: Translation = en;
  private observer: MutationObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly request: () => LocalisationRequest,
  ) {
    host.addController(this);
  }

  get translation(): Translation {
    const { locale, messages } = this.request();
    const made = this.made;
    if (made && made.locale === locale && made.messages === messages) return made.t;
    const base = loadedTranslation(this.lang(locale));
    const t = withOverrides(base ?? this.shown, messages);
    if (!base) return t; // the language is loading: made again once it is there
    this.shown = base;
    // Detached, no observer watches `lang`: nothing is kept.
    this.made = this.host.isConnected ? { locale, messages, t } : null;
    return t;
  }

  /**
   * Null when the language asked for now is loaded; otherwise its load, which settles once the
   * strings are there (or could not be had: English then). The host renders after it, so it never
   * shows one language and then another.
   */
  load(): Promise<void> | null {
    const lang = this.lang(this.request().locale);
    if (loadedTranslation(lang)) return null;
    return translationFor(lang).then(() => {
      this.made = null;
    });
  }

  private lang(locale: string | undefined): string {
    return (
      locale || this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang
    );
  }

  hostConnected(): void {
    // The new place may have another `lang`; a `lang` change on an ancestor re-renders in it.
    this.made = null;
    this.observer = new MutationObserver(() => {
      this.made = null;
      this.host.requestUpdate();
    });
    this.observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.made = null;
  }
}
