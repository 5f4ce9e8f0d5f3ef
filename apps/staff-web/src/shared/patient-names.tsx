import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { api, call } from '../api/client';
import { namesByIds } from './id-lookup';

export interface PatientNames {
  /** Patient id to "Last, First", for the ids the API let this user read. */
  names: ReadonlyMap<string, string>;
  /** True while some names are still being fetched (the ids are shown meanwhile). */
  isPending: boolean;
}

/** The patient search takes at most this many ids per request. */
export const PATIENT_IDS_PER_REQUEST = 200;

/**
 * Resolves patient ids to names through the patient search's `ids` filter (`GET /api/v1/patients?ids=...`, 200 ids
 * per request, one audited lookup per request), only when the user holds `patients.view`; cached per organization
 * for five minutes. A patient outside the user's scope is not returned and stays unnamed: `PatientName` then shows
 * the id. Ids the API withheld (Part 2 without consent) never reach this hook: those rows carry no id.
 */
export function usePatientNames(
  ids: readonly (string | null | undefined)[],
  organizationId: string | undefined,
  allowed: boolean,
): PatientNames {
  const wanted = allowed ? [...new Set(ids.filter((id): id is string => !!id))].sort() : [];
  const result = useQuery({
    queryKey: ['patient-names', organizationId ?? null, wanted],
    enabled: wanted.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () =>
      namesByIds(
        wanted,
        PATIENT_IDS_PER_REQUEST,
        (chunk) => call(api.GET('/api/v1/patients', { params: { query: { ids: chunk.join(','), pageSize: PATIENT_IDS_PER_REQUEST } } })),
        (p) => [p.id, `${p.lastName}, ${p.firstName}`],
      ),
  });
  return { names: result.data ?? new Map<string, string>(), isPending: wanted.length > 0 && result.isPending };
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
