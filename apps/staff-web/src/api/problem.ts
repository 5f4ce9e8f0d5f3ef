/** An API error in plain words, from an RFC 9457 problem+json body (or the lack of one). */
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

/** The words staff use for the API's field names (a field not listed reads as its name split into words). */
const FIELD_LABELS: Record<string, string> = {
  proposedCptCode: 'Code',
  proposedModifiers: 'Modifiers',
  sessionDate: 'Session date',
  startTime: 'Start time',
  endTime: 'End time',
  reason: 'Reason',
  from: 'From date',
  to: 'To date',
  siteId: 'Site',
  patientId: 'Patient',
  hcpcsCode: 'Code',
  serviceDate: 'Service date',
  copingSteps: 'Coping steps',
  contacts: 'Contacts',
  crisisLines: 'Crisis lines',
  fileId: 'The audio',
  appointmentId: 'Appointment',
};

export function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  if (FIELD_LABELS[last]) return FIELD_LABELS[last];
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's refusal as a sentence for the person who typed it: no field key, capitalised, ended. */
export function fieldSentence(e: { field: string; message: string }): string {
  const last = e.field.split('.').pop() ?? e.field;
  let m = e.message.trim();
  // The API's messages often start with the field's own key ("proposedCptCode must be ..."): drop it.
  for (const prefix of [`${e.field}: `, `${e.field} `, `${last}: `, `${last} `]) {
    if (m.startsWith(prefix)) {
      m = m.slice(prefix.length);
      break;
    }
  }
  m = m.replace(/ is not in the code library$/, ' is not a code in the code library: check it, or pick one from the list');
  const sentence = /^[a-z]/.test(m) && !/^\d/.test(m) ? `${fieldLabel(e.field)} ${m}` : m;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The refusal of one field of a problem, when the API named that field. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const e = error.problem.fieldErrors.find((x) => x.field === field);
  return e ? fieldSentence(e) : undefined;
}

/** What a permission lets a person do, for a refusal in plain words (never the key itself). */
const PERMISSION_WORDS: Record<string, string> = {
  'patients.view': 'read patient charts',
  'patients.edit': 'change patient records',
  'audit.view': 'read the audit log',
  'cl.group-encounter-generation.view': 'review generated group encounters',
  'cl.group-encounter-generation.approve': 'approve or reject group encounters',
  'cl.group-encounter-generation.edit': 'change the codes of group encounters',
  'pm.appointments.view': 'see appointments',
  'pm.charges.view': 'see charges',
  'pm.fee-schedule.view': 'read the fee schedule',
  'hr.productivity.view': 'see provider productivity',
  'cl.groups.view': 'see therapy groups and their sessions',
  'cl.group-sessions.document': 'document group sessions',
  'cl.peer-encounters.view': 'read peer encounters',
  'cl.peer-encounters.write': 'document peer encounters',
  'cl.peer-supervision.view': 'read peer supervision records',
  'cl.consents.view': "read patients' Part 2 consents",
  'staff-directory.view': 'look up staff',
  'portal.activity.view': "see your clients' portal activity",
  'portal.homework.manage': 'assign or review portal homework',
  'portal.resources.manage': 'recommend or withdraw portal resources',
  'portal.prompts.manage': 'send portal questions and check-ins',
  'portal.goals.manage': "record progress on clients' goals",
  'portal.files.upload': 'upload files for clients',
  'portal.crisis-toolkit.manage': "change a client's crisis toolkit or acknowledge crisis alerts",
  'portal.audio-messages.manage': 'send audio messages to clients',
  'portal.summaries.manage': 'share session summaries with clients',
};

/** A 403's detail without permission keys: the permission in words, or the API's sentence when it names none. */
function permissionSentence(detail: string | undefined): string | undefined {
  if (!detail) return undefined;
  const key = /permission "([^"]+)"/.exec(detail)?.[1] ?? /\b([a-z][a-z-]*(?:\.[a-z][a-z-]*)+)\b/.exec(detail)?.[1];
  if (!key) return detail;
  const words = PERMISSION_WORDS[key];
  return words ? `Your role does not let you ${words} here.` : 'Your role does not include this here.';
}

/** What a person should read: what happened and what they can do, without codes or jargon first. */
export function plainWords(p: Problem, opts: { signingIn?: boolean } = {}): string {
  // While signing in, a 401 means the credentials were refused, not that a session ended.
  if (opts.signingIn && p.status === 401) return 'That email and password do not match an account. Check them and try again.';
  const lead: Record<number, string> = {
    0: 'The server could not be reached. Check your connection and try again.',
    400: 'Some of what was entered is not valid.',
    401: 'Your session has ended. Please sign in again.',
    403: 'You do not have permission to see this. Ask an administrator if you need access.',
    404: 'This record was not found. It may have been removed, or it is outside your organization or site.',
    409: 'This changed while you were working on it. Reload and try again.',
    413: 'The file is too large to upload.',
    415: 'That kind of file cannot be used here.',
    416: 'That part of the file does not exist.',
    422: 'This could not be saved because it breaks a rule.',
    429: 'Too many attempts. Wait a minute and try again.',
  };
  const first =
    lead[p.status] ?? (p.status >= 500 ? 'Something went wrong on the server. Try again in a moment.' : 'The request did not succeed.');
  const extra = p.fieldErrors.length
    ? p.fieldErrors.map(fieldSentence).join(' ')
    : p.status === 403
      ? permissionSentence(p.detail)
      : p.detail;
  return extra && p.status !== 401 ? `${first} ${extra}` : first;
}
