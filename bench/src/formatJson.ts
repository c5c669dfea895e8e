/**
 * Formats a value as JSON the way the workspace's formatter (Biome) leaves it: two-space indents, and arrays of
 * numbers or strings on one line, so that `pnpm lint` stays clean after a run.
 *
 * @param value The value.
 * @returns The JSON text, with a final newline.
 */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(/\[\n\s+([^[\]{}]*?)\n\s*\]/g, (whole, items: string) => {
    const inline = `[${items.split(/,\n\s*/).join(', ')}]`;
    return inline.length <= 80 ? inline : whole;
  });
  return `${text}\n`;
}
