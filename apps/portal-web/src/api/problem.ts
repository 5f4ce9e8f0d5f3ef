/** An API error in plain words for a client, from an RFC 9457 problem+json body (or the lack of one). */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  fieldErrors: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(plainWords(problem));
    this.name = 'ApiError';
  }
}

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  status?: unknown;
  errors?: unknown;
}

export function toProblem(status: number, body: unknown): Problem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ProblemBody;
  const errors = Array.isArray(b.errors)
    ? b.errors.flatMap((e: unknown) => {
        const x = e as { field?: unknown; message?: unknown };
        return typeof x?.field === 'string' && typeof x?.message === 'string' ? [{ field: x.field, message: x.message }] : [];
      })
    : [];
  return {
    status: typeof b.status === 'number' ? b.status : status,
    title: typeof b.title === 'string' ? b.title : '',
    detail: typeof b.detail === 'string' ? b.detail : undefined,
    fieldErrors: errors,
  };
}

/** The words a client uses for the API's field names (a field not listed reads as its name split into words). */
const FIELD_LABELS: Record<string, string> = {
  score: 'Your mood score',
  symptoms: 'What you noticed',
  note: 'Your note',
  body: 'What you wrote',
  title: 'The title',
  password: 'Your password',
  token: 'The invitation link',
  email: 'Your email',
  progress: 'Progress',
  fileId: 'The file',
  file: 'The file',
  sharedWithClinician: 'The sharing choice',
  targetDate: 'The target date',
  description: 'The description',
  rating: 'Your rating',
  feedback: 'Your comments',
  anonymous: 'The anonymous choice',
  topics: 'What you want to talk about',
  recentFeelings: 'How you have been feeling',
  urgentConcern: 'Your urgent concern',
  appointmentId: 'The appointment',
  reason: 'Your reason',
  sensitive: 'The privacy choice',
  payerName: 'The insurance company',
  memberId: 'The member ID',
  groupNumber: 'The group number',
  frontFileId: 'The photo of the front',
  backFileId: 'The photo of the back',
  processorToken: 'The card',
  brand: 'The card type',
  last4: 'The card',
  expMonth: 'The expiry month',
  expYear: 'The expiry',
};

export function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  if (FIELD_LABELS[last]) return FIELD_LABELS[last];
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's refusal as a sentence: never the field's key, capitalised, ended with a full stop. */
export function fieldSentence(e: { field: string; message: string }): string {
  const last = e.field.split('.').pop() ?? e.field;
  let m = e.message.trim();
  // The API's messages often start with the field's own key ("password must be ..."): drop it.
  for (const prefix of [`${e.field}: `, `${e.field} `, `${last}: `, `${last} `]) {
    if (m.startsWith(prefix)) {
      m = m.slice(prefix.length);
      break;
    }
  }
  const sentence = /^[a-z]/.test(m) ? `${fieldLabel(e.field)} ${m}` : m;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The refusal of one field, when the API named that field. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const e = error.problem.fieldErrors.find((x) => x.field === field);
  return e ? fieldSentence(e) : undefined;
}

export type Situation = 'signing-in' | 'accepting-invitation' | undefined;

/** What a client should read: what happened and what they can do, without codes or jargon. */
export function plainWords(p: Problem, situation?: Situation): string {
  if (situation === 'signing-in' && p.status === 401) return 'That email and password do not match an account. Check them and try again.';
  if (situation === 'accepting-invitation' && p.status === 401)
    return 'This invitation link is no longer valid: it has expired or was already used. Ask your clinic for a new one.';
  const lead: Record<number, string> = {
    0: 'We could not reach Cairn. Check your connection and try again.',
    400: 'Some of what you entered could not be saved.',
    401: 'You have been signed out. Please sign in again.',
    403: 'This is not available to you.',
    404: 'We could not find this. It may have been removed.',
    409: 'This has already changed. Reload the page to see where it stands.',
    413: 'That file is too large. Choose a file under 10 MB.',
    415: 'That kind of file cannot be uploaded. Choose a PDF, a picture (PNG, JPEG, GIF or WebP), a text file or a Word document.',
    422: 'This could not be saved.',
    429: 'Too many attempts. Wait a few minutes and try again.',
  };
  const first =
    lead[p.status] ??
    (p.status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : 'That did not work. Try again in a moment.');
  if (p.status === 401 || p.status === 413 || p.status === 415 || p.status === 429 || p.status === 0 || p.status >= 500) return first;
  const extra = p.fieldErrors.length ? p.fieldErrors.map(fieldSentence).join(' ') : p.detail;
  return extra ? `${first} ${/[.!?]$/.test(extra) ? extra : `${extra}.`}` : first;
}
