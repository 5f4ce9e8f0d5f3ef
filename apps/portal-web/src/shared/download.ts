import { authFetch } from '../api/client';
import { ApiError, toProblem } from '../api/problem';
import { API_BASE_URL } from '../api/runtime-config';

/**
 * The bytes behind a portal route, fetched with the client's token (an <a href> or <audio src> would not send it),
 * as a Blob. A failure is an ApiError: a sentence for the client, never a status code.
 */
export async function fetchPortalBlob(path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await authFetch(new Request(`${API_BASE_URL}${path}`));
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', fieldErrors: [] });
  }
  if (!res.ok) throw new ApiError(toProblem(res.status, await res.json().catch(() => undefined)));
  return res.blob();
}

/** Hands a Blob to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a portal file with the client's token and hands it to the browser. */
export async function downloadPortalFile(fileId: string, fileName: string): Promise<void> {
  saveBlob(await fetchPortalBlob(`/api/v1/portal/files/${encodeURIComponent(fileId)}`), fileName);
}

/** Downloads one of the client's session summaries as a PDF (the API renders it and audits the download). */
export async function downloadSessionSummary(summaryId: string, fileName: string): Promise<void> {
  saveBlob(await fetchPortalBlob(`/api/v1/portal/session-summaries/${encodeURIComponent(summaryId)}/pdf`), fileName);
}
