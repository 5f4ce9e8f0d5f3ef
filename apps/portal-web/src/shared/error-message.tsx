import { ApiError, plainWords, Situation } from '../api/problem';

/** An error as a sentence a client can act on. No status codes or field keys: those are for support, not for clients. */
export function ErrorMessage({ error, situation }: { error: unknown; situation?: Situation }) {
  const text = error instanceof ApiError ? plainWords(error.problem, situation) : 'Something went wrong. Try again in a moment.';
  return (
    <div role="alert" className="error">
      <p>
        <span aria-hidden="true">⚠ </span>
        {text}
      </p>
    </div>
  );
}
