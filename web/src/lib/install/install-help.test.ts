import { describe, expect, it } from 'vitest';
import { installWay, isIosSafari, type DeviceFacts } from './install-help.svelte';

const iPhoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const iPhoneChrome =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1';
const iPadSafari =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const androidChrome =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

const device = (over: Partial<DeviceFacts>): DeviceFacts => ({
  userAgent: androidChrome,
  maxTouchPoints: 5,
  standalone: false,
  dismissed: false,
  canPrompt: false,
  ...over,
});

describe('isIosSafari', () => {
  it('knows Safari on an iPhone and on an iPad (which says it is a Mac with touch)', () => {
    expect(isIosSafari(iPhoneSafari, 5)).toBe(true);
    expect(isIosSafari(iPadSafari, 5)).toBe(true);
  });

  it('is not Chrome on iOS, Safari on a Mac, or Android', () => {
    expect(isIosSafari(iPhoneChrome, 5)).toBe(false);
    expect(isIosSafari(iPadSafari, 0)).toBe(false);
    expect(isIosSafari(androidChrome, 5)).toBe(false);
  });
});

describe('installWay', () => {
  it('offers the browser’s install where it made the offer', () => {
    expect(installWay(device({ canPrompt: true }))).toBe('prompt');
  });

  it('tells the Share steps on iOS Safari', () => {
    expect(installWay(device({ userAgent: iPhoneSafari }))).toBe('ios');
  });

  it('says nothing where installing is not offered', () => {
    expect(installWay(device({}))).toBeNull();
    expect(installWay(device({ userAgent: iPhoneChrome }))).toBeNull();
  });

  it('never shows in the installed app, nor once dismissed', () => {
    expect(installWay(device({ canPrompt: true, standalone: true }))).toBeNull();
    expect(installWay(device({ userAgent: iPhoneSafari, standalone: true }))).toBeNull();
    expect(installWay(device({ canPrompt: true, dismissed: true }))).toBeNull();
    expect(installWay(device({ userAgent: iPhoneSafari, dismissed: true }))).toBeNull();
  });
});
