import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';
import { chatkitDemoPlugin } from './server/chatkitDemoPlugin.js';

// The workspace packages resolve to their TypeScript sources, so the demo runs without a build.
const SOURCE_CONDITION = '@chatkit-session/source';

export default defineConfig({
  plugins: [react(), chatkitDemoPlugin()],
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  server: { host: '127.0.0.1', port: 5173 },
  // Pre-bundled up front, so the first page load never triggers a reload for a newly found dependency.
  optimizeDeps: {
    include: ['react', 'react/jsx-dev-runtime', 'react-dom/client', '@tanstack/react-query', '@openai/chatkit-react'],
  },
});
