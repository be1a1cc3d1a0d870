import type { Translation } from './translation.js';

const en: Translation = {
  $code: 'en',
  label: 'Face capture',
  introTitle: 'Take a selfie',
  introBody:
    'We will use your camera to take one photo of your face. It is checked on this device first.',
  start: 'Start',
  starting: 'Starting the camera…',
  loadingDetector: 'Getting ready…',
  cancel: 'Cancel',
  previewLabel: 'Camera preview',
  hints: {
    noFace: 'Put your face in the oval',
    multipleFaces: 'Only one face, please',
    faceUnclear: 'Make sure your face is clearly visible',
    moveCloser: 'Move closer',
    moveBack: 'Move back a little',
    centreFace: 'Centre your face in the oval',
    levelHead: 'Keep your head level',
    lookStraight: 'Look straight at the camera',
    moreLight: 'Find more light',
    lessLight: 'Too bright: avoid direct light',
    evenLight: 'Find even light on your face',
    blurry: 'Image is blurry: hold steady',
    holdStill: 'Hold still',
  },
  holding: 'Great, hold still…',
  paused: 'Paused',
  takePhoto: 'Take photo',
  detectorUnavailable: 'Automatic capture is not available. Centre your face and take the photo.',
  switchCamera: 'Camera',
  cameraOption: (index) => `Camera ${index}`,
  capturing: 'Taking the photo…',
  capturedTitle: 'Photo taken',
  capturedBody: 'Your photo is ready.',
  capturedImageAlt: 'Your captured photo',
  retake: 'Retake',
  cancelledTitle: 'Cancelled',
  startAgain: 'Start again',
  cameraFailures: {
    'permission-denied': {
      title: 'Camera access is blocked',
      body: 'Allow camera access for this site in your browser settings (the camera icon in the address bar), then try again.',
      action: 'Try again',
    },
    'no-camera': {
      title: 'No camera found',
      body: 'Connect a camera or switch to a device that has one, then try again.',
      action: 'Try again',
    },
    'camera-busy': {
      title: 'The camera is in use',
      body: 'Close other apps or tabs that use the camera, then try again.',
      action: 'Try again',
    },
    constraints: {
      title: 'The camera cannot be used',
      body: 'Your camera does not support the required video mode. Try another camera.',
      action: 'Try again',
    },
    'insecure-context': {
      title: 'This page is not secure',
      body: 'The camera only works on pages opened over https. Open the secure address of this page.',
      action: 'Try again',
    },
    unsupported: {
      title: 'This browser cannot use the camera',
      body: 'Open this page in an up-to-date browser such as Chrome, Edge, Firefox or Safari.',
      action: 'Try again',
    },
    'track-ended': {
      title: 'The camera stopped',
      body: 'The camera was disconnected or taken by another app. Check it, then try again.',
      action: 'Try again',
    },
  },
  errorTitle: 'Something went wrong',
  captureFailed: 'The photo could not be saved. Please try again.',
  tryAgain: 'Try again',
};

export default en;
