// The app's entry: the package as an integrator imports it, with nothing set but the locale.
import 'face-auth-widget/define';
import { runWidget } from './run-widget.js';

runWidget().catch((error) => {
  document.body.dataset.outcome = JSON.stringify({ event: 'error', message: String(error) });
});
