import { QueryHandler } from '@nestjs/cqrs';

import { Page, pageOf, pageWindow } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { ConsentWorklistItemView, toConsentWorklistItem } from '../../domain/consent-worklist.view';
import { consentWorklist } from '../../infrastructure/group-encounter-generation.repository';
import { ListConsentWorklistQuery } from './list-consent-worklist.query';

/** The permission whose holders review generations: a row waits for a consent until one of them may see it. */
const APPROVE = 'cl.group-encounter-generation.approve';

/**
 * The consent worklist for whoever records consents: each patient in the caller's scope with SUD-program
 * generations pending review that no approver of the row's site may see (cl_check_sud_consent refuses every one of
 * them), with how many wait. Once a consent lets an approver see them, the patient leaves the list. Audited with
 * the patients listed (part2: the entries disclose that these charts hold SUD-program records).
 */
@QueryHandler(ListConsentWorklistQuery)
@TenantUseCase(ListConsentWorklistQuery, {
  audit: { action: 'group-encounter-generation.consent-worklist', resource: 'group_encounter_generation' },
})
export class ListConsentWorklistHandler implements ClUseCaseHandler<ListConsentWorklistQuery, Page<ConsentWorklistItemView>> {
  async execute({ page }: ListConsentWorklistQuery, { ctx, tx, audit }: ClUseCase): Promise<Page<ConsentWorklistItemView>> {
    const roles = await tx.rolePermission.findMany({ where: { permissionKey: APPROVE }, select: { roleKey: true } });
    const bindings = await tx.roleBinding.findMany({
      where: { organizationId: ctx.organizationId, revokedAt: null, roleKey: { in: roles.map((r) => r.roleKey) } },
      select: { staffUserId: true, allSites: true, siteIds: true },
    });
    const approvers = bindings.map((b) => ({ user_id: b.staffUserId, all_sites: b.allSites, site_ids: b.siteIds }));
    const { skip, take } = pageWindow(page);
    const { rows, total } = await consentWorklist(tx, ctx.organizationId, approvers, skip, take);
    const items = rows.map(toConsentWorklistItem);
    audit.scope({
      total,
      approvers: approvers.length,
      patientIds: items.map((i) => i.patientId),
      waiting: items.reduce((n, i) => n + i.waitingCount, 0),
      ...(items.length > 0 ? { part2: true, part2NoticeApplies: true } : {}),
    });
    return pageOf(items, total, page);
  }
}
