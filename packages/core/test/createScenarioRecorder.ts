import { formatTime } from './lifecycleScenario.js';

/** What a runner records of one breach: its kind, when (true time since the start) and the trace up to it. */
export interface RecordedViolation<TKind extends string> {
  readonly kind: TKind;
  readonly atMs: number;
  readonly message: string;
  readonly trace: readonly string[];
}

/** How a runner records. */
export interface ScenarioRecorderOptions<TKind extends string> {
  /** The true time the run starts at: trace lines and breaches are timed from it. */
  readonly startMs: number;
  /** Whether to keep trace lines at all (the shrinker's runs do not). */
  readonly record?: boolean | undefined;
  /** How many of the last lines to keep. */
  readonly traceLines: number;
  /** The kind whose breach ends the run early, as the shrinker asks. */
  readonly stopOn?: TKind | undefined;
}

/**
 * The trace and the breaches of one simulated run, shared by the single-tab and the multi-tab runners: the last lines
 * of the trace, the first breach of each kind with the trace up to it, and whether the run should stop.
 *
 * @param options The start, what to keep and when to stop.
 * @returns The recorder.
 */
export function createScenarioRecorder<TKind extends string>({
  startMs,
  record = false,
  traceLines,
  stopOn,
}: ScenarioRecorderOptions<TKind>) {
  const trace: string[] = [];
  const violations = new Map<TKind, RecordedViolation<TKind>>();
  const recorder = {
    trace,
    violations,
    /** Whether the `stopOn` kind broke. */
    stopped: false,
    log(line: () => string) {
      if (!record) return;
      trace.push(`${formatTime(Date.now() - startMs)}  ${line()}`);
      if (trace.length > traceLines) trace.shift();
    },
    violate(kind: TKind, message: string) {
      if (violations.has(kind)) return;
      recorder.log(() => `VIOLATION (${kind}) ${message}`);
      violations.set(kind, { kind, atMs: Date.now() - startMs, message, trace: [...trace] });
      if (kind === stopOn) recorder.stopped = true;
    },
  };
  return recorder;
}
