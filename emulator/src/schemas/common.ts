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

/**
 * A multipart file part: validated by the `isFile` keyword, typed as a `FilePart`
 * (`platform/schema-types.ts`), documented as a binary string. The description is what makes it
 * a JSON Schema to json-schema-to-ts, whose schema type has no property in common with an
 * object of unknown keywords only.
 */
export const fileSchema = { isFile: true, description: 'A file' } as const;

/**
 * A response with no body (the API documentation's "Status Code 200" and nothing else): OpenAPI
 * shows no content, and the type provider types it `undefined` (`platform/schema-types.ts`), so
 * the handler sends nothing rather than a JSON `null`.
 */
export const noBody = { type: 'null', description: 'No body' } as const;

type Security = Record<string, string[]>[];
export const appTokenSecurity: Security = [{ appToken: [], appTokenTs: [], appTokenSig: [] }];
export const appOrAccessSecurity: Security = [
  { appToken: [], appTokenTs: [], appTokenSig: [] },
  { accessToken: [] },
];
export const bearerSecurity: Security = [{ secretKey: [] }];
