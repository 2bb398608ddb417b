import type { ErrorCode } from '@turnout/shared';
import type { TestClient } from './harness.js';

/** A file downloaded from `/exports/…`, as the browser would save it. */
interface DownloadedFile {
  status: number;
  filename: string | undefined;
  contentType: string | null;
  contentEncoding: string | null;
  headers: Headers;
  /** The bytes as UTF-8 text, a byte order mark kept (`Response.text()` drops it). */
  body: string;
}

export type ExportPath = 'attendance.csv' | 'credit-log.csv' | 'club.json';

export function exportUrl(base: string, file: ExportPath, params: Record<string, string>): string {
  return `${base}/exports/${file}?${new URLSearchParams(params).toString()}`;
}

/**
 * A GET with the client's cookies, sent once more if it met a kept-alive
 * connection the server had just closed: the server closes idle ones after
 * 5 s, and a test busy parsing a big file can miss that and reuse one.
 * Browsers retry an idempotent request then too.
 */
export async function getOnce(
  client: TestClient,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  try {
    return await client.fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    const reset = code === 'ECONNRESET' || code === 'UND_ERR_SOCKET';
    if (!reset || init.signal?.aborted) throw error;
    return client.fetch(url, init);
  }
}

/** Downloads an export with the client's login cookie; throws with the code if refused. */
export async function downloadExport(
  client: TestClient,
  base: string,
  file: ExportPath,
  params: Record<string, string>,
  init: RequestInit = {},
): Promise<DownloadedFile> {
  const res = await getOnce(client, exportUrl(base, file, params), init);
  if (!res.ok) {
    const body = (await res.json()) as { code: ErrorCode; message: string };
    throw new ExportRefused(res.status, body.code, body.message);
  }
  return readDownload(res);
}

export async function readDownload(res: Response): Promise<DownloadedFile> {
  const disposition = res.headers.get('content-disposition') ?? '';
  return {
    status: res.status,
    filename: /^attachment; filename="([^"]+)"$/.exec(disposition)?.[1],
    contentType: res.headers.get('content-type'),
    contentEncoding: res.headers.get('content-encoding'),
    headers: res.headers,
    body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()),
  };
}

class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'ExportRefused';
  }
}

/** The status and code of a refused download, or undefined if it succeeded. */
export async function refusalOf(
  call: Promise<unknown>,
): Promise<{ status: number; code: ErrorCode } | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof ExportRefused) return { status: error.status, code: error.code };
    throw error;
  }
}
