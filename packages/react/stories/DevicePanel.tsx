import type { StoryBackend } from './createStoryBackend.js';
import type { StoryDevice } from './createStoryDevice.js';
import { storyStyles } from './storyStyles.js';
import { useStoryDevice } from './useStoryBackend.js';
import { useStoryClockNow } from './useStoryClock.js';

/** The props of `DevicePanel`. */
export interface DevicePanelProps {
  readonly device: StoryDevice;
  /** Cut off with the device when it goes offline. */
  readonly backend: StoryBackend;
  /** How long the Sleep button sleeps, in milliseconds. Defaults to two hours. */
  readonly sleepMs?: number;
}

const clock = (time: number) => new Date(time).toLocaleTimeString('en-GB', { hour12: false });

function describeOffset(ms: number): string {
  if (Math.abs(ms) < 1000) return 'right';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const amount = minutes >= 1 ? `${minutes} min` : `${Math.round(Math.abs(ms) / 1000)} s`;
  return `${amount} ${ms > 0 ? 'ahead' : 'behind'}`;
}

/** Shows the device's clock and network, with the switches the device stories flip. */
export function DevicePanel({ device, backend, sleepMs = 2 * 60 * 60_000 }: DevicePanelProps) {
  const { clockOffsetMs, online, visible } = useStoryDevice(device);
  const now = useStoryClockNow(device.clock, 1000);
  const setOnline = (value: boolean) => {
    backend.setOffline(!value);
    device.setOnline(value);
  };
  return (
    <section style={storyStyles.card} aria-label="Device">
      <h3 style={storyStyles.title}>Device (the injected environment)</h3>
      <dl style={storyStyles.facts}>
        <dt style={storyStyles.term}>device clock</dt>
        <dd style={{ margin: 0 }} data-testid="device-clock">
          {clock(now + clockOffsetMs)} ({describeOffset(clockOffsetMs)})
        </dd>
        <dt style={storyStyles.term}>true time</dt>
        <dd style={{ margin: 0 }}>{clock(now)}</dd>
        <dt style={storyStyles.term}>network</dt>
        <dd style={{ margin: 0 }} data-testid="network">
          {online ? 'online' : 'offline'}
        </dd>
        <dt style={storyStyles.term}>page</dt>
        <dd style={{ margin: 0 }}>{visible ? 'visible' : 'hidden'}</dd>
      </dl>
      <p style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '12px 0 0' }}>
        <button type="button" style={storyStyles.button} onClick={() => setOnline(!online)}>
          {online ? 'Go offline' : 'Back online'}
        </button>
        <button type="button" style={storyStyles.button} onClick={() => device.sleep(sleepMs)}>
          Sleep the laptop for {Math.round(sleepMs / 60_000)} min
        </button>
      </p>
    </section>
  );
}
