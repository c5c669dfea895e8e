import { maskClientSecret } from '@chatkit-session/react';
import type { CSSProperties } from 'react';
import type { StoryBackend, StoryRequest } from './createStoryBackend.js';
import { storyStyles } from './storyStyles.js';
import { useStoryBackend } from './useStoryBackend.js';
import { useStoryClockNow } from './useStoryClock.js';

/** The props of `SessionTimeline`. */
export interface SessionTimelineProps {
  readonly backend: StoryBackend;
  /** The shortest span the axis shows, in seconds. Defaults to `30`. */
  readonly minSpanSeconds?: number;
}

const LABEL_WIDTH = 190;

function tickStep(spanSeconds: number): number {
  return [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600].find((step) => spanSeconds / step <= 8) ?? 7200;
}

function rowLabel(request: StoryRequest): string {
  const what = request.outcome === 'session' ? maskClientSecret(request.secret) : describe(request);
  return `#${request.number} ${request.reason ?? ''} · ${what}`;
}

function describe(request: StoryRequest): string {
  if (request.outcome === 'pending') return 'pending';
  if (request.outcome === 'offline') return 'no network';
  return `failed ${request.status}`;
}

/**
 * Draws every request of the story on the story clock's time axis: each session as a bar from its arrival to its expiry (solid while
 * in use, pale once its successor arrived), each failure as a red mark, and a line at now.
 */
export function SessionTimeline({ backend, minSpanSeconds = 30 }: SessionTimelineProps) {
  const { requests } = useStoryBackend(backend);
  const now = useStoryClockNow(backend.clock, 250);
  const start = backend.startedAt;
  const latest = Math.max(now, ...requests.map((request) => request.expiresAt ?? 0));
  const spanMs = Math.max(minSpanSeconds * 1000, latest - start + 1000);
  const x = (time: number) => `${Math.min(100, Math.max(0, ((time - start) / spanMs) * 100))}%`;
  const width = (from: number, to: number) => `${Math.max(0.4, ((to - from) / spanMs) * 100)}%`;
  const sessions = requests.filter((request) => request.outcome === 'session');
  const successorOf = (request: StoryRequest) => sessions.find((next) => next.number > request.number);
  const step = tickStep(spanMs / 1000);
  const ticks = Array.from({ length: Math.floor(spanMs / 1000 / step) + 1 }, (_, index) => index * step);
  const lane: CSSProperties = { position: 'relative', flex: 1, height: 22 };

  return (
    <section style={storyStyles.card} aria-label="Timeline">
      <h3 style={storyStyles.title}>Timeline: each session from its arrival to its expiry</h3>
      <div style={{ display: 'flex', ...storyStyles.note }}>
        <div style={{ width: LABEL_WIDTH }} />
        <div style={{ ...lane, height: 18, borderBottom: '1px solid #d0d7de' }}>
          {ticks.map((tick, index) => (
            <span
              key={tick}
              style={{
                position: 'absolute',
                left: x(start + tick * 1000),
                transform: `translateX(${index === 0 ? 0 : index === ticks.length - 1 ? -100 : -50}%)`,
                whiteSpace: 'nowrap',
              }}
            >
              {tick} s
            </span>
          ))}
        </div>
      </div>
      <div data-testid="timeline">
        {requests.map((request) => {
          const arrived = request.finishedAt ?? now;
          const successor = successorOf(request);
          const replacedAt = Math.min(successor?.finishedAt ?? now, request.expiresAt ?? now);
          return (
            <div key={request.number} style={{ display: 'flex', alignItems: 'center', marginTop: 4 }}>
              <div style={{ width: LABEL_WIDTH, ...storyStyles.mono, fontSize: 12 }} data-testid="timeline-row">
                {rowLabel(request)}
              </div>
              <div style={lane}>
                {request.outcome === 'session' && request.expiresAt !== null ? (
                  <>
                    <div
                      style={{
                        position: 'absolute',
                        top: 3,
                        height: 16,
                        left: x(arrived),
                        width: width(arrived, replacedAt),
                        background: '#2da44e',
                        borderRadius: '4px 0 0 4px',
                      }}
                    />
                    <div
                      style={{
                        position: 'absolute',
                        top: 3,
                        height: 16,
                        left: x(replacedAt),
                        width: width(replacedAt, request.expiresAt),
                        background: '#aceebb',
                        borderRadius: '0 4px 4px 0',
                      }}
                    />
                  </>
                ) : (
                  <div
                    title={request.message ?? undefined}
                    style={{
                      position: 'absolute',
                      top: 4,
                      left: x(request.startedAt),
                      width: request.outcome === 'pending' ? width(request.startedAt, now) : 12,
                      height: 14,
                      borderRadius: 7,
                      background: request.outcome === 'pending' ? '#d0d7de' : '#cf222e',
                    }}
                  />
                )}
              </div>
            </div>
          );
        })}
      </div>
      <div style={{ display: 'flex' }}>
        <div style={{ width: LABEL_WIDTH }} />
        <div style={{ ...lane, height: 0 }}>
          <div
            style={{
              position: 'absolute',
              left: x(now),
              bottom: 0,
              height: 22 * (requests.length + 1) + 18,
              borderLeft: '2px dashed #0969da',
            }}
          />
        </div>
      </div>
      <p style={{ ...storyStyles.note, marginTop: 8 }}>
        Dark green: the secret in use. Pale green: still valid, already replaced. Red: a failed request. Blue: now.
      </p>
    </section>
  );
}
