// webpack 5 with its defaults: no rule for the widget's files, which webpack finds through their
// `new URL(…, import.meta.url)` and emits as asset/resource on its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  output: {
    path: path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist-webpack'),
    filename: 'main.js',
    clean: true,
  },
};
