import { ApiError, plainWords } from '../api/problem';

/** An error as a person should read it: plain words first, the API's own title and status for support. */
export function ErrorMessage({ error, signingIn = false }: { error: unknown; signingIn?: boolean }) {
  const problem = error instanceof ApiError ? error.problem : undefined;
  const text = problem ? plainWords(problem, { signingIn }) : 'Something went wrong. Try again in a moment.';
  return (
    <div role="alert" className="error">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>{problem?.status === 403 ? 'Not allowed. ' : 'Problem: '}</strong>
        {text}
      </p>
      {problem && problem.status > 0 && (
        <p className="muted">
          ({problem.title || 'Error'}, status {problem.status})
        </p>
      )}
    </div>
  );
}
