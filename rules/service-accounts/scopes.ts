/**
 * The scopes an API key of a service account can hold: a fixed list, here so that the server (the
 * key's actor, `hasScope`) and the UI (the create form) share it. Add a scope by adding a key; a
 * module then gives it rights in its own permission contributor (`hasScope(actor, '<scope>')`).
 */
export const SERVICE_SCOPES = ['dispute.intake'] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

/** What each scope lets an integration do (shown next to the scope in the UI; English, the UI translates by key). */
export const SERVICE_SCOPE_DESCRIPTIONS: Record<ServiceScope, string> = {
  'dispute.intake': 'Open disputes from the after-sales system and add buyer messages to them',
};

export function isServiceScope(s: string): s is ServiceScope {
  return (SERVICE_SCOPES as readonly string[]).includes(s);
}

/** Every API key starts with this, so a bearer token is told apart from a session token by its first characters. */
export const API_KEY_PREFIX = 'mcsk_';
/** How many leading characters of a key are kept in clear (`prefix`) for recognising it in the list. */
export const API_KEY_SHOWN_CHARS = 12;

/** A service account's name (its display name), in characters after trimming. */
export const SERVICE_ACCOUNT_NAME_LENGTH = { min: 2, max: 64 } as const;
