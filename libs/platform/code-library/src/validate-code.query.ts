import { Query } from '@nestjs/cqrs';

import type { CodeSystem, CodeValidity } from './code';

/**
 * Is `code` billable on `on` (YYYY-MM-DD) for the organization of the current tenant context? An
 * organization's own row for the code takes precedence over the national ones. Answers with the reason when it
 * is not (unknown, not yet effective, ended, or of another system than `system`).
 */
export class ValidateCodeQuery extends Query<CodeValidity> {
  constructor(
    readonly code: string,
    readonly on: string,
    readonly system?: CodeSystem,
  ) {
    super();
  }
}
