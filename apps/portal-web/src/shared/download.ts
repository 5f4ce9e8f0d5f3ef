import { authFetch } from '../api/client';
import { ApiError, toProblem } from '../api/problem';
import { API_BASE_URL } from '../api/runtime-config';

/** Downloads a portal file with the client's token (an <a href> would not send it) and hands it to the browser. */
export async function downloadPortalFile(fileId: string, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await authFetch(new Request(`${API_BASE_URL}/api/v1/portal/files/${encodeURIComponent(fileId)}`));
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', fieldErrors: [] });
  }
  if (!res.ok) throw new ApiError(toProblem(res.status, await res.json().catch(() => undefined)));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
