/**
 * Formats rows as a Markdown table with padded, aligned columns (as the workspace's formatter, Biome, lays them
 * out); columns whose header starts with a space are right-aligned.
 *
 * @param headers The column headers.
 * @param rows The cells, row by row.
 * @returns The table, one line per row.
 * @example
 * formatTable(['name', ' size'], [['ours', '9.2 kB']]);
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const right = headers.map((header) => header.startsWith(' '));
  const cells = [headers, ...rows].map((row) => headers.map((_, column) => (row[column] ?? '').trim()));
  const widths = headers.map((_, column) => Math.max(3, ...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (right[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (right[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), rule, ...body.map(line)].join('\n');
}

/** Formats bytes as kilobytes (1 kB = 1000 B) with one decimal. */
export const kB = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 1000).toFixed(1)} kB`);

/** Formats a number with thousands separators and at most `digits` decimals. */
export const num = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Joins names as English prose: `a`, `a and b`, `a, b and c`. */
export const listOf = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** Formats a count of times as prose: `once`, `twice`, `3 times`, `1.5 times`. */
export const times = (value: number) => (value === 1 ? 'once' : value === 2 ? 'twice' : `${num(value, 2)} times`);
