import { type Span, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChatSessionEvent, createChatSessionController, reportEvents } from '../src/index.js';
import { createTestBackend } from './createTestBackend.js';
import { createTestEnvironment } from './createTestEnvironment.js';

const START = new Date('2026-11-26T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

// README snippet: start
/** Maps a controller's events onto OpenTelemetry spans: one span per request, a zero-length span for the rest. */
function toSpans(tracer: Tracer): (event: ChatSessionEvent) => void {
  let request: Span | null = null;
  return (event) => {
    if (event.type === 'request') {
      request = tracer.startSpan('chatkit_session.request', { startTime: event.at });
      return;
    }
    // A request's outcome ends its span; anything else (a lapse may come while a request is out) is a span of its own.
    const ends = event.type === 'renewal' || event.type === 'failure';
    const span = (ends && request) || tracer.startSpan(`chatkit_session.${event.type}`, { startTime: event.at });
    if (ends) request = null;
    if (event.reason) span.setAttribute('chatkit_session.reason', event.reason);
    if (event.attempt !== null) span.setAttribute('chatkit_session.attempt', event.attempt);
    if (event.remainingMs !== null) span.setAttribute('chatkit_session.remaining_ms', event.remainingMs);
    if (event.status !== null) span.setAttribute('http.response.status_code', event.status);
    if (event.requestId) span.setAttribute('chatkit_session.request_id', event.requestId);
    if (event.error) {
      span.setAttribute('error.type', event.error.kind);
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.message });
    }
    span.end(event.at);
  };
}
// README snippet: end

