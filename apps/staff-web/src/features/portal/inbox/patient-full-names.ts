import { useQuery } from '@tanstack/react-query';

import { api, call } from '../../../api/client';
import { namesByIds } from '../../../shared/id-lookup';
import { PATIENT_IDS_PER_REQUEST } from '../../../shared/patient-names';

/**
 * Clients by the name a sentence uses ("Alex Rivera"), through the patient search's `ids` filter as
 * `usePatientNames` does (one audited lookup, cached per organization for five minutes). A client the user may not
 * read stays "A client": a notification never shows an id in its sentence.
 */
export function usePatientFullNames(ids: readonly string[], organizationId: string | undefined, allowed: boolean) {
  const wanted = allowed ? [...new Set(ids)].sort() : [];
  const q = useQuery({
    queryKey: ['patient-full-names', organizationId ?? null, wanted],
    enabled: wanted.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () =>
      namesByIds(
        wanted,
        PATIENT_IDS_PER_REQUEST,
        (chunk) => call(api.GET('/api/v1/patients', { params: { query: { ids: chunk.join(','), pageSize: PATIENT_IDS_PER_REQUEST } } })),
        (p) => [p.id, `${p.preferredName || p.firstName} ${p.lastName}`],
      ),
  });
  const names = q.data ?? new Map<string, string>();
  return {
    names,
    isPending: wanted.length > 0 && q.isPending,
    nameOf: (id: string) => names.get(id) ?? 'A client',
  };
}
