import { authFetch, type Schemas } from '../../../api/client';
import { ApiError, toProblem } from '../../../api/problem';
import { API_BASE_URL } from '../../../api/runtime-config';

export type PortalFile = Schemas['PortalFileResponseDto'];

/** The files' upload limit (MAX_FILE_BYTES of libs/portal files, and PORTAL_AUDIO_MAX_BYTES's default). */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

/**
 * Uploads the audio for the client (POST /patients/:id/portal-files, multipart `file`) through the session's fetch
 * (token, organization, refresh on 401). openapi-fetch would serialise the body as JSON; a FormData goes as is.
 * A refusal becomes an ApiError (413, 415 and 400 read as sentences through problem.ts).
 */
export async function uploadPortalFile(patientId: string, file: Blob, fileName: string): Promise<PortalFile> {
  const form = new FormData();
  form.append('file', file, fileName);
  let res: Response;
  try {
    res = await authFetch(
      new Request(new URL(`${API_BASE_URL}/api/v1/patients/${encodeURIComponent(patientId)}/portal-files`, window.location.origin), {
        method: 'POST',
        body: form,
      }),
    );
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', fieldErrors: [] });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(toProblem(res.status, body));
  return body as PortalFile;
}

/** The bytes of a message for staff to listen to (GET .../audio-messages/:id/content), as an object URL. */
export async function fetchAudioUrl(patientId: string, audioMessageId: string): Promise<string> {
  const res = await authFetch(
    new Request(
      new URL(
        `${API_BASE_URL}/api/v1/patients/${encodeURIComponent(patientId)}/audio-messages/${encodeURIComponent(audioMessageId)}/content`,
        window.location.origin,
      ),
    ),
  );
  if (!res.ok) throw new ApiError(toProblem(res.status, await res.json().catch(() => undefined)));
  return URL.createObjectURL(await res.blob());
}
