// The CDN entry: registers the element and exposes the same API as the package.
import './define.js';

export * from './index.js';
