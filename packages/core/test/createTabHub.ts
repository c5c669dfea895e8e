import type { BroadcastChannelLike, LockManagerLike } from '../src/index.js';

type Listener = (event: { readonly data: unknown }) => void;

/**
 * An in-memory stand-in for the tabs of one origin: `BroadcastChannel`s that deliver to every other channel of the
 * same name a macrotask later (structured-cloned, as browsers do), and a Web Locks manager honouring `ifAvailable`.
 */
export function createTabHub() {
  const channels = new Map<string, Set<{ listeners: Set<Listener> }>>();
  const heldLocks = new Set<string>();
  let messages = 0;
  let openChannels = 0;

  const createBroadcastChannel = (name: string): BroadcastChannelLike => {
    const self = { listeners: new Set<Listener>() };
    const peers = channels.get(name) ?? new Set();
    channels.set(name, peers.add(self));
    openChannels += 1;
    let closed = false;
    return {
      postMessage(message) {
        if (closed) throw new Error('InvalidStateError: the channel is closed');
        messages += 1;
        const data = structuredClone(message);
        for (const peer of peers) {
          if (peer === self) continue;
          setTimeout(() => {
            for (const listener of [...peer.listeners]) listener({ data });
          }, 0);
        }
      },
      addEventListener: (_, listener) => self.listeners.add(listener),
      removeEventListener: (_, listener) => self.listeners.delete(listener),
      close() {
        if (closed) return;
        closed = true;
        openChannels -= 1;
        peers.delete(self);
      },
    };
  };

  const locks: LockManagerLike = {
    async request(name, _options, callback) {
      if (heldLocks.has(name)) return callback(null);
      heldLocks.add(name);
      try {
        return await callback({ name });
      } finally {
        heldLocks.delete(name);
      }
    },
  };

  return {
    createBroadcastChannel,
    locks,
    /** A lock some dead tab holds forever. */
    holdForever: (name: string) => heldLocks.add(name),
    get messages() {
      return messages;
    },
    get openChannels() {
      return openChannels;
    },
  };
}
