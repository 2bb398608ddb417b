import { createHash } from 'node:crypto';
import type { Config } from '../config.js';

/**
 * Browser features the app never uses, switched off for it and for anything
 * it might embed. Only features Chromium knows are named: an unknown name is
 * logged as an error on every page load.
 */
const permissionsPolicy = [
  'accelerometer',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  // The camera, for the app only: hosts scan members' check-in codes (QR check-in).
  .concat('camera=(self)')
  .join(', ');

/**
 * For everything that is not the web app (the API, the health check, file
 * downloads): nothing in an answer may load or run anything, nor be framed.
 */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries. */
export function commonSecurityHeaders(config: Pick<Config, 'publicUrl'>): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': permissionsPolicy,
  };
  // Only a server people reach over https may ask browsers to insist on it;
  // over plain http browsers ignore the header anyway. No includeSubDomains:
  // the club's host name is all Turnout speaks for.
  if (config.publicUrl?.startsWith('https://')) {
    headers['strict-transport-security'] = 'max-age=31536000';
  }
  return headers;
}

function sha256(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/** The bodies of the inline elements named `tag` (those with a `src` are not inline). */
function inlineBodies(html: string, tag: 'script' | 'style'): string[] {
  const pattern = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}\\s*>`, 'gi');
  return [...html.matchAll(pattern)]
    .filter((m) => !/\ssrc\s*=/i.test(m[1] ?? ''))
    .map((m) => m[2] ?? '');
}

/**
 * The values of the `style="…"` attributes written out in `source`: in HTML,
 * or in the templates of a bundle. Values made at run time (with `\`, `$`,
 * `{` or an entity) are not whole here, and need no hash: the app sets those
 * through `element.style`, which no policy governs.
 */
function styleAttributes(source: string): string[] {
  return [...source.matchAll(/\sstyle="([^"\\${}&]*)"/g)].map((m) => m[1] ?? '');
}

const hashes = (contents: string[]) => [...new Set(contents.map(sha256))];

/**
 * The policy for the web app, made from its build: scripts and styles only
 * from this origin, plus exactly the inline ones the build holds, by hash —
 * in index.html SvelteKit's start-up script and the boot screen's style, and
 * the fixed style attributes of index.html and of the bundles' templates
 * (SvelteKit's wrapper `<div style="display: contents">` and its visually
 * hidden route announcer). A new build has new hashes, so the server reads
 * them at start.
 */
export function appContentSecurityPolicy(indexHtml: string, bundles: string[] = []): string {
  const styleAttributeHashes = hashes([indexHtml, ...bundles].flatMap(styleAttributes));
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'wasm-unsafe-eval' lets the app compile its own WebAssembly (the QR reader, served from
    // this origin); it allows no eval of JavaScript.
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...hashes(inlineBodies(indexHtml, 'script'))],
    ['style-src', "'self'", ...hashes(inlineBodies(indexHtml, 'style'))],
    // Hashes cover style attributes only with 'unsafe-hashes'; no other inline style is allowed.
    ...(styleAttributeHashes.length > 0
      ? [['style-src-attr', "'unsafe-hashes'", ...styleAttributeHashes] as [string, ...string[]]]
      : []),
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['object-src', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
