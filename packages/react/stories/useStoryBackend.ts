import { useSyncExternalStore } from 'react';
import type { StoryBackend, StoryBackendSnapshot } from './createStoryBackend.js';
import type { StoryDevice, StoryDeviceSnapshot } from './createStoryDevice.js';

/**
 * Returns the backend's request log and counters, re-rendering when they change.
 *
 * @param backend The story's backend.
 * @returns Its snapshot.
 */
export function useStoryBackend(backend: StoryBackend): StoryBackendSnapshot {
  return useSyncExternalStore(backend.subscribe, backend.getSnapshot, backend.getSnapshot);
}

/**
 * Returns the device's switches, re-rendering when they change.
 *
 * @param device The story's device.
 * @returns Its snapshot.
 */
export function useStoryDevice(device: StoryDevice): StoryDeviceSnapshot {
  return useSyncExternalStore(device.subscribe, device.getSnapshot, device.getSnapshot);
}
