/**
 * What the emulator's route schemas add to the contract's shapes (`../contract.ts`): error
 * responses by status, multipart file parts, OpenAPI security. The route schemas validate
 * requests and, through @fastify/swagger, are the OpenAPI document: one source, so the docs
 * cannot drift from the behaviour.
 */
import { providerErrorSchema } from '../contract.js';

/** Error responses for a route, by status. */
export function errors(...statuses: number[]): Record<number, typeof providerErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, providerErrorSchema]));
}

/** A multipart file part (validated by the `isFile` keyword, documented as a binary string). */
export const fileSchema = { isFile: true } as const;

type Security = Record<string, string[]>[];
export const appTokenSecurity: Security = [{ appToken: [], appTokenTs: [], appTokenSig: [] }];
export const appOrAccessSecurity: Security = [
  { appToken: [], appTokenTs: [], appTokenSig: [] },
  { accessToken: [] },
];
export const bearerSecurity: Security = [{ secretKey: [] }];
