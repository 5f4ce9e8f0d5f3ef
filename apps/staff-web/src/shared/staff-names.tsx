import { useQuery } from '@tanstack/react-query';

import { api, call } from '../api/client';
import { namesByIds } from './id-lookup';

/** The directory takes at most this many ids per request. */
export const DIRECTORY_IDS_PER_REQUEST = 200;

export interface StaffNames {
  /** Staff-user id to display name, for the ids the directory knows in the organization. */
  names: ReadonlyMap<string, string>;
  /** True while the names are being fetched (the ids are shown meanwhile). */
  isPending: boolean;
}

/**
 * Resolves staff-user ids to names through `GET /api/v1/staff-directory` (the current organization's staff only),
 * 200 ids per request. An id the directory does not return (not bound to the organization, or bound no longer)
 * stays unresolved: `StaffName` then shows the id itself. A failed lookup is not an error for the page: the ids
 * are still correct, only unnamed.
 */
export function useStaffNames(ids: readonly (string | null | undefined)[], organizationId: string | undefined): StaffNames {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort();
  const result = useQuery({
    queryKey: ['staff-directory', organizationId ?? null, wanted],
    enabled: wanted.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () =>
      namesByIds(
        wanted,
        DIRECTORY_IDS_PER_REQUEST,
        (chunk) =>
          call(api.GET('/api/v1/staff-directory', { params: { query: { ids: chunk.join(','), pageSize: DIRECTORY_IDS_PER_REQUEST } } })),
        (entry) => [entry.id, entry.displayName],
      ),
  });
  return { names: result.data ?? new Map<string, string>(), isPending: wanted.length > 0 && result.isPending };
}

/**
 * A staff member by name, the id kept as the title (hover) and in the element's data. When the name is unknown
 * (still loading, or not in the organization's directory) the id is shown itself, and said to be unnamed once
 * the lookup is over.
 */
export function StaffName({ id, names, isPending = false }: { id: string; names: ReadonlyMap<string, string>; isPending?: boolean }) {
  const name = names.get(id);
  if (name) {
    return (
      <span className="staff-name" title={`Staff user ${id}`} data-staff-id={id}>
        {name}
      </span>
    );
  }
  return (
    <span className="staff-name" data-staff-id={id}>
      <code>{id}</code>
      {!isPending && <span className="muted"> (name not in the staff directory)</span>}
    </span>
  );
}
