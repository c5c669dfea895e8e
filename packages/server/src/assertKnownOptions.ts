/**
 * Every option of an options type, each once: what `assertKnownOptions` is given, so that TypeScript fails the
 * build when an option is added to the type and not to the list (or listed and not in the type).
 */
export type OptionNames<T> = { readonly [K in keyof Required<T>]: true };

/**
 * Lists the options of an options type, checked against the type.
 *
 * @param names Each option of `T`, as `{ name: true }`.
 * @returns The option names, in the order given.
 */
export function optionNames<T>(names: OptionNames<T>): readonly string[] {
  return Object.keys(names);
}

// An unknown option's name is the caller's code, never a value; this only keeps a generated one from flooding a log.
const MAX_NAME_LENGTH = 60;

/** Lower case without `_`, `-` or spaces: `expires_after`, `ExpiresAfter` and `expiresAfter` are one name. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** How far `given` is from `candidate`, or `Infinity` when they are not close enough to suggest one for the other. */
function closeness(given: string, candidate: string): number {
  const distance = editDistance(given, candidate);
  if (distance <= (Math.min(given.length, candidate.length) <= 4 ? 1 : 2)) return distance;
  const [shorter, longer] = given.length < candidate.length ? [given, candidate] : [candidate, given];
  // `lifetime` for `lifetimeSeconds`, `timeout` for `upstreamTimeoutMs`: ranked after every near-miss.
  if (shorter.length >= 4 && longer.includes(shorter)) return 3 + (longer.length - shorter.length) / 100;
  return Number.POSITIVE_INFINITY;
}

/** The known option closest to an unknown one, through its own name or a related name, or `undefined`. */
function suggest(
  name: string,
  known: readonly string[],
  related: Readonly<Record<string, string>>,
): string | undefined {
  const given = normalize(name);
  const candidates: [string, string][] = [...known.map((option): [string, string] => [option, option])];
  candidates.push(...Object.entries(related));
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [alias, option] of candidates) {
    const score = closeness(given, normalize(alias));
    if (score < bestScore) [best, bestScore] = [option, score];
  }
  return best;
}

const quote = (name: string) => `\`${name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name}\``;

/**
 * Throws when an options object has an option its function does not know, as a misspelt option in plain
 * JavaScript (where no excess property check catches it) would otherwise be ignored without a word.
 *
 * The message names the function, the option and, when a known option is close (the same but for case or `_`, a
 * letter or two off, a prefix, or a related name such as a sibling function's), that option; else it lists the
 * known ones. It never shows a value, which may be a secret. Known options whose value is `undefined` are accepted.
 *
 * @param creator The public function the options belong to, for the message.
 * @param options The options as given; anything but an object is left to the checks that follow.
 * @param known The options the function takes.
 * @param related Names that are not options here but mean one, such as `{ expiresAfterSeconds: 'lifetimeSeconds' }`.
 * @param path Where the options sit inside the function's options, such as `userBudget`; `''` at the top.
 * @throws {TypeError} When `options` has an own key that is not in `known`, such as
 *   ``createChatKitTokenHandler: unknown option `expiresAfterSeconds` (did you mean `lifetimeSeconds`?)``.
 */
export function assertKnownOptions(
  creator: string,
  options: unknown,
  known: readonly string[],
  related: Readonly<Record<string, string>> = {},
  path = '',
): void {
  if (typeof options !== 'object' || options === null) return;
  const unknown = Object.keys(options).find((name) => !known.includes(name));
  if (unknown === undefined) return;
  const prefix = path === '' ? '' : `${path}.`;
  const suggestion = suggest(unknown, known, related);
  const hint =
    suggestion === undefined
      ? `known: ${known.map(quote).join(', ')}`
      : `did you mean ${quote(`${prefix}${suggestion}`)}?`;
  throw new TypeError(`${creator}: unknown option ${quote(`${prefix}${unknown}`)} (${hint})`);
}
