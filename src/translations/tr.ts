import type { Translation } from './translation.js';

/** Turkish, addressing the user with “siz” (imperatives in -In: “yaklaşın”, “bakın”). */
const tr: Translation = {
  $code: 'tr',
  direction: 'ltr',
  label: 'Yüz çekimi',
  introTitle: 'Selfie çekin',
  introBody:
    'Kameranızla yüzünüzün bir fotoğrafını çekeceğiz. Fotoğraf önce bu cihazda kontrol edilir.',
  start: 'Başlat',
  starting: 'Kamera açılıyor…',
  loadingDetector: 'Hazırlanıyor…',
  cancel: 'İptal',
  previewLabel: 'Kamera önizlemesi',
  hints: {
    noFace: 'Yüzünüzü ovalin içine yerleştirin',
    multipleFaces: 'Lütfen karede yalnızca bir yüz olsun',
    faceUnclear: 'Yüzünüzün net göründüğünden emin olun',
    moveCloser: 'Biraz yaklaşın',
    moveBack: 'Biraz uzaklaşın',
    centreFace: 'Yüzünüzü ovalin ortasına getirin',
    levelHead: 'Başınızı düz tutun',
    lookStraight: 'Doğrudan kameraya bakın',
    moreLight: 'Daha aydınlık bir yer bulun',
    lessLight: 'Çok parlak: doğrudan ışıktan kaçının',
    evenLight: 'Yüzünüzün eşit şekilde aydınlandığından emin olun',
    blurry: 'Görüntü bulanık: sabit durun',
    holdStill: 'Kıpırdamayın',
  },
  holding: 'Harika, kıpırdamayın…',
  paused: 'Duraklatıldı',
  takePhoto: 'Fotoğraf çek',
  detectorUnavailable:
    'Otomatik çekim kullanılamıyor. Yüzünüzü ortalayın ve fotoğrafı kendiniz çekin.',
  switchCamera: 'Kamera',
  cameraOption: (index) => `Kamera ${index}`,
  capturing: 'Fotoğraf çekiliyor…',
  capturedTitle: 'Fotoğraf çekildi',
  capturedBody: 'Fotoğrafınız hazır.',
  capturedImageAlt: 'Çekilen fotoğrafınız',
  retake: 'Yeniden çek',
  cancelledTitle: 'İptal edildi',
  startAgain: 'Yeniden başlat',
  cameraFailures: {
    'permission-denied': {
      title: 'Kamera erişimi engellendi',
      body: 'Tarayıcı ayarlarından (adres çubuğundaki kamera simgesi) bu siteye kamera erişimi izni verin, ardından tekrar deneyin.',
      action: 'Tekrar dene',
    },
    'no-camera': {
      title: 'Kamera bulunamadı',
      body: 'Bir kamera bağlayın veya kamerası olan bir cihaza geçin, ardından tekrar deneyin.',
      action: 'Tekrar dene',
    },
    'camera-busy': {
      title: 'Kamera kullanımda',
      body: 'Kamerayı kullanan diğer uygulamaları veya sekmeleri kapatın, ardından tekrar deneyin.',
      action: 'Tekrar dene',
    },
    constraints: {
      title: 'Kamera kullanılamıyor',
      body: 'Kameranız gerekli video modunu desteklemiyor. Başka bir kamera deneyin.',
      action: 'Tekrar dene',
    },
    'insecure-context': {
      title: 'Bu sayfa güvenli değil',
      body: 'Kamera yalnızca https ile açılan sayfalarda çalışır. Bu sayfanın güvenli adresini açın.',
      action: 'Tekrar dene',
    },
    unsupported: {
      title: 'Bu tarayıcı kamerayı kullanamıyor',
      body: 'Bu sayfayı Chrome, Edge, Firefox veya Safari gibi güncel bir tarayıcıda açın.',
      action: 'Tekrar dene',
    },
    'track-ended': {
      title: 'Kamera durdu',
      body: 'Kameranın bağlantısı kesildi veya kamerayı başka bir uygulama kullanıyor. Kamerayı kontrol edin, ardından tekrar deneyin.',
      action: 'Tekrar dene',
    },
  },
  errorTitle: 'Bir sorun oluştu',
  captureFailed: 'Fotoğraf kaydedilemedi. Lütfen tekrar deneyin.',
  tryAgain: 'Tekrar dene',
  uploading: 'Fotoğrafınız gönderiliyor…',
  uploadProgressLabel: 'Fotoğraf gönderimi',
  checking: 'Kimliğiniz doğrulanıyor…',
  processing: 'İşleniyor…',
  resultGreenTitle: 'Kimliğiniz doğrulandı',
  resultGreenBody: 'Yüzünüz eşleşti. Devam edebilirsiniz.',
  resultRedTitle: 'Kimliğinizi doğrulayamadık',
  rejectReasons: {
    FACE_MISMATCH: 'Fotoğraftaki yüz, kayıtlı yüzle eşleşmiyor.',
    NO_FACE: 'Fotoğrafta yüz bulunamadı.',
    MULTIPLE_FACES: 'Fotoğrafta birden fazla yüz vardı.',
    LOW_QUALITY: 'Fotoğraf yeterince net değildi: iyi aydınlatılmış bir yer bulun ve kıpırdamayın.',
    livenessTurns:
      'Başınızın istendiği gibi döndüğünü göremedik: başınızı gösterilen yöne yavaşça çevirin, sonra yeniden düz bakın.',
    livenessReflection:
      'Ekranın renkleri yüzünüzde görülmedi: ekrana bakın, biraz yaklaşın ve parlak ışıktan uzak durun.',
    livenessRecording: 'Video çok kısaydı ya da kesildi: kontrol bitene kadar sayfayı açık tutun.',
    livenessNotConfirmed: 'Kameranın önünde gerçek bir kişinin olduğunu doğrulayamadık.',
  },
  rejectOther: 'Fotoğraf kontrolden geçemedi.',
  resultFinal:
    'Bu kontrol tekrarlanamaz. Bir hata olduğunu düşünüyorsanız müşteri hizmetleriyle iletişime geçin.',
  resultErrorTitle: 'Kontrol yapılamadı',
  resultErrorBody:
    'Fotoğrafınız kontrol edilirken bizden kaynaklanan bir sorun oluştu. Lütfen tekrar deneyin.',
  onHoldTitle: 'Size haber vereceğiz',
  onHoldBody:
    'Fotoğrafınızın bir uzman tarafından incelenmesi gerekiyor. Sonucu size bildireceğiz.',
  actionErrors: {
    config: 'Bu sayfa yüz doğrulama için doğru yapılandırılmamış.',
    token: 'Kontrol başlatılamadı: hizmet erişime izin vermedi. Lütfen tekrar deneyin.',
    'token-expired': 'Oturumunuzun süresi doldu. Lütfen tekrar deneyin.',
    network: 'Hizmete bağlanılamıyor. İnternet bağlantınızı kontrol edip tekrar deneyin.',
    'provider-rejected': 'Hizmet isteği kabul etmedi.',
    'provider-unavailable': 'Hizmet şu anda kullanılamıyor. Lütfen biraz sonra tekrar deneyin.',
    'provider-response': 'Hizmetten beklenmeyen bir yanıt geldi.',
    timeout: 'Kontrol çok uzun sürüyor. Lütfen daha sonra tekrar deneyin.',
    'liveness-unsupported':
      'Doğrulama için kısa bir video gerekiyor, ancak bu tarayıcı video kaydedemiyor. Bu sayfayı Chrome, Edge, Firefox veya Safari’nin güncel bir sürümünde açın.',
    'liveness-locked':
      'Güvenliğiniz için, başarısız birkaç denemeden sonra video kontrolü duraklatıldı. Lütfen birkaç dakika sonra tekrar gelin.',
    aborted: 'İptal edildi.',
  },
  livenessLabel: 'Video doğrulaması',
  livenessPreparing: 'Bir adım daha: kısa bir video…',
  livenessHoldStill: 'Ekranın rengi değişirken kıpırdamayın',
  livenessTurns: {
    left: 'Başınızı sola çevirin',
    right: 'Başınızı sağa çevirin',
    up: 'Başınızı biraz yukarı kaldırın',
  },
  livenessLookBack: 'Şimdi yeniden ekrana bakın',
  livenessLockedTitle: 'Çok fazla deneme',
  livenessUnsupportedTitle: 'Bu tarayıcı video kaydedemiyor',
  errorDetail: (text) => `Ayrıntılar: ${text}`,
};

export default tr;
