import { parseChatSession } from '@chatkit-session/core';
import { Bench } from 'tinybench';

/** One row of the parse cost table. */
export interface ParseCostRow {
  readonly task: string;
  /** The median over runs of each run's median time per call, in nanoseconds. */
  readonly nsPerCall: number;
  /** The per-run medians, in nanoseconds. */
  readonly runs: readonly number[];
}

/** A session as the ChatKit API returns it, with one field the beta may add (it is dropped). */
const RESPONSE_TEXT = JSON.stringify({
  id: 'cksess_68e1f2a3b4c5d6e7f8091a2b',
  object: 'chatkit.session',
  expires_at: 1_795_000_000,
  client_secret: 'ek_68e1f2a3b4c5d6e7f8091a2b_c2VjcmV0LXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tYmUtcmVhbGlzdGlj',
  workflow: {
    id: 'wf_68e1f2a3b4c5d6e7',
    version: '3',
    state_variables: { plan: 'pro', seats: 4 },
    tracing: { enabled: true },
  },
  user: 'user_42',
  rate_limits: { max_requests_per_1_minute: 10 },
  max_requests_per_1_minute: 10,
  status: 'active',
  chatkit_configuration: {
    automatic_thread_titling: { enabled: true },
    file_upload: { enabled: true, max_file_size: 512, max_files: 10 },
    history: { enabled: true, recent_threads: null },
  },
  created_at: 1_794_999_400,
});
const RESPONSE_OBJECT: unknown = JSON.parse(RESPONSE_TEXT);

const RUNS = 5;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * Measures `parseChatSession` against a plain `JSON.parse` of the same response, with tinybench: five runs of
 * 250 ms per task, reporting the median of the per-run medians.
 *
 * @returns One row per task.
 */
export async function measureParseCost(): Promise<ParseCostRow[]> {
  const tasks: [string, () => unknown][] = [
    ['`JSON.parse(text)` (baseline)', () => JSON.parse(RESPONSE_TEXT)],
    ['`parseChatSession(object)`', () => parseChatSession(RESPONSE_OBJECT)],
    ['`parseChatSession(JSON.parse(text))`', () => parseChatSession(JSON.parse(RESPONSE_TEXT))],
  ];
  const runs = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    const bench = new Bench({ time: 250, warmupTime: 50 });
    for (const [name, fn] of tasks) bench.add(name, fn);
    await bench.run();
    for (const task of bench.tasks) {
      const { result } = task;
      if (result.state !== 'completed') throw new Error(`The parse benchmark "${task.name}" did not complete.`);
      runs.get(task.name)?.push(Math.round(result.latency.p50 * 1e7) / 10);
    }
  }
  return tasks.map(([task]) => {
    const values = runs.get(task) ?? [];
    return { task, nsPerCall: median(values), runs: values };
  });
}
