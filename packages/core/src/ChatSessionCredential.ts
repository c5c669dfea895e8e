/**
 * What every credential the controller renews has: a secret (`client_secret` in ChatKit sessions and in the tokens of
 * `createChatKitTokenHandler` from `@chatkit-session/server`, `value` in OpenAI Realtime client secrets), its expiry in
 * Unix seconds and, when present, a status that must be `active`. A `parseSession` must return a type with these.
 */
export type ChatSessionCredentialFields = ({ readonly client_secret: string } | { readonly value: string }) & {
  /** When the secret dies, in Unix seconds. */
  readonly expires_at: number;
  /** `active` when present (ChatKit sessions); anything else is refused. */
  readonly status?: string;
};

/**
 * A short-lived credential as the controller checks it, without a `parseSession`: the checked fields, and every other
 * field passed through as your backend sent it, unchecked (so typed `unknown`).
 */
export type ChatSessionCredential = ChatSessionCredentialFields & { readonly [field: string]: unknown };

/**
 * Returns a credential's secret: `client_secret`, else `value`.
 *
 * @param credential A checked credential.
 * @returns The secret.
 */
export const getCredentialSecret = (credential: ChatSessionCredentialFields): string =>
  'client_secret' in credential ? credential.client_secret : credential.value;
