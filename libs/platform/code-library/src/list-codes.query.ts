import { Query } from '@nestjs/cqrs';

import type { CodeSystem, CodeView } from './code';

export interface CodeSearch {
  system?: CodeSystem;
  /** Matches the start of a code or any part of its description, case-insensitively. */
  q?: string;
  /** Only versions in effect on this day (YYYY-MM-DD). */
  on?: string;
  page: number;
  pageSize: number;
}

export interface CodePage {
  items: CodeView[];
  page: number;
  pageSize: number;
  total: number;
}

/** The national codes plus the organization's own (which replace national rows of the same code), paginated. */
export class ListCodesQuery extends Query<CodePage> {
  constructor(readonly search: CodeSearch) {
    super();
  }
}
