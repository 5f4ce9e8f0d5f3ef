import { ApiError } from '../api/problem';
import { ErrorMessage } from './error-message';
import { PageHeader } from './layout';

/** A 403: the user may not open this page at all (as opposed to a problem with what they asked for). */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.problem.status === 403;
}

/**
 * A page the API refused: its title and the refusal only. Search, filters and downloads would only invite
 * actions that are refused as well.
 */
export function RefusedPage({ title, error }: { title: string; error: unknown }) {
  return (
    <>
      <PageHeader title={title} />
      <ErrorMessage error={error} />
    </>
  );
}
