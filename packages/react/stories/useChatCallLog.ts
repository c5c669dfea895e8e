import { ChatSessionError } from '@chatkit-session/react';
import { useCallback, useRef, useState } from 'react';

/** One call a ChatKit stand-in made: `getClientSecret` (hosted mode) or a request through `fetch` (custom backend). */
export interface ChatCall {
  readonly number: number;
  /** The user whose ChatKit made the call: the one signed in when it was made. */
  readonly madeFor: string;
  /** What was called, as the log shows it. */
  readonly call: string;
  readonly state: 'pending' | 'answered' | 'rejected';
  /** The secret a `getClientSecret` call resolved with. */
  readonly secret: string | null;
  /** The status of the response a request resolved with. */
  readonly status: number | null;
  /** Why it rejected: a `ChatSessionError`'s kind, else the message. */
  readonly error: string | null;
}

/** What `useChatCallLog` returns. */
export interface ChatCallLog {
  /** The calls, oldest first. */
  readonly calls: readonly ChatCall[];
  /** Logs a call made for `madeFor` and how it ends; returns the call's promise as it is. */
  readonly track: <T extends string | Response>(madeFor: string, call: string, answer: Promise<T>) => Promise<T>;
}

/**
 * Returns a log of the calls the page's ChatKit made, kept above the chat so that it outlives a chat remounted for
 * another user: the call of a user signed out meanwhile stays in it, with how it ended.
 *
 * @returns The log.
 */
export function useChatCallLog(): ChatCallLog {
  const [calls, setCalls] = useState<readonly ChatCall[]>([]);
  const count = useRef(0);
  const track = useCallback(<T extends string | Response>(madeFor: string, call: string, answer: Promise<T>) => {
    count.current += 1;
    const number = count.current;
    const settle = (patch: Partial<ChatCall>) =>
      setCalls((list) => list.map((entry) => (entry.number === number ? { ...entry, ...patch } : entry)));
    setCalls((list) => [...list, { number, madeFor, call, state: 'pending', secret: null, status: null, error: null }]);
    answer.then(
      (value) =>
        settle(
          typeof value === 'string'
            ? { state: 'answered', secret: value }
            : { state: 'answered', status: value.status },
        ),
      (error: unknown) =>
        settle({
          state: 'rejected',
          error:
            error instanceof ChatSessionError ? error.kind : error instanceof Error ? error.message : String(error),
        }),
    );
    return answer;
  }, []);
  return { calls, track };
}
