import type { Translation } from './translation.js';

/**
 * French, addressing the user with « vous ». French typography puts a space before a colon: a
 * no-break one (`\u00a0`, written as an escape so that it stays visible), so a colon never starts
 * a line.
 */
const fr: Translation = {
  $code: 'fr',
  direction: 'ltr',
  label: 'Capture du visage',
  introTitle: 'Prenez un selfie',
  introBody:
    'Nous allons utiliser votre caméra pour prendre une photo de votre visage. Elle est d’abord vérifiée sur cet appareil.',
  start: 'Commencer',
  starting: 'Démarrage de la caméra…',
  loadingDetector: 'Préparation…',
  cancel: 'Annuler',
  previewLabel: 'Aperçu de la caméra',
  hints: {
    noFace: 'Placez votre visage dans l’ovale',
    multipleFaces: 'Un seul visage, s’il vous plaît',
    faceUnclear: 'Votre visage doit être bien visible',
    moveCloser: 'Rapprochez-vous',
    moveBack: 'Reculez un peu',
    centreFace: 'Centrez votre visage dans l’ovale',
    levelHead: 'Gardez la tête droite',
    lookStraight: 'Regardez directement la caméra',
    moreLight: 'Placez-vous dans un endroit plus éclairé',
    lessLight: 'Trop de lumière\u00a0: évitez la lumière directe',
    evenLight: 'Éclairez votre visage de manière uniforme',
    blurry: 'Image floue\u00a0: restez immobile',
    holdStill: 'Ne bougez plus',
  },
  holding: 'Parfait, ne bougez plus…',
  paused: 'En pause',
  takePhoto: 'Prendre la photo',
  detectorUnavailable:
    'La capture automatique n’est pas disponible. Centrez votre visage et prenez la photo.',
  switchCamera: 'Caméra',
  cameraOption: (index) => `Caméra ${index}`,
  capturing: 'Prise de la photo…',
  capturedTitle: 'Photo prise',
  capturedBody: 'Votre photo est prête.',
  capturedImageAlt: 'Votre photo',
  retake: 'Reprendre',
  cancelledTitle: 'Annulé',
  startAgain: 'Recommencer',
  cameraFailures: {
    'permission-denied': {
      title: 'L’accès à la caméra est bloqué',
      body: 'Autorisez l’accès à la caméra pour ce site dans les paramètres de votre navigateur (icône de caméra dans la barre d’adresse), puis réessayez.',
      action: 'Réessayer',
    },
    'no-camera': {
      title: 'Aucune caméra détectée',
      body: 'Branchez une caméra ou utilisez un appareil qui en est équipé, puis réessayez.',
      action: 'Réessayer',
    },
    'camera-busy': {
      title: 'La caméra est déjà utilisée',
      body: 'Fermez les autres applications ou onglets qui utilisent la caméra, puis réessayez.',
      action: 'Réessayer',
    },
    constraints: {
      title: 'Impossible d’utiliser la caméra',
      body: 'Votre caméra ne prend pas en charge le mode vidéo requis. Essayez une autre caméra.',
      action: 'Réessayer',
    },
    'insecure-context': {
      title: 'Cette page n’est pas sécurisée',
      body: 'La caméra ne fonctionne que sur les pages ouvertes en https. Ouvrez l’adresse sécurisée de cette page.',
      action: 'Réessayer',
    },
    unsupported: {
      title: 'Ce navigateur ne peut pas utiliser la caméra',
      body: 'Ouvrez cette page dans un navigateur à jour, comme Chrome, Edge, Firefox ou Safari.',
      action: 'Réessayer',
    },
    'track-ended': {
      title: 'La caméra s’est arrêtée',
      body: 'La caméra a été déconnectée ou est utilisée par une autre application. Vérifiez-la, puis réessayez.',
      action: 'Réessayer',
    },
  },
  errorTitle: 'Une erreur est survenue',
  captureFailed: 'La photo n’a pas pu être enregistrée. Veuillez réessayer.',
  tryAgain: 'Réessayer',
  uploading: 'Envoi de votre photo…',
  uploadProgressLabel: 'Envoi de la photo',
  checking: 'Nous vérifions qu’il s’agit bien de vous…',
  processing: 'Traitement en cours…',
  resultGreenTitle: 'Identité confirmée',
  resultGreenBody: 'Votre visage correspond. Vous pouvez continuer.',
  resultRedTitle: 'Nous n’avons pas pu confirmer votre identité',
  rejectReasons: {
    FACE_MISMATCH: 'Le visage sur la photo ne correspond pas à celui enregistré.',
    NO_FACE: 'Aucun visage n’a été détecté sur la photo.',
    MULTIPLE_FACES: 'La photo contenait plus d’un visage.',
    LOW_QUALITY:
      'La photo n’était pas assez nette\u00a0: placez-vous dans un endroit bien éclairé et ne bougez pas.',
    livenessTurns:
      'Nous n’avons pas vu votre tête tourner comme demandé\u00a0: tournez lentement la tête du côté indiqué, puis regardez de nouveau droit devant.',
    livenessReflection:
      'Les couleurs de l’écran n’ont pas été vues sur votre visage\u00a0: regardez l’écran, rapprochez-vous un peu et évitez les lumières vives.',
    livenessRecording:
      'La vidéo était trop courte ou a été interrompue\u00a0: gardez la page ouverte jusqu’à la fin de la vérification.',
    livenessNotConfirmed:
      'Nous n’avons pas pu confirmer qu’une personne réelle se trouvait devant la caméra.',
  },
  rejectOther: 'La photo n’a pas été validée.',
  resultFinal:
    'Cette vérification ne peut pas être renouvelée. Si vous pensez qu’il s’agit d’une erreur, contactez le service client.',
  resultErrorTitle: 'La vérification n’a pas pu être effectuée',
  resultErrorBody:
    'Un problème est survenu de notre côté lors de la vérification de votre photo. Veuillez réessayer.',
  onHoldTitle: 'Nous reviendrons vers vous',
  onHoldBody: 'Votre photo doit être vérifiée manuellement. Nous vous communiquerons le résultat.',
  actionErrors: {
    config: 'Cette page n’est pas correctement configurée pour l’authentification faciale.',
    token:
      'Impossible de lancer la vérification\u00a0: le service a refusé l’accès. Veuillez réessayer.',
    'token-expired': 'Votre session a expiré. Veuillez réessayer.',
    network: 'Pas de connexion au service. Vérifiez votre connexion Internet et réessayez.',
    'provider-rejected': 'Le service n’a pas accepté la demande.',
    'provider-unavailable':
      'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
    'provider-response': 'Le service a renvoyé une réponse inattendue.',
    timeout: 'La vérification prend trop de temps. Veuillez réessayer plus tard.',
    'liveness-unsupported':
      'La vérification a besoin d’une courte vidéo, et ce navigateur ne peut pas en enregistrer. Ouvrez cette page dans une version récente de Chrome, Edge, Firefox ou Safari.',
    'liveness-locked':
      'Pour votre sécurité, la vérification vidéo est suspendue après plusieurs tentatives infructueuses. Revenez dans quelques minutes.',
    aborted: 'Annulé.',
  },
  livenessLabel: 'Vérification vidéo',
  livenessPreparing: 'Encore une étape\u00a0: une courte vidéo…',
  livenessHoldStill: 'Ne bougez pas pendant que l’écran change de couleur',
  livenessTurns: {
    left: 'Tournez la tête vers la gauche',
    right: 'Tournez la tête vers la droite',
    up: 'Levez légèrement la tête',
  },
  livenessLookBack: 'Regardez à nouveau l’écran',
  livenessLockedTitle: 'Trop de tentatives',
  livenessUnsupportedTitle: 'Ce navigateur ne peut pas enregistrer de vidéo',
  errorDetail: (text) => `Détails\u00a0: ${text}`,
};

export default fr;
