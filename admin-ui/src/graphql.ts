/** The one way the UI talks to the server: POST /graphql with the session token. */
import { failureKey } from './providers/errors';

const TOKEN_KEY = 'mc.token';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Error codes the server puts in `errors[0].extensions.code`. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'INTERNAL' | 'NETWORK';

const KNOWN_CODES: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'TOO_MANY_REQUESTS', 'INTERNAL'];

/**
 * A failed request. `message` is its translation key, chosen in one place (providers/errors.ts:
 * `errors.<errorCode>`, `mc.error.<CODE>`, or as a last resort the server's message), that
 * react-admin's notifications translate; `body.errors` carries field errors so react-admin forms
 * show them next to the inputs; `serverMessage` keeps the server's (English) text: it is shown only
 * as that fallback, never parsed. `extensions` holds the refusal's other details (e.g. `retryAfterSeconds`).
 */
export class GraphQLRequestError extends Error {
  readonly status: number;
  readonly body?: { errors: Record<string, string> };
  constructor(
    readonly code: ErrorCode,
    readonly serverMessage: string,
    readonly fields: { field: string; message: string }[] = [],
    /** A business refusal's stable reason (`extensions.errorCode`, e.g. MAKER_CHECKER), when the server gives one. */
    readonly errorCode?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(failureKey({ code, serverMessage, fields, errorCode }));
    this.status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 400;
    if (fields.length) {
      // `input.roles` -> `roles`: the form's field names.
      this.body = { errors: Object.fromEntries(fields.map((f) => [f.field.replace(/^input\./, ''), f.message])) };
    }
  }
}

interface GqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; errorCode?: string; fields?: { field: string; message: string }[]; [k: string]: unknown } }[];
}

/** Runs one operation; resolves with `data` or rejects with a GraphQLRequestError. */
export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new GraphQLRequestError('NETWORK', e instanceof Error ? e.message : String(e));
  }
  let json: GqlResponse<T>;
  try {
    json = await res.json();
  } catch {
    throw new GraphQLRequestError(res.status >= 500 ? 'INTERNAL' : 'NETWORK', `HTTP ${res.status}`);
  }
  const err = json.errors?.[0];
  if (err) {
    const code = KNOWN_CODES.find((c) => c === err.extensions?.code) ?? 'INTERNAL';
    const { code: _code, errorCode, fields, ...extensions } = err.extensions ?? {};
    throw new GraphQLRequestError(code, err.message, fields, errorCode, extensions);
  }
  if (!json.data) throw new GraphQLRequestError('INTERNAL', 'empty response');
  return json.data;
}

/**
 * POSTs a file as the raw request body to one of the server's raw-body routes (`/uploads`,
 * `/uploads/reward-import?…`) with XHR, so the page can show the upload's progress (`fraction`
 * 0-1). Resolves with the JSON answer; rejects with a GraphQLRequestError carrying the server's
 * code, errorCode and fields (`{ error: { code, errorCode?, message, fields? } }`).
 */
export function postFile<T>(url: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = tokenStore.get();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new GraphQLRequestError('NETWORK', 'upload failed'));
    xhr.onload = () => {
      let body: { error?: { code?: string; errorCode?: string; message?: string; fields?: { field: string; message: string }[] } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 200 && !body.error) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      const given = body.error?.code as ErrorCode | undefined;
      const code: ErrorCode = xhr.status === 401 ? 'UNAUTHENTICATED' : xhr.status === 413 ? 'BAD_USER_INPUT' : given && KNOWN_CODES.includes(given) ? given : 'INTERNAL';
      reject(new GraphQLRequestError(code, body.error?.message ?? `HTTP ${xhr.status}`, body.error?.fields ?? [], body.error?.errorCode));
    };
    xhr.send(file);
  });
}
