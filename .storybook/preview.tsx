import type { Decorator, Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { type ReactNode, useState } from 'react';

// Storybook serves the worker beside iframe.html (so a build deployed under a sub-path works); Vitest's browser
// mode serves the same static directory at its root.
const isVitest = '__vitest_browser__' in globalThis;
const serviceWorkerUrl = isVitest ? '/mockServiceWorker.js' : './mockServiceWorker.js';

async function startMockServiceWorker() {
  const worker = setupWorker();
  // Only the session endpoint is mocked, by each story; modules, assets and Storybook's own requests pass through.
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: serviceWorkerUrl } });
  return worker;
}

/** A QueryClient per story: no session or cache entry leaks from one story into the next. */
function FreshQueryClient({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient());
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const withFreshQueryClient: Decorator = (Story, context) => (
  <FreshQueryClient key={context.id}>
    <Story />
  </FreshQueryClient>
);

const preview: Preview = {
  loaders: [mswLoader(startMockServiceWorker)],
  decorators: [withFreshQueryClient],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'none' },
    docs: { codePanel: true },
    options: {
      storySort: {
        order: [
          'Getting started',
          'Scenarios',
          ['Session lifecycle', 'Renewing for someone', 'Failures', 'Device and clock', 'One session, many consumers'],
          'Components',
          'Integration',
        ],
      },
    },
  },
};

export default preview;
