import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.gen.mjs';

export type Schemas = components['schemas'];

/** The API's error shape: `{ statusCode, code, message, details?, requestId }`. */
export interface ApiErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
  readonly requestId?: string;
}

/** A failed call: the API's answer, or a network failure (status 0, code NETWORK). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let currentToken: string | null = null;
let onExpired: () => void = () => undefined;

/** The session module tells the client which token to send and what to do when it stops working. */
export function bindSession(token: string | null, expired: () => void): void {
  currentToken = token;
  onExpired = expired;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (currentToken !== null) request.headers.set('Authorization', `Bearer ${currentToken}`);
    return request;
  },
  onResponse({ request, response }) {
    const signingIn = new URL(request.url).pathname === '/api/auth/login';
    if (response.status === 401 && !signingIn && currentToken !== null) onExpired();
    return response;
  },
};

/** The typed client: paths, parameters, bodies and answers come from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

function toProblem(status: number, error: unknown): ApiProblem {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const body = error as ApiErrorBody;
    return new ApiProblem(status, body.code, body.message, body.details ?? {});
  }
  return new ApiProblem(status, `HTTP_${status}`, 'The server gave an unexpected answer.');
}

/** Awaits a client call and returns its data, or throws an ApiProblem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiProblem(0, 'NETWORK', 'The server could not be reached.');
  }
  if (!result.response.ok || result.error !== undefined)
    throw toProblem(result.response.status, result.error);
  return result.data as T;
}

/**
 * Downloads a file the API streams (CSV exports, the data dictionary) with the session's token:
 * a plain link could not carry it.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: currentToken === null ? {} : { Authorization: `Bearer ${currentToken}` },
    });
  } catch {
    throw new ApiProblem(0, 'NETWORK', 'The server could not be reached.');
  }
  if (!response.ok) {
    if (response.status === 401) onExpired();
    throw toProblem(response.status, await response.json().catch(() => null));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
