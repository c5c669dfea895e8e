import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

// The workspace packages resolve to their TypeScript sources, so the demo runs without a build.
const SOURCE_CONDITION = '@chatkit-session/source';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  server: { host: '127.0.0.1', port: 5173 },
});
