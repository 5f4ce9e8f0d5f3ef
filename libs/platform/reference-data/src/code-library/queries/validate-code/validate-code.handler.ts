import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';

import { CODE_PATTERN, CodeValidity, codeValidityOn, ValidateCodeQuery } from '@cairn/platform/code-library';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { InvalidInputError } from '@cairn/platform/http';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { TtlCache } from '../../../ttl-cache';
import { CodeRow, NO_ORGANIZATION, toCodeView } from '../../code-row';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@QueryHandler(ValidateCodeQuery)
@TenantUseCase(ValidateCodeQuery, {
  audit: false,
  reason: 'reference data (codes, jurisdiction rules): no PHI, no tenant resource',
  tenant: 'optional',
  transaction: 'audit-only',
})
export class ValidateCodeHandler implements TenantUseCaseHandler<ValidateCodeQuery, CodeValidity> {
  /** (organization, code) -> the versions that apply to it (the organization's own, else the national ones). */
  private readonly versions: TtlCache<CodeRow[]>;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.versions = new TtlCache<CodeRow[]>(config.REFERENCE_DATA_CACHE_TTL_MS);
  }

  async execute({ code, on, system }: ValidateCodeQuery, { tenant, inTransaction }: UseCase): Promise<CodeValidity> {
    const normalized = code.trim().toUpperCase();
    if (!CODE_PATTERN.test(normalized))
      throw new InvalidInputError('code is not a code', [{ field: 'code', message: 'code must be 2 to 7 letters or digits' }]);
    if (!DAY.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`)) || new Date(`${on}T00:00:00Z`).toISOString().slice(0, 10) !== on) {
      throw new InvalidInputError('on is not a calendar date', [{ field: 'on', message: 'on must be a date (YYYY-MM-DD)' }]);
    }
    const organizationId = tenant?.organizationId ?? NO_ORGANIZATION;
    const rows = await this.versions.getOrLoad(`${organizationId}|${normalized}`, () =>
      inTransaction(async (tx) => {
        // The organization's versions of the code replace the national ones entirely.
        let rows = await tx.$queryRaw<CodeRow[]>`
        SELECT system, code, effective_from, effective_to, short_description, unit_basis, minimum_minutes, maximum_minutes, 'organization' AS source
        FROM pf_organization_codes WHERE organization_id = ${organizationId}::uuid AND code = ${normalized}`;
        if (rows.length === 0) {
          rows = await tx.$queryRaw<CodeRow[]>`
          SELECT system, code, effective_from, effective_to, short_description, unit_basis, minimum_minutes, maximum_minutes, 'national' AS source
          FROM pf_codes WHERE code = ${normalized}`;
        }
        return rows;
      }),
    );
    return codeValidityOn(normalized, on, rows.map(toCodeView), system);
  }
}
