// @vitest-environment node

import { PassThrough } from 'node:stream';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, Suspense } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend } from '../../core/test/createTestBackend.js';
import { ChatSessionDevtools } from '../src/devtools.js';
import {
  ChatSessionProvider,
  useChatKitApi,
  useChatKitCustomApi,
  useChatSession,
  usePrefetchChatSession,
  useSuspenseChatSession,
} from '../src/index.js';

// A hang detector, not a timing assertion: a render that waits for a session on the server never ends.
const HANG_MS = 2_000;

function Chat() {
  const { clientSecret } = useSuspenseChatSession();
  return <p>{clientSecret}</p>;
}

/** The app as a server renders it: the boundary inside the provider, as the hook's JSDoc recommends. */
function createApp() {
  const backend = createTestBackend();
  const fetchSession = vi.fn(backend.fetchSession);
  const app = (
    <QueryClientProvider client={new QueryClient()}>
      <ChatSessionProvider fetchSession={fetchSession}>
        <Suspense fallback={<p>loading</p>}>
          <Chat />
        </Suspense>
      </ChatSessionProvider>
    </QueryClientProvider>
  );
  return { app, fetchSession };
}

/** Resolves with what a stream wrote once all of it is ready, or with `'timed out'` after `HANG_MS`. */
function renderToStreamOrTimeOut(app: ReactNode): Promise<string> {
  let abort = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rendered = new Promise<string>((resolve, reject) => {
    const stream = renderToPipeableStream(app, {
      onAllReady() {
        const sink = new PassThrough();
        let html = '';
        sink.on('data', (chunk: Buffer) => {
          html += chunk.toString();
        });
        sink.on('end', () => resolve(html));
        stream.pipe(sink);
      },
      onShellError: reject,
      // The error that hands a boundary to the client is expected; React would log it.
      onError: () => {},
    });
    abort = () => stream.abort();
  });
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), HANG_MS);
  });
  return Promise.race([rendered, timedOut]).finally(() => {
    clearTimeout(timer);
    abort();
  });
}

describe('useSuspenseChatSession', () => {
  it('renders the fallback at once and fetches nothing when rendered to a string or a stream on a server', async () => {
    const first = createApp();
    const html = renderToString(first.app);
    expect({ html, hasSecret: /ek_/.test(html), fetches: first.fetchSession.mock.calls.length }).toEqual({
      html: expect.stringContaining('<p>loading</p>'),
      hasSecret: false,
      fetches: 0,
    });

    const second = createApp();
    const streamedHtml = await renderToStreamOrTimeOut(second.app);
    expect({
      html: streamedHtml,
      hasSecret: /ek_/.test(streamedHtml),
      fetches: second.fetchSession.mock.calls.length,
    }).toEqual({
      html: expect.stringContaining('<p>loading</p>'),
      hasSecret: false,
      fetches: 0,
    });
  });
});

describe('ChatSessionProvider', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders idle, makes no request and arms no timer when rendered on a server, devtools included', () => {
    vi.useFakeTimers();
    const backend = createTestBackend();
    function Status() {
      return <span>{useChatSession((session) => session.status)}</span>;
    }
    const html = renderToString(
      <ChatSessionProvider fetchSession={backend.fetchSession}>
        <Status />
        <ChatSessionDevtools initialIsOpen />
      </ChatSessionProvider>,
    );
    expect(html).toContain('<span>idle</span>');
    expect(html).toContain('ChatKit session: idle');
    expect(backend.requests).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renders ChatKit’s api options on a server, a relative url included, with no page to read it against', () => {
    vi.useFakeTimers();
    const backend = createTestBackend();
    function Chat() {
      const hosted = useChatKitApi();
      const custom = useChatKitCustomApi({ url: '/api/chatkit', domainKey: 'domain_pk_test' });
      const prefetch = usePrefetchChatSession();
      return (
        <button type="button" onPointerEnter={prefetch} data-url={custom.url}>
          {typeof hosted.getClientSecret}
        </button>
      );
    }
    const html = renderToString(
      <ChatSessionProvider fetchSession={backend.fetchSession}>
        <Chat />
      </ChatSessionProvider>,
    );
    expect(html).toContain('data-url="/api/chatkit"');
    expect(backend.requests).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
