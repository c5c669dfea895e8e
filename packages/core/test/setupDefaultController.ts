import { expect, vi } from 'vitest';
import {
  type ChatSessionController,
  type ChatSessionControllerOptions,
  type ChatSessionEvent,
  type ChatSessionState,
  createChatSessionController,
  reportEvents,
} from '../src/index.js';
import { createTestBackend } from './createTestBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';
import { SECOND } from './lifecycleScenario.js';

/** A controller with the default options on a test backend and environment, recording its events and states. */
export function setupDefaultController({
  lifetimeSeconds = 600,
  latencyMs = 100,
  seed = 1,
  options = {},
}: {
  lifetimeSeconds?: number;
  latencyMs?: number;
  seed?: number;
  options?: Partial<ChatSessionControllerOptions>;
} = {}) {
  const env = createTestEnvironment({ seed });
  const backend = createTestBackend({ lifetimeSeconds, latencyMs });
  const events: ChatSessionEvent[] = [];
  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: env.environment,
    telemetry: reportEvents((event) => events.push(event)),
    ...options,
  });
  const states: ChatSessionState[] = [];
  controller.subscribe((state) => states.push(state));
  /** True milliseconds a secret has left, by the backend that issued it; minus infinity for one it never issued. */
  const trueValidityOf = (secret: string | null) =>
    (backend.expiryOf(secret ?? '') ?? Number.NEGATIVE_INFINITY) - Date.now();
  const typesOf = (list = events) => list.map((event) => event.type);
  const expectNothingLeft = async () => {
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  };
  return { env, backend, controller, events, states, trueValidityOf, typesOf, expectNothingLeft };
}

/**
 * Starts a controller and gets it a session that nothing needs afterwards: fetched for a hold released as soon as it
 * landed (a chat opened and closed at once).
 */
export async function startWithUnneededSession(controller: ChatSessionController): Promise<void> {
  controller.start();
  const release = controller.hold();
  await vi.advanceTimersByTimeAsync(SECOND);
  release();
  // The release takes effect a moment later (a hold taken again at once, as StrictMode does, is no release).
  await vi.advanceTimersByTimeAsync(1);
}

/** Moves fake time to a wall-clock instant (a no-op for one already past). */
export const advanceTo = (at: number) => vi.advanceTimersByTimeAsync(Math.max(0, at - Date.now()));
