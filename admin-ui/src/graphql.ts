/** The one way the UI talks to the server: POST /graphql with the session token. */

const TOKEN_KEY = 'mc.token';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Error codes the server puts in `errors[0].extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL'
  | 'NETWORK';

const KNOWN_CODES: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'TOO_MANY_REQUESTS', 'INTERNAL'];

/**
 * A failed request. `message` is a translation key (`mc.error.<CODE>`) that react-admin's
 * notifications translate; `body.errors` carries field errors so react-admin forms show them
 * next to the inputs; `serverMessage` keeps the server's (English) text for the console.
 */
export class GraphQLRequestError extends Error {
  readonly status: number;
  readonly body?: { errors: Record<string, string> };
  constructor(
    readonly code: ErrorCode,
    readonly serverMessage: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(`mc.error.${code}`);
    this.status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 400;
    if (fields.length) {
      // `input.roles` -> `roles`: the form's field names.
      this.body = { errors: Object.fromEntries(fields.map((f) => [f.field.replace(/^input\./, ''), f.message])) };
    }
  }
}

interface GqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; fields?: { field: string; message: string }[] } }[];
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
    throw new GraphQLRequestError(code, err.message, err.extensions?.fields);
  }
  if (!json.data) throw new GraphQLRequestError('INTERNAL', 'empty response');
  return json.data;
}
