/** How the hosted-mode session endpoint runs, read from the environment. */
export type SessionSettings =
  | {
      readonly mode: 'mock';
      /** The lifetime the endpoint asks for, short so that renewals happen while you watch. */
      readonly lifetimeSeconds: number;
      /** Why the endpoint stayed on the mock although one OpenAI variable was set, or `null`. */
      readonly notice: string | null;
    }
  | {
      readonly mode: 'openai';
      readonly apiKey: string;
      readonly workflowId: string;
      /** The lifetime the endpoint asks for, or `undefined` for OpenAI's 600 seconds. */
      readonly lifetimeSeconds: number | undefined;
      readonly notice: null;
    };

/** The mock's session lifetime without `CHATKIT_MOCK_LIFETIME_SECONDS`, in seconds. */
export const DEFAULT_MOCK_LIFETIME_SECONDS = 30;

function readLifetime(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    throw new Error(`${name} must be a whole number of seconds from 1 to 600, got ${JSON.stringify(value)}.`);
  }
  return seconds;
}

/**
 * Reads the session endpoint's settings: OpenAI when both `OPENAI_API_KEY` and `CHATKIT_WORKFLOW_ID` are set, else
 * the in-memory mock of OpenAI's API.
 *
 * @param env The server's environment.
 * @returns The settings; the API key stays on the server.
 * @throws {Error} When a lifetime variable is not a whole number from 1 to 600.
 */
export function readSessionSettings(env: Readonly<Record<string, string | undefined>>): SessionSettings {
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const workflowId = env.CHATKIT_WORKFLOW_ID?.trim() || undefined;
  if (apiKey && workflowId) {
    const lifetimeSeconds = readLifetime('CHATKIT_SESSION_LIFETIME_SECONDS', env.CHATKIT_SESSION_LIFETIME_SECONDS);
    return { mode: 'openai', apiKey, workflowId, lifetimeSeconds, notice: null };
  }
  const lifetimeSeconds =
    readLifetime('CHATKIT_MOCK_LIFETIME_SECONDS', env.CHATKIT_MOCK_LIFETIME_SECONDS) ?? DEFAULT_MOCK_LIFETIME_SECONDS;
  const missing = apiKey ? 'CHATKIT_WORKFLOW_ID' : 'OPENAI_API_KEY';
  const notice =
    apiKey || workflowId ? `${missing} is not set, so the session endpoint uses the mock ChatKit API.` : null;
  return { mode: 'mock', lifetimeSeconds, notice };
}
