import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

/** One staff member of the organization: no email, nothing but what a screen needs to name them. */
export interface StaffDirectoryEntry {
  id: string;
  displayName: string;
  /** Role keys of the member's active bindings in the organization, sorted. */
  roles: string[];
}

export interface StaffDirectoryFilter {
  /** Only these staff-user ids (at most 200). */
  ids?: string[];
  /** Case-insensitive substring of the display name. */
  q?: string;
  page: number;
  pageSize: number;
}

/** The staff of the caller's current organization (an active role binding there), by name. */
export class ListStaffDirectoryQuery extends Query<Page<StaffDirectoryEntry>> {
  constructor(readonly filter: StaffDirectoryFilter) {
    super();
  }
}
