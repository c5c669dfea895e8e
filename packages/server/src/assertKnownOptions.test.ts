import { describe, expect, it } from 'vitest';
import { assertKnownOptions } from './assertKnownOptions.js';

const KNOWN = ['secret', 'audience', 'lifetimeSeconds', 'now'] as const;

function messageFor(options: unknown, related: Readonly<Record<string, string>> = {}, path?: string): string | null {
  try {
    assertKnownOptions('createThing', options, KNOWN, related, path);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
}

describe('assertKnownOptions', () => {
  it('accepts known options, undefined ones included, and an empty object', () => {
    expect(messageFor({ secret: 'x', audience: undefined, lifetimeSeconds: undefined, now: undefined })).toBeNull();
    expect(messageFor({})).toBeNull();
  });

  it('leaves a missing or non-object options value to the checks that follow', () => {
    for (const options of [undefined, null, 42, 'secret', () => undefined]) expect(messageFor(options)).toBeNull();
  });

  it.each([
    ['SECRET', 'secret'], // case-insensitive
    ['audince', 'audience'], // one edit
    ['adiunce', 'audience'], // two edits (a transposition counts as one)
    ['lifetime', 'lifetimeSeconds'], // a known option starts with it
    ['lifetime_seconds', 'lifetimeSeconds'], // snake_case
    ['nwo', 'now'], // a short name: one edit
  ])('suggests the close known option for `%s`', (option, suggestion) => {
    expect(messageFor({ secret: 'x', [option]: 1 })).toBe(
      `createThing: unknown option \`${option}\` (did you mean \`${suggestion}\`?)`,
    );
  });

  it('suggests the option a related name stands for, such as a sibling function’s', () => {
    const related = { expiresAfterSeconds: 'lifetimeSeconds' };
    expect(messageFor({ expiresAfterSeconds: 30 }, related)).toContain('(did you mean `lifetimeSeconds`?)');
    expect(messageFor({ expiresAfter: 30 }, related)).toContain('(did you mean `lifetimeSeconds`?)');
    expect(messageFor({ expires_after_seconds: 30 }, related)).toContain('(did you mean `lifetimeSeconds`?)');
  });

  it('lists the known options when none is close, and names only the first unknown one', () => {
    expect(messageFor({ colour: 'blue', size: 2 })).toBe(
      'createThing: unknown option `colour` (known: `secret`, `audience`, `lifetimeSeconds`, `now`)',
    );
    expect(messageFor({ ab: 1 })).toContain('(known: ');
    expect(messageFor({ xyz: 1 })).toContain('(known: ');
  });

  it('names a nested option by its path', () => {
    expect(messageFor({ Secret: 'x' }, {}, 'budget')).toBe(
      'createThing: unknown option `budget.Secret` (did you mean `budget.secret`?)',
    );
  });

  it('shows no value, and shortens an absurdly long name', () => {
    const message = messageFor({ 'sk-proj-secretKEYvalue': 'sk-proj-secretVALUE', ['x'.repeat(500)]: 1 }) ?? '';
    expect(message).not.toContain('secretVALUE');
    const long = messageFor({ ['x'.repeat(500)]: 1 }) ?? '';
    expect(long.length).toBeLessThan(200);
  });
});
