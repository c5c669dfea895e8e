import type { Plugin, ViteDevServer } from 'vite';
import { loadEnv } from 'vite';
import type { createDemoMiddleware } from './createDemoMiddleware.js';
import { type DemoSettings, readDemoSettings } from './readDemoSettings.js';

type DemoMiddleware = ReturnType<typeof createDemoMiddleware>;
type DemoMiddlewareModule = { createDemoMiddleware: typeof createDemoMiddleware };

// Loaded through Vite's SSR pipeline, so the workspace packages run from their TypeScript sources (no build
// needed) and nothing of the server, the API key included, can end up in the browser bundle.
const MIDDLEWARE_MODULE = '/server/createDemoMiddleware.ts';

function describeSettings(settings: DemoSettings): string {
  if (settings.mode === 'openai') {
    const lifetime = settings.lifetimeSeconds ? `${settings.lifetimeSeconds} s sessions` : '600 s sessions';
    return `chatkit-session demo: OpenAI's ChatKit API, workflow ${settings.workflowId}, ${lifetime}`;
  }
  return `chatkit-session demo: mock ChatKit API, ${settings.lifetimeSeconds} s sessions`;
}

/** Builds the middleware once per version of its module, so an edit under `server/` takes effect on reload. */
function createMiddlewareLoader(server: ViteDevServer, settings: DemoSettings) {
  const built = new WeakMap<object, DemoMiddleware>();
  const log = (line: string) => server.config.logger.warn(line, { timestamp: true });
  return async (): Promise<DemoMiddleware> => {
    const module = (await server.ssrLoadModule(MIDDLEWARE_MODULE)) as DemoMiddlewareModule;
    let middleware = built.get(module);
    if (!middleware) {
      middleware = module.createDemoMiddleware(settings, log);
      built.set(module, middleware);
    }
    return middleware;
  };
}

/**
 * Creates the Vite plugin that mounts the demo's backend in the dev server: `POST /api/chatkit/session` (the real
 * `createChatSessionHandler` through `toNodeListener`), `GET /api/demo/config`, and on the mock API
 * `POST /api/mock/fail` and `GET /api/mock/calls`; for custom-backend mode, `POST /api/chatkit/token` (the real
 * `createChatKitTokenHandler`), `POST /api/chatkit` (a mock ChatKit server that checks tokens with
 * `verifyChatKitToken`) and `POST /api/demo/refuse-token`.
 *
 * @returns The plugin; it does nothing in `vite build`.
 */
export function chatkitDemoPlugin(): Plugin {
  return {
    name: 'chatkit-session-demo',
    apply: 'serve',
    configureServer(server) {
      // OPENAI_API_KEY may sit in .env.local: Vite exposes only VITE_-prefixed variables to the page.
      const env = { ...loadEnv(server.config.mode, server.config.envDir || server.config.root, ''), ...process.env };
      let settings: DemoSettings;
      try {
        settings = readDemoSettings(env);
      } catch (error) {
        // A mistyped variable is the user's to fix: its message, not a stack trace from inside Vite.
        server.config.logger.error(`chatkit-session demo: ${(error as Error).message}`);
        process.exit(1);
      }
      server.config.logger.info(describeSettings(settings));
      if (settings.notice) server.config.logger.warn(settings.notice);
      const load = createMiddlewareLoader(server, settings);
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/api/')) return next();
        load().then(
          (middleware) => middleware(req, res, next),
          (error: unknown) => next(error),
        );
      });
    },
  };
}
