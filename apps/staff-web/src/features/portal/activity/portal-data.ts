import { authFetch, Schemas } from '../../../api/client';
import { ApiError, toProblem } from '../../../api/problem';
import { API_BASE_URL } from '../../../api/runtime-config';
import { useAuth } from '../../../shared/auth';

export type PortalActivity = Schemas['PortalActivityResponseDto'];
export type Homework = Schemas['HomeworkResponseDto'];
export type HomeworkType = Homework['homeworkType'];
export type PortalFile = Schemas['PortalFileResponseDto'];
export type Resource = Schemas['ResourceResponseDto'];
export type PortalPrompt = Schemas['PortalPromptResponseDto'];

/** What every section of the tab is given: the client, and the overview the tab loaded first. */
export interface PortalSectionProps {
  patientId: string;
  activity: PortalActivity;
}

/**
 * Whether the user sees what the client did not share: a portal admin reads every portal row of the organization
 * (the row policy decides; README of libs/portal), the primary therapist only what the client shared. The tab's
 * words say which, and a row the client kept private is marked as such.
 */
export function useSeesUnshared(): boolean {
  return useAuth().permissions.has('portal.admin');
}

export const NOT_SHARED = 'Not shared with the therapist';

/** Query keys of the tab, per organization and patient, so an action refreshes only what it changed. */
export const portalKey = (scope: unknown, patientId: string, what: string) => ['portal', scope, patientId, what] as const;

export const HOMEWORK_TYPES: { value: HomeworkType; label: string }[] = [
  { value: 'thought_record', label: 'Thought record' },
  { value: 'behavioral_activation', label: 'Behavioral activation' },
  { value: 'exposure', label: 'Exposure practice' },
  { value: 'mindfulness', label: 'Mindfulness' },
  { value: 'journaling', label: 'Journaling' },
  { value: 'worksheet', label: 'Worksheet' },
  { value: 'reading', label: 'Reading' },
  { value: 'skills_practice', label: 'Skills practice' },
  { value: 'other', label: 'Other' },
];

export const homeworkTypeWords = (t: HomeworkType) => HOMEWORK_TYPES.find((x) => x.value === t)?.label ?? t;

/** A calendar day (YYYY-MM-DD) as people read it, without moving it across time zones. */
export function dayWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

/** An instant as people read it, in the browser's time zone. */
export function timeWords(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime())
    ? iso
    : t.toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}

async function send(request: Request): Promise<Response> {
  try {
    return await authFetch(request);
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', fieldErrors: [] });
  }
}

/**
 * Uploads a file for the client (`POST /patients/:id/portal-files`, multipart). Not through openapi-fetch: its body
 * serialiser would turn the File into JSON. The file is not shown to the client until a record (a resource) names it.
 */
export async function uploadPortalFile(patientId: string, file: File): Promise<PortalFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await send(
    new Request(`${API_BASE_URL}/api/v1/patients/${encodeURIComponent(patientId)}/portal-files`, { method: 'POST', body: form }),
  );
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(toProblem(res.status, body));
  return body as PortalFile;
}

/** The file's name from a Content-Disposition header, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      /* fall through to the plain name */
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

/** Downloads a portal file of the client (the API audits the download) and hands it to the browser to save. */
export async function downloadPortalFile(patientId: string, fileId: string, fallbackName: string): Promise<void> {
  const res = await send(
    new Request(`${API_BASE_URL}/api/v1/patients/${encodeURIComponent(patientId)}/portal-files/${encodeURIComponent(fileId)}`),
  );
  if (!res.ok) throw new ApiError(toProblem(res.status, await res.json().catch(() => undefined)));
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
