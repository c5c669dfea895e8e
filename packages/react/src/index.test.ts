import * as core from '@chatkit-session/core';
import { describe, expect, it } from 'vitest';
import * as react from './index.js';

describe('@chatkit-session/react', () => {
  it('re-exports every value of @chatkit-session/core, so an app depends on this one package', () => {
    const reexported: Record<string, unknown> = react;
    const missing = Object.entries(core).filter(([name, value]) => reexported[name] !== value);
    expect(missing.map(([name]) => name)).toEqual([]);
  });
});
