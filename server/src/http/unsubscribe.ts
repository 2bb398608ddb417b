import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { describeRequest } from '../auth/request.js';
import { escapeHtml, mailWordsFor } from '../mail/messages/render.js';
import { readUnsubscribeToken, unsubscribeSecret } from '../mail/unsubscribe.js';
import { setChoice } from '../notify/preferences.js';
import { getUser } from '../repositories/users.repository.js';
import type { ServiceDeps } from '../services/deps.js';

/**
 * `/unsubscribe/<token>`, the link in every notification mail
 * (docs/protocol.md, "Unsubscribe"). GET only asks — mail scanners and
 * link previews open links, and must not unsubscribe anyone — and POST
 * turns email off for that kind: the page's button, or a mail program's
 * one-click unsubscribe (RFC 8058, `List-Unsubscribe=One-Click`). No login:
 * the link was sent to the person's own mailbox and names one person and
 * one kind, under the server's key. A forged or broken link gets 404.
 */
const pathPattern = /^\/unsubscribe\/([^/]{1,200})$/;

const style = [
  'body{margin:0;padding:24px;background:#f4f4f5;color:#18181b;font:16px/1.5 system-ui,sans-serif}',
  'main{max-width:480px;margin:10vh auto;padding:24px;background:#fff;border-radius:8px}',
  'h1{font-size:1.25rem;margin:0 0 12px}',
  'button{font:inherit;padding:10px 18px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font-weight:600;cursor:pointer}',
  'a{color:#1d4ed8}',
].join('');
const styleHash = `'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`;
const pagePolicy = `default-src 'none'; style-src ${styleHash}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

export function unsubscribeLinks(
  deps: ServiceDeps,
  limits: { perAddress: number } = { perAddress: 60 },
): (req: IncomingMessage, res: ServerResponse) => void {
  const perAddress = new RateLimiterMemory({ points: limits.perAddress, duration: 60 });
  return (req, res) => {
    answer(deps, perAddress, req, res).catch((err: unknown) => {
      deps.logger.error({ err }, 'unsubscribe failed');
      if (res.headersSent) res.destroy();
      else plain(res, 500, 'Something went wrong. Try again later.');
    });
  };
}

async function answer(
  deps: ServiceDeps,
  perAddress: RateLimiterMemory,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // The body (one-click's `List-Unsubscribe=One-Click`) says nothing the path does not.
  req.resume();
  res.setHeader('x-robots-tag', 'noindex');
  res.setHeader('referrer-policy', 'no-referrer');
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    res.setHeader('allow', 'GET, HEAD, POST');
    plain(res, 405, 'Use GET to see this page, POST to unsubscribe.');
    return;
  }
  const { ip } = describeRequest(req, deps.config);
  try {
    await perAddress.consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const wait = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    res.setHeader('retry-after', String(wait));
    plain(res, 429, `Too many requests. Please wait ${wait} seconds.`);
    return;
  }

  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const token = pathPattern.exec(pathname)?.[1];
  const named = token
    ? readUnsubscribeToken(await unsubscribeSecret(deps.db), decodeURIComponent(token))
    : undefined;
  const user = named ? await getUser(deps.db, named.userId) : undefined;
  const locale = user?.locale ?? firstLanguage(req.headers['accept-language']);
  const { language, words, say } = mailWordsFor(locale);
  const w = words.unsubscribePage;
  const openApp = `<p><a href="/notifications/settings">${escapeHtml(w.open)}</a></p>`;

  if (!named || !user) {
    page(res, 404, language, w.title, [
      `<h1>${escapeHtml(w.invalid)}</h1>`,
      `<p>${escapeHtml(w.invalidExplain)}</p>`,
      openApp,
    ]);
    return;
  }
  const about = words.kinds[named.kind].about;
  if (method === 'POST') {
    await setChoice(deps.db, user.id, named.kind, 'email', false, deps.clock());
    deps.logger.info({ userId: user.id, kind: named.kind }, 'unsubscribed from a kind of mail');
    page(res, 200, language, w.title, [
      `<h1>${escapeHtml(say(w.done, { about }))}</h1>`,
      `<p>${escapeHtml(w.doneExplain)}</p>`,
      openApp,
    ]);
    return;
  }
  page(res, 200, language, w.title, [
    `<h1>${escapeHtml(say(w.question, { about }))}</h1>`,
    `<p>${escapeHtml(w.explain)}</p>`,
    `<form method="post"><button type="submit">${escapeHtml(w.confirm)}</button></form>`,
  ]);
}

function firstLanguage(header: string | undefined): string {
  const tag = header?.split(',')[0]?.split(';')[0]?.trim();
  return tag && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : 'en';
}

function page(
  res: ServerResponse,
  status: number,
  language: string,
  title: string,
  body: string[],
): void {
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · Turnout</title><style>${style}</style></head>`,
    `<body><main>${body.join('')}</main></body></html>`,
  ].join('\n');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pagePolicy,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(res.req.method === 'HEAD' ? undefined : html);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}
