import { CHATKIT_SESSION_LIMITS } from '@chatkit-session/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>chatkit-session</h1>
      <p>
        Sessions live at most {CHATKIT_SESSION_LIMITS.maxExpiresAfterSeconds} seconds. The live session demo (provider,
        countdown, renewal timeline on the mock API) arrives with the server package.
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
