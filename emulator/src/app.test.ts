import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '../testing/support.js';
import { startTestProvider } from '../testing/support.js';

let t: TestProvider;
beforeAll(async () => {
  t = await startTestProvider();
});
afterAll(async () => t?.close());

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content: Record<string, { schema: { properties: Record<string, unknown> } }>;
        };
        responses: Record<string, unknown>;
        security?: unknown[];
        tags?: string[];
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
}

describe('/openapi.json', () => {
  it('documents every public endpoint from the validating schemas', async () => {
    const res = await fetch(`${t.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.entries(doc.paths).flatMap(([p, m]) =>
      Object.keys(m).map((verb) => `${verb.toUpperCase()} ${p}`),
    );
    const expected = [
      'POST /publicapi/api/v2/private/Applicants',
      'GET /publicapi/api/v2/private/Applicants',
      'GET /publicapi/api/v2/private/Applicants/{applicantId}',
      'PUT /publicapi/api/v2/private/Applicants/{applicantId}',
      'DELETE /publicapi/api/v2/private/Applicants/{applicantId}',
      'GET /publicapi/api/v2/public/Applicants/{applicantId}/Completed',
      'POST /publicapi/api/v2/public/Applicants/{applicantId}/Complete',
      'GET /publicapi/api/v2/private/Applicants/{applicantId}/Attempts',
      'POST /publicapi/api/v2/private/Applicants/{applicantId}/Attempts',
      'GET /publicapi/api/v2/private/Applicants/{applicantId}/Attempts/{attemptId}',
      'GET /publicapi/api/v2/private/Applicants/{applicantId}/Attempts/{attemptId}/Images',
      'POST /publicapi/api/v2/private/Applicants/{applicantId}/ReNotify',
      'GET /publicapi/api/v2/private/Applicants/{applicantId}/Attempts/{attemptId}/Video',
      'GET /publicapi/api/v2/private/Applicants/{applicantId}/Attempts/{attemptId}/LivenessActionVideo',
      'POST /publicapi/api/v2/private/Applicants/{applicantId}/liveness/challenge',
      'POST /resources/applicantActions/-/forApplicant/{applicantId}',
      'POST /resources/sdkIntegrations/levels/{levelName}/websdkLink',
      'POST /resources/applicantActions/{actionId}/images',
      'POST /resources/applicantActions/{actionId}/review/status/pending',
      'GET /resources/applicantActions/{actionId}/one',
      'GET /resources/applicantActions/{selector}',
      'GET /resources/applicantActions/{actionId}/images/{imageId}',
      'POST /resources/accessTokens',
      'POST /resources/sandbox/applicants/{applicantId}/nextReview',
      'POST /resources/applicantActions/{actionId}/liveness/challenge',
      'POST /resources/applicantActions/{actionId}/videos',
      'GET /resources/applicantActions/{actionId}/Video',
      'GET /resources/applicantActions/{actionId}/LivenessActionVideo',
      'POST /resources/sandbox/applicantActions/{actionId}/livenessChallenge',
      'POST /resources/sandbox/applicants/{applicantId}/livenessChallenge',
      'POST /resources/applicantActions/{actionId}/webhooks/resend',
      'POST /resources/sandbox/applicantActions/{actionId}/release',
    ];
    expect(ops.sort()).toEqual([...expected].sort());
    // Hidden: the doubled /publicapi/publicapi prefix and the pages.
    expect(ops.some((o) => o.includes('/publicapi/publicapi'))).toBe(false);

    // Each operation is filed under the API it belongs to, named for what it is.
    const tagsOf = Object.fromEntries(
      Object.entries(doc.paths).flatMap(([p, m]) =>
        Object.entries(m).map(([verb, op]) => [`${verb.toUpperCase()} ${p}`, op.tags]),
      ),
    );
    const emulatorOnly: Record<string, string> = {
      'POST /publicapi/api/v2/private/Applicants/{applicantId}/Attempts': 'Emulator: enrolment',
      'POST /publicapi/api/v2/private/Applicants/{applicantId}/liveness/challenge':
        'Emulator: enrolment',
      'POST /resources/sandbox/applicants/{applicantId}/livenessChallenge':
        'Emulator: sandbox controls',
      'POST /resources/sandbox/applicants/{applicantId}/nextReview': 'Emulator: sandbox controls',
      'POST /resources/applicantActions/{actionId}/webhooks/resend': 'Emulator: webhooks',
      'POST /resources/applicantActions/{actionId}/liveness/challenge': 'Emulator: liveness',
      'POST /resources/applicantActions/{actionId}/videos': 'Emulator: liveness',
      'GET /resources/applicantActions/{actionId}/Video': 'Emulator: liveness',
      'GET /resources/applicantActions/{actionId}/LivenessActionVideo': 'Emulator: liveness',
      'POST /resources/sandbox/applicantActions/{actionId}/livenessChallenge':
        'Emulator: sandbox controls',
      'POST /resources/sandbox/applicantActions/{actionId}/release': 'Emulator: sandbox controls',
    };
    for (const op of expected) {
      const api = op.includes('/publicapi/') ? 'Applicants' : 'Applicant actions';
      expect(tagsOf[op], op).toEqual([emulatorOnly[op] ?? api]);
    }

    const upload = doc.paths['/resources/applicantActions/{actionId}/images']!.post!;
    const multipart = upload.requestBody!.content['multipart/form-data']!.schema;
    expect(multipart.properties.content).toEqual({ type: 'string', format: 'binary' });
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '413', '415']),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'accessToken',
      'appToken',
      'appTokenSig',
      'appTokenTs',
      'secretKey',
    ]);
  });
});
