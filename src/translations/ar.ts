import type { Translation } from './translation.js';

/**
 * Modern Standard Arabic, written right to left. Instructions use «يُرجى» with a verbal noun
 * («يُرجى الاقتراب») and buttons a verbal noun («إلغاء»), as Arabic banking apps do: formal, and
 * the same for a man or a woman, which a bare imperative («اقترب»/«اقتربي») is not.
 */
const ar: Translation = {
  $code: 'ar',
  direction: 'rtl',
  label: 'التقاط صورة الوجه',
  introTitle: 'التقاط صورة ذاتية',
  introBody: 'سنستخدم الكاميرا لالتقاط صورة واحدة لوجهك. يجري التحقق منها على هذا الجهاز أولًا.',
  start: 'بدء',
  starting: 'جارٍ تشغيل الكاميرا…',
  loadingDetector: 'جارٍ التحضير…',
  cancel: 'إلغاء',
  previewLabel: 'معاينة الكاميرا',
  hints: {
    noFace: 'يُرجى وضع وجهك داخل الشكل البيضاوي',
    multipleFaces: 'يجب أن يظهر وجه واحد فقط',
    faceUnclear: 'يُرجى التأكد من أن وجهك واضح',
    moveCloser: 'يُرجى الاقتراب',
    moveBack: 'يُرجى الابتعاد قليلًا',
    centreFace: 'يُرجى وضع وجهك في منتصف الشكل البيضاوي',
    levelHead: 'يُرجى إبقاء رأسك مستقيمًا',
    lookStraight: 'يُرجى النظر مباشرةً إلى الكاميرا',
    moreLight: 'يُرجى الانتقال إلى مكان أكثر إضاءة',
    lessLight: 'الإضاءة قوية جدًا: يُرجى تجنّب الضوء المباشر',
    evenLight: 'يُرجى الحرص على إضاءة متساوية على وجهك',
    blurry: 'الصورة غير واضحة: يُرجى الثبات',
    holdStill: 'يُرجى الثبات',
  },
  holding: 'ممتاز، يُرجى الثبات…',
  paused: 'متوقف مؤقتًا',
  takePhoto: 'التقاط الصورة',
  detectorUnavailable: 'الالتقاط التلقائي غير متاح. يُرجى وضع وجهك في المنتصف والتقاط الصورة.',
  switchCamera: 'الكاميرا',
  cameraOption: (index) => `الكاميرا ${index}`,
  capturing: 'جارٍ التقاط الصورة…',
  capturedTitle: 'تم التقاط الصورة',
  capturedBody: 'صورتك جاهزة.',
  capturedImageAlt: 'صورتك الملتقطة',
  retake: 'إعادة الالتقاط',
  cancelledTitle: 'تم الإلغاء',
  startAgain: 'البدء من جديد',
  cameraFailures: {
    'permission-denied': {
      title: 'الوصول إلى الكاميرا محظور',
      body: 'يُرجى السماح لهذا الموقع بالوصول إلى الكاميرا من إعدادات المتصفح (رمز الكاميرا في شريط العنوان)، ثم المحاولة مرة أخرى.',
      action: 'إعادة المحاولة',
    },
    'no-camera': {
      title: 'لم يتم العثور على كاميرا',
      body: 'يُرجى توصيل كاميرا أو استخدام جهاز مزوّد بكاميرا، ثم المحاولة مرة أخرى.',
      action: 'إعادة المحاولة',
    },
    'camera-busy': {
      title: 'الكاميرا قيد الاستخدام',
      body: 'يُرجى إغلاق التطبيقات أو علامات التبويب الأخرى التي تستخدم الكاميرا، ثم المحاولة مرة أخرى.',
      action: 'إعادة المحاولة',
    },
    constraints: {
      title: 'تعذّر استخدام الكاميرا',
      body: 'لا تدعم الكاميرا وضع الفيديو المطلوب. يُرجى تجربة كاميرا أخرى.',
      action: 'إعادة المحاولة',
    },
    'insecure-context': {
      title: 'هذه الصفحة غير آمنة',
      body: 'لا تعمل الكاميرا إلا في الصفحات المفتوحة عبر https. يُرجى فتح العنوان الآمن لهذه الصفحة.',
      action: 'إعادة المحاولة',
    },
    unsupported: {
      title: 'لا يمكن لهذا المتصفح استخدام الكاميرا',
      body: 'يُرجى فتح هذه الصفحة في متصفح حديث مثل Chrome أو Edge أو Firefox أو Safari.',
      action: 'إعادة المحاولة',
    },
    'track-ended': {
      title: 'توقفت الكاميرا',
      body: 'فُصلت الكاميرا أو يستخدمها تطبيق آخر. يُرجى التحقق منها، ثم المحاولة مرة أخرى.',
      action: 'إعادة المحاولة',
    },
  },
  errorTitle: 'حدث خطأ',
  captureFailed: 'تعذّر حفظ الصورة. يُرجى المحاولة مرة أخرى.',
  tryAgain: 'إعادة المحاولة',
  uploading: 'جارٍ إرسال صورتك…',
  uploadProgressLabel: 'إرسال الصورة',
  checking: 'جارٍ التحقق من هويتك…',
  processing: 'جارٍ المعالجة…',
  resultGreenTitle: 'تم التحقق من هويتك',
  resultGreenBody: 'وجهك مطابق. يمكنك المتابعة.',
  resultRedTitle: 'تعذّر علينا التحقق من هويتك',
  rejectReasons: {
    FACE_MISMATCH: 'الوجه في الصورة لا يطابق الوجه المسجّل لدينا.',
    NO_FACE: 'لم يتم العثور على وجه في الصورة.',
    MULTIPLE_FACES: 'ظهر أكثر من وجه في الصورة.',
    LOW_QUALITY: 'لم تكن الصورة واضحة بما يكفي: يُرجى اختيار إضاءة جيدة والثبات.',
    livenessTurns:
      'لم نتمكن من رؤية رأسك يستدير كما طُلب: أدِر رأسك ببطء إلى الجهة المعروضة، ثم انظر إلى الأمام مجددًا.',
    livenessReflection:
      'لم تظهر ألوان الشاشة على وجهك: انظر إلى الشاشة واقترب قليلًا وابتعد عن الضوء الساطع.',
    livenessRecording: 'كان الفيديو قصيرًا جدًا أو انقطع: أبقِ الصفحة مفتوحة حتى ينتهي التحقق.',
    livenessNotConfirmed: 'لم نتمكن من التأكد من وجود شخص حقيقي أمام الكاميرا.',
  },
  rejectOther: 'لم تجتز الصورة عملية التحقق.',
  resultFinal:
    'لا يمكن إعادة هذا التحقق. إذا كنت تعتقد أن هناك خطأ، فيُرجى التواصل مع خدمة العملاء.',
  resultErrorTitle: 'تعذّر إجراء التحقق',
  resultErrorBody: 'حدث خطأ من جهتنا أثناء التحقق من صورتك. يُرجى المحاولة مرة أخرى.',
  onHoldTitle: 'سنوافيك بالنتيجة',
  onHoldBody: 'تحتاج صورتك إلى مراجعة يدوية. سنُبلغك بالنتيجة لاحقًا.',
  actionErrors: {
    config: 'هذه الصفحة غير مهيّأة بشكل صحيح للتحقق بالوجه.',
    token: 'تعذّر بدء التحقق: لم تسمح الخدمة بالوصول. يُرجى المحاولة مرة أخرى.',
    'token-expired': 'انتهت صلاحية الجلسة. يُرجى المحاولة مرة أخرى.',
    network: 'لا يوجد اتصال بالخدمة. يُرجى التحقق من اتصالك بالإنترنت والمحاولة مرة أخرى.',
    'provider-rejected': 'لم تقبل الخدمة الطلب.',
    'provider-unavailable': 'الخدمة غير متاحة حاليًا. يُرجى المحاولة مرة أخرى بعد قليل.',
    'provider-response': 'ردّت الخدمة بشكل غير متوقع.',
    timeout: 'يستغرق التحقق وقتًا طويلًا. يُرجى المحاولة مرة أخرى لاحقًا.',
    'liveness-unsupported':
      'يتطلب التحقق مقطع فيديو قصيرًا، ولا يستطيع هذا المتصفح تسجيله. افتح هذه الصفحة في إصدار حديث من Chrome أو Edge أو Firefox أو Safari.',
    'liveness-locked':
      'حفاظًا على أمانك، أُوقف التحقق بالفيديو مؤقتًا بعد عدة محاولات لم تنجح. يُرجى العودة بعد بضع دقائق.',
    aborted: 'تم الإلغاء.',
  },
  // The provider's words are usually Latin script: isolated (U+2068 … U+2069) so that their
  // punctuation and digits keep their order inside the Arabic sentence.
  livenessLabel: 'التحقق بالفيديو',
  livenessPreparing: 'خطوة أخرى: مقطع فيديو قصير…',
  livenessHoldStill: 'يُرجى الثبات بينما يتغيّر لون الشاشة',
  livenessTurns: {
    left: 'أدِر رأسك إلى اليسار',
    right: 'أدِر رأسك إلى اليمين',
    up: 'ارفع رأسك قليلًا',
  },
  livenessLookBack: 'والآن انظر إلى الشاشة مجددًا',
  livenessLockedTitle: 'محاولات كثيرة جدًا',
  livenessUnsupportedTitle: 'لا يستطيع هذا المتصفح تسجيل الفيديو',
  errorDetail: (text) => `التفاصيل: \u2068${text}\u2069`,
};

export default ar;
