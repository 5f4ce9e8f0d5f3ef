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
    422: 'This could not be saved because it breaks a rule.',
    429: 'Too many attempts. Wait a minute and try again.',
  };
  const first =
    lead[p.status] ?? (p.status >= 500 ? 'Something went wrong on the server. Try again in a moment.' : 'The request did not succeed.');
  const extra = p.fieldErrors.length ? p.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') : p.detail;
  return extra && p.status !== 401 ? `${first} ${extra}` : first;
}
