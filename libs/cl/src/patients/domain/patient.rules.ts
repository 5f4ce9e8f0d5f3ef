import { BadRequestException, ForbiddenException, UnprocessableEntityException } from '@nestjs/common';

import type { TenantContext } from '@cairn/platform/db';

/** Writes must name a site the caller holds the permission at. */
export function assertSitePermitted(ctx: TenantContext, siteId: string): void {
  if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(siteId)) {
    throw new ForbiddenException({
      message: 'You cannot register or move patients at that site.',
      errors: [{ field: 'siteId', message: 'not a site you hold patients.edit at' }],
    });
  }
}

/** A date of birth must be a real calendar date, not in the future, and not absurdly old. */
export function parseDateOfBirth(value: string, field = 'dateOfBirth'): Date {
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new BadRequestException({
      message: `${field} is not a calendar date`,
      errors: [{ field, message: `${field} is not a calendar date` }],
    });
  }
  const today = new Date();
  if (d.getTime() > today.getTime()) {
    throw new UnprocessableEntityException({
      message: `${field} cannot be in the future`,
      errors: [{ field, message: `${field} cannot be in the future` }],
    });
  }
  if (today.getUTCFullYear() - d.getUTCFullYear() > 130) {
    throw new UnprocessableEntityException({
      message: `${field} is more than 130 years ago`,
      errors: [{ field, message: `${field} is more than 130 years ago` }],
    });
  }
  return d;
}

/** The status of a deleted patient (ADR 0018): closed for good; the clinical record is retained, the portal data erased. */
export const DELETED_PATIENT_STATUS = 'deleted';

/**
 * Why a patient cannot be deleted now, or null when they can: a patient in care (`active`) is discharged or marked
 * inactive first, so that no click deletes someone still being treated; a deleted patient is deleted already.
 */
export function deletionRefusal(status: string): 'patient_active' | 'already_deleted' | null {
  if (status === 'active') return 'patient_active';
  if (status === DELETED_PATIENT_STATUS) return 'already_deleted';
  return null;
}
