import { writeFileSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';
import QRCode from 'qrcode';

/**
 * A fake camera for Chromium that films QR codes: the codes are drawn into
 * a Y4M video (uncompressed 4:2:0, the format Chromium's
 * `--use-file-for-fake-video-capture` plays, in a loop). Chromium opens the
 * file when a page starts the camera, so a test can write the next code to
 * the same file before each scan.
 */

const width = 640;
const height = 480;

/** One grey frame (luma only; chroma is neutral) with `code` drawn as large as fits. */
function frameOf(code: string | null): Buffer {
  const luma = Buffer.alloc(width * height, 235);
  if (code !== null) {
    const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    // Four modules of quiet zone each side, whole pixels per module.
    const scale = Math.floor(Math.min(width, height) / (n + 8));
    const left = Math.floor((width - n * scale) / 2);
    const top = Math.floor((height - n * scale) / 2);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (!modules.get(y, x)) continue;
        for (let dy = 0; dy < scale; dy++) {
          luma.fill(
            16,
            (top + y * scale + dy) * width + left + x * scale,
            (top + y * scale + dy) * width + left + (x + 1) * scale,
          );
        }
      }
    }
  }
  const chroma = Buffer.alloc((width * height) / 2, 128);
  return Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
}

/**
 * Writes a video showing each code for `framesEach` frames at `fps` (null
 * = a frame with no code), then looping.
 */
export function writeCodeVideo(
  file: string,
  codes: (string | null)[],
  options: { fps?: number; framesEach?: number } = {},
): void {
  const fps = options.fps ?? 10;
  const framesEach = options.framesEach ?? 1;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frames = codes.flatMap((code) => Array<Buffer>(framesEach).fill(frameOf(code)));
  writeFileSync(file, Buffer.concat([header, ...frames]));
}

/** Launch options with Chromium's fake camera playing `file` (and its permission prompt accepted). */
export function withFakeCamera(launchOptions: LaunchOptions, file: string): LaunchOptions {
  return {
    ...launchOptions,
    args: [
      ...(launchOptions.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  };
}
