/**
 * Helping someone put the app on their home screen. Chromium-based browsers offer
 * installation through `beforeinstallprompt`, which the app keeps to show its own
 * hint; iOS Safari has no such event, so there the hint tells the steps. Never in
 * the installed app itself (standalone) and never once dismissed on this device.
 */

/** Chromium's event (not in TypeScript's DOM library). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const dismissedKey = 'turnout.install.dismissed';

export type InstallWay = 'prompt' | 'ios' | null;

/** What a device is, for deciding how (or whether) to offer installation. */
export interface DeviceFacts {
  userAgent: string;
  /** `navigator.maxTouchPoints`: iPadOS reports itself as a Mac with a touch screen. */
  maxTouchPoints: number;
  standalone: boolean;
  dismissed: boolean;
  /** A kept `beforeinstallprompt`. */
  canPrompt: boolean;
}

/** iOS Safari itself: other iOS browsers (Chrome, Firefox, Edge) cannot add to the home screen the same way. */
export function isIosSafari(userAgent: string, maxTouchPoints: number): boolean {
  const ios =
    /iPad|iPhone|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  return ios && /Safari/.test(userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(userAgent);
}

export function installWay(device: DeviceFacts): InstallWay {
  if (device.standalone || device.dismissed) return null;
  if (device.canPrompt) return 'prompt';
  if (isIosSafari(device.userAgent, device.maxTouchPoints)) return 'ios';
  return null;
}

class InstallHelp {
  #prompt = $state<InstallPromptEvent | null>(null);
  #dismissed = $state(false);
  #listening = false;

  /** Keeps the browser's offer from the app's first moment (it comes once, early). */
  listen(): void {
    if (this.#listening || typeof window === 'undefined') return;
    this.#listening = true;
    this.#dismissed = localStorage.getItem(dismissedKey) !== null;
    window.addEventListener('beforeinstallprompt', (event) => {
      // The app shows its own hint instead of the browser's mini-infobar.
      event.preventDefault();
      this.#prompt = event as InstallPromptEvent;
    });
    window.addEventListener('appinstalled', () => {
      this.#prompt = null;
    });
  }

  get way(): InstallWay {
    if (typeof window === 'undefined') return null;
    return installWay({
      userAgent: navigator.userAgent,
      maxTouchPoints: navigator.maxTouchPoints,
      standalone:
        window.matchMedia('(display-mode: standalone)').matches ||
        (navigator as { standalone?: boolean }).standalone === true,
      dismissed: this.#dismissed,
      canPrompt: this.#prompt !== null,
    });
  }

  /** Opens the browser's own install dialog; the offer can be used once. */
  async install(): Promise<void> {
    const offer = this.#prompt;
    if (!offer) return;
    this.#prompt = null;
    await offer.prompt();
    const choice = await offer.userChoice;
    if (choice.outcome === 'dismissed') this.dismiss();
  }

  dismiss(): void {
    this.#dismissed = true;
    localStorage.setItem(dismissedKey, new Date().toISOString());
  }
}

export const installHelp = new InstallHelp();
