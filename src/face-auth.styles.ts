import { css } from 'lit';

export default css`
  :host {
    --face-auth-accent: #1a73e8;
    --face-auth-on-accent: #ffffff;
    --face-auth-good: #1e8e3e;
    --face-auth-background: #ffffff;
    --face-auth-foreground: #1f1f1f;
    --face-auth-muted: #5f6368;
    --face-auth-mask-color: rgba(0, 0, 0, 0.55);
    --face-auth-oval-color: rgba(255, 255, 255, 0.9);
    --face-auth-error: #c5221f;
    --face-auth-radius: 12px;
    --face-auth-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --face-auth-max-width: 720px;
    --face-auth-stage-max-height: 70vh;
    --face-auth-liveness-background: #202124;

    display: block;
    box-sizing: border-box;
    max-inline-size: var(--face-auth-max-width);
    min-inline-size: 0;
    color: var(--face-auth-foreground);
    background: var(--face-auth-background);
    font-family: var(--face-auth-font-family);
    font-size: 1rem;
    line-height: 1.4;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  /*
   * The base carries the translation's lang and dir. Everything below is laid out with logical
   * properties (inline/block, start/end), so it mirrors under dir="rtl"; text-align: start here
   * keeps a page's own text-align: left from reaching the widget's text.
   */
  .base {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 0.75rem;
    border-radius: var(--face-auth-radius);
    text-align: start;
  }

  /* ---- stage: video, mask, oval, ring ---- */
  /*
   * The stage keeps its aspect ratio (portrait 3:4 in narrow containers, 4:3 otherwise) and
   * shrinks in width when the height cap bites, as on landscape phones: a stage much wider than
   * the video would crop the face so much that the person could never back away far enough.
   */
  .stage {
    --_stage-aspect: 0.75;
    position: relative;
    aspect-ratio: var(--_stage-aspect);
    inline-size: min(100%, calc(var(--face-auth-stage-max-height) * var(--_stage-aspect)));
    margin-inline: auto;
    overflow: hidden;
    border-radius: var(--face-auth-radius);
    background: #000;
  }

  @container (min-width: 520px) {
    .stage {
      --_stage-aspect: 1.3333;
    }
  }

  /* A landscape phone is wide but short: use the landscape stage whatever the container. */
  @media (orientation: landscape) and (max-height: 500px) {
    .stage {
      --_stage-aspect: 1.3333;
    }
  }

  video {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  /*
   * A front camera's preview is flipped like a mirror. That is about the camera, not the text:
   * a physical transform on purpose, the same under dir="rtl".
   */
  video.mirrored {
    transform: scaleX(-1);
  }

  svg.overlay {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    pointer-events: none;
  }

  .mask {
    fill: var(--face-auth-mask-color);
  }

  .oval {
    fill: none;
    stroke: var(--face-auth-oval-color);
    stroke-width: 3;
  }

  .progress {
    fill: none;
    stroke: var(--face-auth-good);
    stroke-width: 6;
    stroke-linecap: round;
    transition: stroke-dashoffset 120ms linear;
  }

  .hint {
    position: absolute;
    inset-inline: 0.5rem;
    inset-block-end: 0.75rem;
    margin: 0 auto;
    inline-size: fit-content;
    max-inline-size: calc(100% - 1rem);
    padding: 0.5rem 0.9rem;
    border-radius: 999px;
    background: rgba(0, 0, 0, 0.72);
    color: #fff;
    font-weight: 600;
    text-align: center;
  }

  .hint.good {
    background: var(--face-auth-good);
  }

  .notice {
    margin: 0;
    color: var(--face-auth-muted);
    font-size: 0.9rem;
  }

  .veil {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: #fff;
    background: rgba(0, 0, 0, 0.45);
    text-align: center;
    padding: 1rem;
  }

  /* ---- liveness: the preview on a field of the challenge's colour, one prompt ---- */
  .liveness {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border-radius: var(--face-auth-radius);
    background: var(--face-auth-liveness-colour, var(--face-auth-liveness-background));
    /* Each colour is held for its whole segment: no fade that would blur the reflection. */
    transition: none;
  }

  /* While the colours show, the preview shrinks so the colour lights the face. */
  .liveness.reflection .liveness-stage {
    inline-size: min(60%, calc(var(--face-auth-stage-max-height) * 0.6 * var(--_stage-aspect)));
  }

  .liveness-prompt {
    margin: 0 auto;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    inline-size: fit-content;
    max-inline-size: 100%;
    padding: 0.5rem 0.9rem;
    border-radius: 999px;
    background: var(--face-auth-background);
    color: var(--face-auth-foreground);
    font-weight: 600;
    text-align: center;
  }

  .liveness-prompt .arrow {
    font-size: 1.5em;
    line-height: 1;
  }

  :host(:fullscreen) {
    max-inline-size: none;
    background: var(--face-auth-liveness-colour, var(--face-auth-background));
  }

  :host(:fullscreen) .liveness {
    min-block-size: 100vh;
    align-content: center;
  }

  /* ---- controls ---- */
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: center;
  }

  button {
    font: inherit;
    min-block-size: 44px;
    padding: 0.5rem 1.1rem;
    border-radius: 999px;
    border: 1px solid var(--face-auth-accent);
    background: transparent;
    color: var(--face-auth-accent);
    cursor: pointer;
  }

  button.primary {
    background: var(--face-auth-accent);
    color: var(--face-auth-on-accent);
  }

  button:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--face-auth-accent);
    outline-offset: 2px;
  }

  label.camera {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    max-inline-size: 100%;
  }

  select {
    font: inherit;
    min-block-size: 44px;
    max-inline-size: 14rem;
    border-radius: 8px;
    padding: 0.25rem 0.5rem;
  }

  /* ---- text screens ---- */
  .screen {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.75rem;
    padding: 1.5rem 0.5rem;
    text-align: center;
  }

  .title {
    margin: 0;
    font-size: 1.25rem;
  }

  .title:focus {
    outline: none;
  }

  .body {
    margin: 0;
    max-inline-size: 36rem;
    color: var(--face-auth-muted);
  }

  .screen.error .title {
    color: var(--face-auth-error);
  }

  .upload-progress {
    inline-size: min(16rem, 80%);
    accent-color: var(--face-auth-accent);
  }

  .reasons {
    margin: 0;
    padding-inline-start: 1.25rem;
    max-inline-size: 36rem;
    text-align: start;
  }

  .detail {
    margin: 0;
    max-inline-size: 36rem;
    font-size: 0.875em;
    color: var(--face-auth-muted);
    overflow-wrap: anywhere;
  }

  .captured-image {
    display: block;
    max-inline-size: 100%;
    max-block-size: 50vh;
    border-radius: var(--face-auth-radius);
  }

  .spinner {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    border: 4px solid rgba(127, 127, 127, 0.3);
    border-block-start-color: var(--face-auth-accent);
    animation: spin 0.9s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    .progress {
      transition: none;
    }
    .spinner {
      animation: none;
      border-color: var(--face-auth-accent);
    }
  }
`;
