import { describe, expect, it } from 'vitest';
import { deviceName } from './deviceName';

const on = (browser: string, os: string) => `${browser} on ${os}`;

describe('device names', () => {
  it('names the browser and the system of a User-Agent', () => {
    expect(
      deviceName(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
        on,
      ),
    ).toBe('Chrome on Linux');
    expect(
      deviceName(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
        on,
      ),
    ).toBe('Safari on iOS');
  });

  it('keeps what it cannot read, and has no name for no User-Agent', () => {
    expect(deviceName('curl/8.5.0', on)).toBe('curl/8.5.0');
    expect(deviceName('', on)).toBeNull();
    expect(deviceName(undefined, on)).toBeNull();
  });
});
