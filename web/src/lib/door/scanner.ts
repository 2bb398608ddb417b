import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * The host's camera reading QR codes: the browser's own `BarcodeDetector`
 * where it has one for QR, else the `barcode-detector` ponyfill (ZXing in
 * WebAssembly). The WebAssembly file is bundled with the app, served from
 * our own origin and precached, so scanning works offline and the CSP needs
 * no other origin (only `'wasm-unsafe-eval'` to compile it).
 */

export interface ScannedCode {
  code: string;
  /** When the camera frame it was read from was shown (the performance.now() clock). */
  frameAt: number;
}

interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

let detector: Promise<QrDetector> | undefined;

/** One detector for the app's life: the WebAssembly module is compiled once. */
export function qrDetector(): Promise<QrDetector> {
  detector ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
    if (native && (await native.getSupportedFormats()).includes('qr_code')) {
      return new native({ formats: ['qr_code'] });
    }
    const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
    // Compiled now rather than on the first code read, so the first member does not wait for it.
    await prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) =>
          path.endsWith('.wasm') ? wasmUrl : prefix + path,
      },
      fireImmediately: true,
    });
    return new BarcodeDetector({ formats: ['qr_code'] });
  })();
  detector.catch(() => (detector = undefined));
  return detector;
}

type FrameCallback = (now: number, metadata: { presentationTime?: number }) => void;

/**
 * Reads codes from the camera into `video` until stopped: each new camera
 * frame is read when the previous reading is done (frames that arrive
 * meanwhile are skipped, so reading never falls behind the camera).
 */
export class DoorScanner {
  #stream: MediaStream | null = null;
  #stopped = false;

  async start(video: HTMLVideoElement, onCode: (scanned: ScannedCode) => void): Promise<void> {
    const read = await qrDetector();
    this.#stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment', width: { ideal: 1280 } },
      audio: false,
    });
    if (this.#stopped) return this.stop();
    video.srcObject = this.#stream;
    video.muted = true;
    await video.play();

    const next = (handle: FrameCallback) => {
      if (this.#stopped) return;
      // Each new camera frame where the browser tells of them; else a few times a second.
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(handle);
      else setTimeout(() => handle(performance.now(), {}), 50);
    };
    const onFrame: FrameCallback = (now, metadata) => {
      const frameAt = metadata.presentationTime ?? now;
      const started = performance.now();
      read
        .detect(video)
        .then((found) => {
          if (this.#stopped) return;
          // Read by the benchmark: how long reading one camera frame takes.
          if (found.length > 0) performance.measure('turnout:door:read', { start: started });
          for (const { rawValue } of found) onCode({ code: rawValue, frameAt });
        })
        .catch(() => undefined)
        .finally(() => next(onFrame));
    };
    next(onFrame);
  }

  stop(): void {
    this.#stopped = true;
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = null;
  }
}

/**
 * A code stays in view for a while after it was read: the same member read
 * again within `repeatMs` is not sent again (their first scan's outcome
 * stays on screen instead of turning into "already checked in").
 */
export class RecentCodes {
  readonly #seen = new Map<string, number>();

  constructor(private readonly repeatMs = 8_000) {}

  /** True the first time `key` is read, and again once `repeatMs` passed; remembers it. */
  fresh(key: string, now: number): boolean {
    const seen = this.#seen.get(key);
    if (seen !== undefined && now - seen < this.repeatMs) return false;
    this.#seen.set(key, now);
    if (this.#seen.size > 500) this.#seen.delete(this.#seen.keys().next().value!);
    return true;
  }
}
