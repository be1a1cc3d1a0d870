import { hintSuite } from './hint-tests.js';

hintSuite('two-people', 'multipleFaces', 'Only one face, please');