/** A controller on a 100 ms backend, reporting to `onEvent` (none when `null`), to spans by default. */
function setup({ onEvent }: { onEvent?: ((event: ChatSessionEvent) => void) | null } = {}) {
  const env = createTestEnvironment();
  const backend = createTestBackend({ latencyMs: 100 });
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('chatkit-session-test');
  const controller = createChatSessionController({
    fetchSession: backend.fetchSession,
    environment: env.environment,
    ...(onEvent === null ? {} : { telemetry: reportEvents(onEvent ?? toSpans(tracer)) }),
  });
  const spans = () =>
    exporter.getFinishedSpans().map((span: ReadableSpan) => ({
      name: span.name,
      attributes: span.attributes,
      status: span.status.code,
      startMs: span.startTime[0] * 1000 + span.startTime[1] / 1e6,
      durationMs: span.duration[0] * 1000 + span.duration[1] / 1e6,
    }));
  const expectNothingLeft = async () => {
    controller.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(env.listenerCount()).toBe(0);
  };
  return { env, backend, controller, spans, expectNothingLeft };
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('onEvent as OpenTelemetry spans', () => {
  it('makes a span of each request, an error span of a failure, and zero-length spans of a lapse and an expiry', async () => {
    const { backend, controller, spans, expectNothingLeft } = setup();
    const startedAt = Date.now();
    controller.start();
    const release = controller.hold();
    await vi.advanceTimersByTimeAsync(SECOND);
    backend.script({ kind: 'status', status: 503 });
    const { refreshAt } = controller.getState();
    // The scheduled renewal fails once, its retry lands.
    await vi.advanceTimersByTimeAsync((refreshAt ?? 0) - Date.now() + 5 * SECOND);
    expect(backend.reasons).toEqual(['initial', 'scheduled', 'retry']);
    release();
    await vi.advanceTimersByTimeAsync(11 * MINUTE);

    const finished = spans();
    expect(finished.map((span) => span.name)).toEqual([
      'chatkit_session.request',
      'chatkit_session.request',
      'chatkit_session.request',
      'chatkit_session.lapse',
      'chatkit_session.expiry',
    ]);
    const [initial, failed, retried, lapse, expiry] = finished;
    expect(initial).toMatchObject({
      startMs: startedAt,
      durationMs: 100,
      status: SpanStatusCode.UNSET,
      attributes: {
        'chatkit_session.reason': 'initial',
        'chatkit_session.attempt': 1,
        'chatkit_session.request_id': 'req_1',
      },
    });
    expect(initial?.attributes['chatkit_session.remaining_ms']).toBeGreaterThan(9 * MINUTE);
    // The backend answered with a Response: its status is on the span.
    expect(initial?.attributes['http.response.status_code']).toBe(200);
    // Timers run on whole milliseconds: the renewal goes out within a millisecond or two of its point.
    expect(Math.abs((failed?.startMs ?? 0) - (refreshAt ?? 0))).toBeLessThan(2);
    expect(failed).toMatchObject({
      durationMs: 100,
      status: SpanStatusCode.ERROR,
      attributes: {
        'chatkit_session.reason': 'scheduled',
        'chatkit_session.attempt': 1,
        'http.response.status_code': 503,
        'chatkit_session.request_id': 'req_2',
        'error.type': 'server',
      },
    });
    // The session held still had over a minute left when its renewal failed.
    expect(failed?.attributes['chatkit_session.remaining_ms']).toBeGreaterThan(MINUTE);
    expect(retried).toMatchObject({
      durationMs: 100,
      status: SpanStatusCode.UNSET,
      attributes: {
        'chatkit_session.reason': 'retry',
        'chatkit_session.attempt': 2,
        'chatkit_session.request_id': 'req_3',
      },
    });
    expect(retried?.startMs).toBeGreaterThanOrEqual((failed?.startMs ?? 0) + 100);
    expect(retried?.startMs).toBeLessThan((failed?.startMs ?? 0) + 100 + SECOND);
    expect(lapse).toMatchObject({ durationMs: 0, status: SpanStatusCode.UNSET });
    expect(lapse?.attributes['chatkit_session.remaining_ms']).toBeGreaterThan(0);
    expect(expiry).toMatchObject({
      durationMs: 0,
      startMs: controller.getState().expiresAt ?? expiry?.startMs,
      attributes: { 'chatkit_session.remaining_ms': 0 },
    });
    expect(expiry?.startMs).toBeGreaterThan(lapse?.startMs ?? 0);
    await expectNothingLeft();
  });

  it('makes an adoption span for an initial session', async () => {
    const env = createTestEnvironment();
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const backend = createTestBackend();
    const controller = createChatSessionController({
      fetchSession: backend.fetchSession,
      environment: env.environment,
      telemetry: reportEvents(toSpans(provider.getTracer('chatkit-session-test'))),
      initialSession: {
        session: { client_secret: 'ek_initial', expires_at: Math.floor(Date.now() / 1000) + 600 },
        expiresAt: Date.now() + 5 * MINUTE,
      },
    });
    const [adoption] = exporter.getFinishedSpans();
    expect(adoption?.name).toBe('chatkit_session.adoption');
    expect(adoption?.attributes).toEqual({ 'chatkit_session.remaining_ms': 5 * MINUTE });
    controller.dispose();
  });
});

describe('onEvent', () => {
  /** Runs the same hour with a hold, a failure and a lapse; returns what a user of the controller sees. */
  async function runHour(onEvent: ((event: ChatSessionEvent) => void) | null) {
    vi.setSystemTime(START);
    const { backend, controller, expectNothingLeft } = setup({ onEvent });
    const handedOut: string[] = [];
    controller.start();
    const release = controller.hold();
    await vi.advanceTimersByTimeAsync(SECOND);
    backend.script({ kind: 'status', status: 503 });
    const ask = async () => {
      const asked = controller.getClientSecret();
      await vi.advanceTimersByTimeAsync(SECOND);
      handedOut.push(await asked);
    };
    for (let minute = 0; minute < 30; minute += 3) {
      await ask();
      await vi.advanceTimersByTimeAsync(3 * MINUTE);
    }
    release();
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    await ask();
    const result = { reasons: [...backend.reasons], handedOut, state: controller.getState() };
    await expectNothingLeft();
    return result;
  }

  it('changes nothing when the listener throws', async () => {
    const quiet = await runHour(() => {});
    const throwing = vi.fn(() => {
      throw new Error('telemetry is down');
    });
    expect(await runHour(throwing)).toEqual(quiet);
    expect(throwing).toHaveBeenCalled();
    expect(quiet.reasons).toContain('retry');
  });

  it('is not needed: with none the controller renews and hands out the same secrets', async () => {
    const quiet = await runHour(() => {});
    expect(await runHour(null)).toEqual(quiet);
    expect(quiet.reasons).toEqual(expect.arrayContaining(['initial', 'scheduled', 'retry', 'on-demand']));
  });
});
