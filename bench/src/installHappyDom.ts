import { Window } from 'happy-dom';

// What react-dom reads from the global scope when it renders into a document.
const GLOBALS = [
  'window',
  'document',
  'navigator',
  'HTMLElement',
  'HTMLIFrameElement',
  'Node',
  'Element',
  'Text',
  'Event',
];

/**
 * Installs a happy-dom window as the global `window` and `document` (and the few DOM classes react-dom reads), for
 * rendering React in Node. Timers stay Node's: the benchmark's own clock drives time.
 *
 * @returns The function that removes the globals and closes the window.
 */
export function installHappyDom(): () => Promise<void> {
  const window = new Window({ url: 'http://localhost/' });
  const host = globalThis as Record<string, unknown>;
  const previous = new Map(GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
  for (const name of GLOBALS) {
    const value = name === 'window' ? window : (window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return async () => {
    for (const [name, descriptor] of previous) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete host[name];
    }
    await window.happyDOM.close();
  };
}
