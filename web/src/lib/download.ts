import { isErrorCode } from '@turnout/shared';
import { CallFailure, fieldsOf, issuesOf, retryAfterFromHeader, type ApiFailure } from './api';
import { safeFilename } from './views/manage-reports';

/** A file the server made for saving (the owner's exports). */
export interface ServerFile {
  /** The name the server gave it (Content-Disposition), if any. */
  filename: string | undefined;
  /** The bytes as sent, byte order mark included. */
  blob: Blob;
}

/** The owner's downloads (docs/protocol.md, "Exports"). */
type ExportPath = 'attendance.csv' | 'credit-log.csv' | 'club.json';

/**
 * Downloads an export with the login cookie (same origin). The server
 * streams the file; the browser keeps it as a Blob (on disk when large)
 * until it is saved. Refusals come back as the API's `{ code, message }`
 * and are thrown as a `CallFailure`, so `attempt` and `Remote` show them like
 * any other failed call; no answer at all is a `network` failure.
 */
export async function fetchExport(
  path: ExportPath,
  params: Record<string, string>,
): Promise<ServerFile> {
  const url = `/exports/${path}?${new URLSearchParams(params).toString()}`;
  try {
    const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) throw new CallFailure(await refusalOf(res));
    const disposition = res.headers.get('content-disposition') ?? '';
    return { filename: /filename="([^"]+)"/.exec(disposition)?.[1], blob: await res.blob() };
  } catch (error) {
    if (error instanceof CallFailure) throw error;
    // Offline, the server gone, or the connection cut mid-file: nothing was saved.
    throw new CallFailure({ code: 'network', message: String(error), fields: {} });
  }
}

async function refusalOf(res: Response): Promise<ApiFailure> {
  const body = (await res.json().catch(() => null)) as {
    code?: unknown;
    message?: unknown;
    issues?: unknown;
  } | null;
  if (!body || !isErrorCode(body.code)) {
    // Not the server's own answer (a proxy's error page).
    return { code: 'network', message: `The server answered HTTP ${res.status}`, fields: {} };
  }
  const issues = issuesOf(body);
  const failure: ApiFailure = {
    code: body.code,
    message: typeof body.message === 'string' ? body.message : body.code,
    fields: fieldsOf(issues),
  };
  if (issues.length) failure.issues = issues;
  const retryAfterMs = retryAfterFromHeader(res.headers.get('retry-after'));
  return retryAfterMs === null ? failure : { ...failure, retryAfterMs };
}

/**
 * Saves a downloaded file: a Blob behind an object URL and a download link
 * clicked once. The URL is released after the browser had time to start
 * the download.
 */
export function saveFile(file: ServerFile, fallbackName: string): string {
  const name = safeFilename(file.filename ?? '', fallbackName);
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}
