// The CDN page's own script, loaded from a file as a strict CSP requires.
import { runWidget } from '../app/run-widget.js';

runWidget().catch((error) => {
  document.body.dataset.outcome = JSON.stringify({ event: 'error', message: String(error) });
});
