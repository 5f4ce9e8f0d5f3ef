import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from './api/client';

export interface PatientNames {
  /** Patient id to "Last, First", for the ids the API let this user read. */
  names: ReadonlyMap<string, string>;
  /** True while some names are still being fetched (the ids are shown meanwhile). */
  isPending: boolean;
}

/**
 * Resolves patient ids to names through `GET /api/v1/patients/:id` (each read audited by the API, as the chart
 * is), only when the user holds `patients.view`; cached per organization for five minutes. A patient the API
 * refuses or does not find stays unnamed: `PatientName` then shows the id. Ids the API withheld (Part 2 without
 * consent) never reach this hook: those rows carry no id.
 */
export function usePatientNames(ids: readonly (string | null | undefined)[], organizationId: string | undefined, allowed: boolean): PatientNames {
  const wanted = allowed ? [...new Set(ids.filter((id): id is string => !!id))].sort() : [];
  const results = useQueries({
    queries: wanted.map((id) => ({
      queryKey: ['patient-name', organizationId ?? null, id],
      staleTime: 5 * 60_000,
      retry: false,
      queryFn: async () => {
        const p = await call(api.GET('/api/v1/patients/{id}', { params: { path: { id } } }));
        return `${p.lastName}, ${p.firstName}`;
      },
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(wanted[i]!, r.data);
  });
  return { names, isPending: results.some((r) => r.isPending) };
}

/** A patient by name, linked to the chart; the id itself while loading or when the name could not be read. */
export function PatientName({ id, names, isPending }: { id: string; names: ReadonlyMap<string, string>; isPending: boolean }) {
  const name = names.get(id);
  if (name) {
    return (
      <Link to={`/patients/${id}`} data-patient-id={id}>
        {name}
      </Link>
    );
  }
  return (
    <span data-patient-id={id}>
      Patient <code>{id.slice(0, 8)}</code>
      {!isPending && <span className="muted"> (name not available to you)</span>}
    </span>
  );
}
