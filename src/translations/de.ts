import type { Translation } from './translation.js';

/** German, addressing the user with „Sie“; buttons and titles in the infinitive, as German UIs do. */
const de: Translation = {
  $code: 'de',
  direction: 'ltr',
  label: 'Gesichtsaufnahme',
  introTitle: 'Selfie aufnehmen',
  introBody:
    'Wir nehmen mit Ihrer Kamera ein Foto Ihres Gesichts auf. Es wird zuerst auf diesem Gerät geprüft.',
  start: 'Starten',
  starting: 'Kamera wird gestartet…',
  loadingDetector: 'Wird vorbereitet…',
  cancel: 'Abbrechen',
  previewLabel: 'Kameravorschau',
  hints: {
    noFace: 'Platzieren Sie Ihr Gesicht im Oval',
    multipleFaces: 'Bitte nur ein Gesicht im Bild',
    faceUnclear: 'Ihr Gesicht muss gut zu sehen sein',
    moveCloser: 'Kommen Sie näher',
    moveBack: 'Gehen Sie etwas zurück',
    centreFace: 'Zentrieren Sie Ihr Gesicht im Oval',
    levelHead: 'Halten Sie den Kopf gerade',
    lookStraight: 'Schauen Sie direkt in die Kamera',
    moreLight: 'Sorgen Sie für mehr Licht',
    lessLight: 'Zu hell: Vermeiden Sie direktes Licht',
    evenLight: 'Sorgen Sie für gleichmäßiges Licht im Gesicht',
    blurry: 'Bild unscharf: Halten Sie das Gerät ruhig',
    holdStill: 'Bitte nicht bewegen',
  },
  holding: 'Sehr gut, bitte nicht bewegen…',
  paused: 'Pausiert',
  takePhoto: 'Foto aufnehmen',
  detectorUnavailable:
    'Die automatische Aufnahme ist nicht verfügbar. Zentrieren Sie Ihr Gesicht und nehmen Sie das Foto auf.',
  switchCamera: 'Kamera',
  cameraOption: (index) => `Kamera ${index}`,
  capturing: 'Foto wird aufgenommen…',
  capturedTitle: 'Foto aufgenommen',
  capturedBody: 'Ihr Foto ist bereit.',
  capturedImageAlt: 'Ihr aufgenommenes Foto',
  retake: 'Neu aufnehmen',
  cancelledTitle: 'Abgebrochen',
  startAgain: 'Neu starten',
  cameraFailures: {
    'permission-denied': {
      title: 'Kamerazugriff blockiert',
      body: 'Erlauben Sie dieser Website in den Browsereinstellungen den Zugriff auf die Kamera (Kamerasymbol in der Adressleiste) und versuchen Sie es dann erneut.',
      action: 'Erneut versuchen',
    },
    'no-camera': {
      title: 'Keine Kamera gefunden',
      body: 'Schließen Sie eine Kamera an oder verwenden Sie ein Gerät mit Kamera und versuchen Sie es dann erneut.',
      action: 'Erneut versuchen',
    },
    'camera-busy': {
      title: 'Die Kamera wird bereits verwendet',
      body: 'Schließen Sie andere Apps oder Tabs, die die Kamera nutzen, und versuchen Sie es dann erneut.',
      action: 'Erneut versuchen',
    },
    constraints: {
      title: 'Die Kamera kann nicht verwendet werden',
      body: 'Ihre Kamera unterstützt den benötigten Videomodus nicht. Versuchen Sie es mit einer anderen Kamera.',
      action: 'Erneut versuchen',
    },
    'insecure-context': {
      title: 'Diese Seite ist nicht sicher',
      body: 'Die Kamera funktioniert nur auf Seiten, die über https geöffnet werden. Öffnen Sie die sichere Adresse dieser Seite.',
      action: 'Erneut versuchen',
    },
    unsupported: {
      title: 'Dieser Browser kann die Kamera nicht verwenden',
      body: 'Öffnen Sie diese Seite in einem aktuellen Browser wie Chrome, Edge, Firefox oder Safari.',
      action: 'Erneut versuchen',
    },
    'track-ended': {
      title: 'Die Kamera ist nicht mehr aktiv',
      body: 'Die Kamera wurde getrennt oder von einer anderen App übernommen. Prüfen Sie sie und versuchen Sie es dann erneut.',
      action: 'Erneut versuchen',
    },
  },
  errorTitle: 'Ein Fehler ist aufgetreten',
  captureFailed: 'Das Foto konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.',
  tryAgain: 'Erneut versuchen',
  uploading: 'Ihr Foto wird gesendet…',
  uploadProgressLabel: 'Übertragung des Fotos',
  checking: 'Wir prüfen, ob Sie es sind…',
  processing: 'Wird verarbeitet…',
  resultGreenTitle: 'Identität bestätigt',
  resultGreenBody: 'Ihr Gesicht stimmt überein. Sie können fortfahren.',
  resultRedTitle: 'Wir konnten Ihre Identität nicht bestätigen',
  rejectReasons: {
    FACE_MISMATCH: 'Das Gesicht auf dem Foto stimmt nicht mit dem hinterlegten überein.',
    NO_FACE: 'Auf dem Foto wurde kein Gesicht erkannt.',
    MULTIPLE_FACES: 'Auf dem Foto war mehr als ein Gesicht zu sehen.',
    LOW_QUALITY:
      'Das Foto war nicht scharf genug: Sorgen Sie für gutes Licht und halten Sie still.',
    livenessTurns:
      'Wir konnten die Kopfdrehung nicht erkennen: Drehen Sie den Kopf langsam zur angezeigten Seite und schauen Sie dann wieder geradeaus.',
    livenessReflection:
      'Die Farben des Bildschirms waren auf Ihrem Gesicht nicht zu sehen: Schauen Sie auf den Bildschirm, kommen Sie etwas näher und meiden Sie helles Licht.',
    livenessRecording:
      'Das Video war zu kurz oder wurde unterbrochen: Lassen Sie die Seite bis zum Ende der Prüfung geöffnet.',
    livenessNotConfirmed:
      'Wir konnten nicht bestätigen, dass eine lebende Person vor der Kamera war.',
  },
  rejectOther: 'Das Foto hat die Prüfung nicht bestanden.',
  resultFinal:
    'Diese Prüfung kann nicht wiederholt werden. Wenn Sie einen Fehler vermuten, wenden Sie sich bitte an den Kundenservice.',
  resultErrorTitle: 'Die Prüfung konnte nicht durchgeführt werden',
  resultErrorBody:
    'Bei der Prüfung Ihres Fotos ist auf unserer Seite ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
  onHoldTitle: 'Wir melden uns bei Ihnen',
  onHoldBody: 'Ihr Foto wird noch manuell geprüft. Wir teilen Ihnen das Ergebnis mit.',
  actionErrors: {
    config: 'Diese Seite ist für die Gesichtsprüfung nicht richtig eingerichtet.',
    token:
      'Die Prüfung konnte nicht gestartet werden: Der Dienst hat den Zugang verweigert. Bitte versuchen Sie es erneut.',
    'token-expired': 'Ihre Sitzung ist abgelaufen. Bitte versuchen Sie es erneut.',
    network:
      'Keine Verbindung zum Dienst. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    'provider-rejected': 'Der Dienst hat die Anfrage nicht angenommen.',
    'provider-unavailable':
      'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in Kürze erneut.',
    'provider-response': 'Der Dienst hat unerwartet geantwortet.',
    timeout: 'Die Prüfung dauert zu lange. Bitte versuchen Sie es später erneut.',
    'liveness-unsupported':
      'Für die Prüfung ist ein kurzes Video nötig, und dieser Browser kann keines aufnehmen. Öffnen Sie die Seite in einer aktuellen Version von Chrome, Edge, Firefox oder Safari.',
    'liveness-locked':
      'Zu Ihrer Sicherheit ist die Videoprüfung nach mehreren nicht bestandenen Versuchen pausiert. Bitte versuchen Sie es in ein paar Minuten wieder.',
    aborted: 'Abgebrochen.',
  },
  livenessLabel: 'Videoprüfung',
  livenessPreparing: 'Noch ein Schritt: ein kurzes Video…',
  livenessHoldStill: 'Bitte still halten, während der Bildschirm die Farbe wechselt',
  livenessTurns: {
    left: 'Drehen Sie den Kopf nach links',
    right: 'Drehen Sie den Kopf nach rechts',
    up: 'Heben Sie den Kopf leicht an',
  },
  livenessLookBack: 'Schauen Sie jetzt wieder auf den Bildschirm',
  livenessLockedTitle: 'Zu viele Versuche',
  livenessUnsupportedTitle: 'Dieser Browser kann kein Video aufnehmen',
  errorDetail: (text) => `Details: ${text}`,
};

export default de;
