// A Node backend in ESM (module nodenext) using face-auth-server.
import {
  ProviderApiError,
  ProviderClient,
  verifyWebhook,
  type ActionWebhook,
} from 'face-auth-server';

const provider = new ProviderClient({
  baseUrl: 'http://127.0.0.1:8080',
  appToken: 'token',
  appSecret: 'secret',
});
const { token } = await provider.createAccessToken({
  userId: 'user-1',
  levelName: 'face-auth',
  externalActionId: 'payout-1',
  ttlInSecs: 600,
});
export const checked: string = token;
export function onWebhook(raw: string, headers: Record<string, string>): ActionWebhook | null {
  return verifyWebhook(raw, headers, 'secret') ? (JSON.parse(raw) as ActionWebhook) : null;
}
export const isRefusal = (e: unknown): boolean => e instanceof ProviderApiError && e.status === 401;
