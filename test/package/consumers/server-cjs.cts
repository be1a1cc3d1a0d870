// A Node backend in CommonJS (module nodenext, `require` under the hood) using face-auth-server.
import { ProviderClient, encodeMultipart, type ReviewAnswer } from 'face-auth-server';

const provider = new ProviderClient({ baseUrl: 'http://127.0.0.1:8080', secretKey: 'sk_test' });
export async function answerOf(actionId: string): Promise<ReviewAnswer | undefined> {
  const action = await provider.getAction(actionId);
  return action.review.reviewResult?.reviewAnswer;
}
export const body: Uint8Array = encodeMultipart({ metadata: '{}' }).body;
