import type { Translation } from './translation.js';

/**
 * Brazilian Portuguese, addressing the user with “você” and avoiding gendered adjectives for the
 * user (“não se mexa”, not “fique parado/parada”).
 */
const ptBR: Translation = {
  $code: 'pt-BR',
  direction: 'ltr',
  label: 'Captura do rosto',
  introTitle: 'Tire uma selfie',
  introBody:
    'Vamos usar sua câmera para tirar uma foto do seu rosto. Ela é verificada primeiro neste dispositivo.',
  start: 'Começar',
  starting: 'Iniciando a câmera…',
  loadingDetector: 'Preparando…',
  cancel: 'Cancelar',
  previewLabel: 'Visualização da câmera',
  hints: {
    noFace: 'Posicione o rosto dentro do oval',
    multipleFaces: 'Apenas um rosto, por favor',
    faceUnclear: 'Deixe o rosto bem visível',
    moveCloser: 'Aproxime-se',
    moveBack: 'Afaste-se um pouco',
    centreFace: 'Centralize o rosto no oval',
    levelHead: 'Mantenha a cabeça reta',
    lookStraight: 'Olhe diretamente para a câmera',
    moreLight: 'Procure um lugar mais iluminado',
    lessLight: 'Muita luz: evite a luz direta',
    evenLight: 'Procure uma luz uniforme no rosto',
    blurry: 'Imagem desfocada: não se mexa',
    holdStill: 'Não se mexa',
  },
  holding: 'Ótimo, não se mexa…',
  paused: 'Em pausa',
  takePhoto: 'Tirar foto',
  detectorUnavailable:
    'A captura automática não está disponível. Centralize o rosto e tire a foto.',
  switchCamera: 'Câmera',
  cameraOption: (index) => `Câmera ${index}`,
  capturing: 'Tirando a foto…',
  capturedTitle: 'Foto tirada',
  capturedBody: 'Sua foto está pronta.',
  capturedImageAlt: 'Sua foto',
  retake: 'Tirar outra',
  cancelledTitle: 'Cancelado',
  startAgain: 'Começar de novo',
  cameraFailures: {
    'permission-denied': {
      title: 'O acesso à câmera está bloqueado',
      body: 'Permita o acesso à câmera para este site nas configurações do navegador (o ícone da câmera na barra de endereço) e tente novamente.',
      action: 'Tentar novamente',
    },
    'no-camera': {
      title: 'Nenhuma câmera encontrada',
      body: 'Conecte uma câmera ou use um dispositivo que tenha uma e tente novamente.',
      action: 'Tentar novamente',
    },
    'camera-busy': {
      title: 'A câmera está em uso',
      body: 'Feche outros aplicativos ou abas que estejam usando a câmera e tente novamente.',
      action: 'Tentar novamente',
    },
    constraints: {
      title: 'Não é possível usar a câmera',
      body: 'Sua câmera não é compatível com o modo de vídeo necessário. Tente outra câmera.',
      action: 'Tentar novamente',
    },
    'insecure-context': {
      title: 'Esta página não é segura',
      body: 'A câmera só funciona em páginas abertas por https. Abra o endereço seguro desta página.',
      action: 'Tentar novamente',
    },
    unsupported: {
      title: 'Este navegador não consegue usar a câmera',
      body: 'Abra esta página em um navegador atualizado, como Chrome, Edge, Firefox ou Safari.',
      action: 'Tentar novamente',
    },
    'track-ended': {
      title: 'A câmera parou',
      body: 'A câmera foi desconectada ou está sendo usada por outro aplicativo. Verifique e tente novamente.',
      action: 'Tentar novamente',
    },
  },
  errorTitle: 'Ocorreu um erro',
  captureFailed: 'Não foi possível salvar a foto. Tente novamente.',
  tryAgain: 'Tentar novamente',
  uploading: 'Enviando sua foto…',
  uploadProgressLabel: 'Envio da foto',
  checking: 'Confirmando sua identidade…',
  processing: 'Processando…',
  resultGreenTitle: 'Identidade confirmada',
  resultGreenBody: 'Seu rosto foi reconhecido. Você pode continuar.',
  resultRedTitle: 'Não foi possível confirmar sua identidade',
  rejectReasons: {
    FACE_MISMATCH: 'O rosto na foto não corresponde ao cadastrado.',
    NO_FACE: 'Nenhum rosto foi encontrado na foto.',
    MULTIPLE_FACES: 'Havia mais de um rosto na foto.',
    LOW_QUALITY:
      'A foto não ficou nítida o suficiente: procure um lugar bem iluminado e não se mexa.',
    livenessTurns:
      'Não conseguimos ver o giro da cabeça: gire a cabeça devagar para o lado indicado e depois olhe para a frente de novo.',
    livenessReflection:
      'As cores da tela não apareceram no seu rosto: olhe para a tela, chegue um pouco mais perto e evite luz forte.',
    livenessRecording:
      'O vídeo ficou curto demais ou foi interrompido: mantenha a página aberta até o fim da verificação.',
    livenessNotConfirmed: 'Não conseguimos confirmar que havia uma pessoa real diante da câmera.',
  },
  rejectOther: 'A foto não foi aprovada na verificação.',
  resultFinal:
    'Esta verificação não pode ser repetida. Se você acha que houve um engano, entre em contato com o atendimento.',
  resultErrorTitle: 'Não foi possível fazer a verificação',
  resultErrorBody: 'Ocorreu um erro do nosso lado ao verificar sua foto. Tente novamente.',
  onHoldTitle: 'Vamos avisar você',
  onHoldBody: 'Sua foto precisa passar por uma análise manual. Informaremos o resultado.',
  actionErrors: {
    config: 'Esta página não está configurada corretamente para a autenticação facial.',
    token:
      'Não foi possível iniciar a verificação: o serviço não permitiu o acesso. Tente novamente.',
    'token-expired': 'Sua sessão expirou. Tente novamente.',
    network: 'Sem conexão com o serviço. Verifique sua conexão com a internet e tente novamente.',
    'provider-rejected': 'O serviço não aceitou a solicitação.',
    'provider-unavailable': 'O serviço está indisponível no momento. Tente novamente em instantes.',
    'provider-response': 'O serviço respondeu de forma inesperada.',
    timeout: 'A verificação está demorando demais. Tente novamente mais tarde.',
    'liveness-unsupported':
      'A verificação precisa de um vídeo curto, e este navegador não consegue gravá-lo. Abra esta página em uma versão atualizada do Chrome, Edge, Firefox ou Safari.',
    'liveness-locked':
      'Para sua segurança, a verificação por vídeo foi pausada após várias tentativas sem sucesso. Volte em alguns minutos.',
    aborted: 'Cancelado.',
  },
  livenessLabel: 'Verificação por vídeo',
  livenessPreparing: 'Mais uma etapa: um vídeo curto…',
  livenessHoldStill: 'Não se mexa enquanto a tela muda de cor',
  livenessTurns: {
    left: 'Vire a cabeça para a esquerda',
    right: 'Vire a cabeça para a direita',
    up: 'Levante um pouco a cabeça',
  },
  livenessLookBack: 'Agora olhe de novo para a tela',
  livenessLockedTitle: 'Tentativas demais',
  livenessUnsupportedTitle: 'Este navegador não consegue gravar vídeo',
  errorDetail: (text) => `Detalhes: ${text}`,
};

export default ptBR;
