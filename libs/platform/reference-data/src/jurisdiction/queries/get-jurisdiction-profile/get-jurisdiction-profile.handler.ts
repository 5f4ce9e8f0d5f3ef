import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import type { ModelRow } from '@cairn/platform/db';
import { InvalidInputError, NotFoundError } from '@cairn/platform/http';
import {
  GetJurisdictionProfileQuery,
  GroupCodeMapping,
  JurisdictionProfile,
  RequiredModifierRule,
  ResolvedJurisdictionProfile,
  TimedUnitRule,
} from '@cairn/platform/jurisdiction';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { TtlCache } from '../../../ttl-cache';

type ProfileRow = ModelRow<'jurisdictionProfile'>;

const STATE = /^[A-Z]{2}$/;

export function toJurisdictionProfile(row: ProfileRow): JurisdictionProfile {
  return {
    key: row.key,
    name: row.name,
    stateCode: row.stateCode,
    isDefault: row.isDefault,
    payerProgram: row.payerProgram,
    timedUnitRule: row.timedUnitRule as TimedUnitRule,
    timedUnitMinutes: row.timedUnitMinutes,
    groupMinimumMinutes: row.groupMinimumMinutes,
    // Shapes are enforced by CHECK constraints and written only by migrations.
    groupCodes: row.groupCodeMap as unknown as Record<string, GroupCodeMapping>,
    requiredModifiers: row.requiredModifiers as unknown as RequiredModifierRule[],
    effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
  };
}

@QueryHandler(GetJurisdictionProfileQuery)
@TenantUseCase(GetJurisdictionProfileQuery, {
  audit: false,
  reason: 'reference data (codes, jurisdiction rules): no PHI, no tenant resource',
  tenant: 'optional',
  transaction: 'audit-only',
})
export class GetJurisdictionProfileHandler implements TenantUseCaseHandler<GetJurisdictionProfileQuery, ResolvedJurisdictionProfile> {
  /** (organization, site, state) -> the resolved profile. */
  private readonly resolved: TtlCache<ResolvedJurisdictionProfile>;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.resolved = new TtlCache<ResolvedJurisdictionProfile>(config.REFERENCE_DATA_CACHE_TTL_MS);
  }

  async execute({ selector }: GetJurisdictionProfileQuery, uc: UseCase): Promise<ResolvedJurisdictionProfile> {
    const stateCode = selector.stateCode?.trim().toUpperCase();
    if (stateCode !== undefined && !STATE.test(stateCode)) {
      throw new InvalidInputError('stateCode is not a state code', [
        { field: 'stateCode', message: 'stateCode must be a two-letter state code' },
      ]);
    }
    const ctx = stateCode ? undefined : uc.ctx;
    const key = `${ctx?.organizationId ?? '-'}|${stateCode ? '' : (selector.siteId ?? '')}|${stateCode ?? ''}`;
    return this.resolved.getOrLoad(key, () => this.load(uc, ctx, selector, stateCode));
  }

  private load(
    uc: UseCase,
    ctx: { organizationId: string } | undefined,
    selector: GetJurisdictionProfileQuery['selector'],
    stateCode: string | undefined,
  ): Promise<ResolvedJurisdictionProfile> {
    return uc.inTransaction(async (tx) => {
      let jurisdiction: string | null = stateCode ?? null;
      let via: 'site' | 'organization' | 'state' = 'state';
      if (ctx) {
        if (selector.siteId) {
          const site = await tx.site.findUnique({
            where: { organizationId_id: { organizationId: ctx.organizationId, id: selector.siteId } },
          });
          if (!site) throw new NotFoundError('No site with that id in this organization.');
          if (site.jurisdiction) [jurisdiction, via] = [site.jurisdiction, 'site'];
        }
        if (!jurisdiction) {
          const org = await tx.organization.findUnique({ where: { id: ctx.organizationId } });
          if (org?.jurisdiction) [jurisdiction, via] = [org.jurisdiction, 'organization'];
        }
      }
      const rows = await tx.jurisdictionProfile.findMany({
        where: { OR: [{ isDefault: true }, ...(jurisdiction ? [{ stateCode: jurisdiction }] : [])] },
      });
      const match = rows.find((r) => jurisdiction !== null && r.stateCode === jurisdiction);
      const chosen = match ?? rows.find((r) => r.isDefault);
      if (!chosen) throw new Error('No default jurisdiction profile: the migrations seed one');
      return { profile: toJurisdictionProfile(chosen), jurisdiction, selectedBy: match ? via : 'default' };
    });
  }
}
