import { hintSuite } from './hint-tests.js';

hintSuite('no-face', 'noFace', 'Put your face in the oval');
