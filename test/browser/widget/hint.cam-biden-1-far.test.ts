import { hintSuite } from './hint-tests.js';

hintSuite('biden-1-far', 'moveCloser', 'Move closer');
