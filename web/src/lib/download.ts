import { safeFilename } from './views/manage-reports';

/** A file the server made for saving (the `exports.*` answers). */
export interface ServerFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * Saves a file the server answered: a Blob behind an object URL and a
 * download link clicked once. The URL is released after the browser had
 * time to start the download.
 */
export function saveFile(file: ServerFile, fallbackName: string): string {
  const name = safeFilename(file.filename, fallbackName);
  const url = URL.createObjectURL(new Blob([file.body], { type: file.contentType }));
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
