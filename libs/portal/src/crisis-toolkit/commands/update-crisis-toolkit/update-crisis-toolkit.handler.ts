import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { CrisisToolkitView, toCrisisToolkitView } from '../../domain/crisis-toolkit.view';
import { UpdateCrisisToolkitCommand } from './update-crisis-toolkit.command';

@CommandHandler(UpdateCrisisToolkitCommand)
@TenantUseCase(UpdateCrisisToolkitCommand, {
  audit: { action: 'portal.crisis-toolkit.update', resource: 'crisis_toolkit', patient: (c) => c.patientId },
})
export class UpdateCrisisToolkitHandler implements PortalUseCaseHandler<UpdateCrisisToolkitCommand, CrisisToolkitView> {
  constructor(private readonly queries: QueryBus) {}

  async execute(cmd: UpdateCrisisToolkitCommand, { ctx, tx, audit }: PortalUseCase): Promise<CrisisToolkitView> {
    const organizationId = ctx.organizationId;
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))))
      throw new NotFoundError('No patient with that id in your scope.');
    const contacts = cmd.contacts.map((c) => ({ name: c.name, phone: c.phone, relationship: c.relationship ?? null }));
    const row = await tx.crisisToolkit.upsert({
      where: { organizationId_patientId: { organizationId, patientId: cmd.patientId } },
      create: { organizationId, id: randomUUID(), patientId: cmd.patientId, copingSteps: cmd.copingSteps, contacts, updatedBy: ctx.userId },
      update: { copingSteps: cmd.copingSteps, contacts, updatedBy: ctx.userId },
    });
    audit.set({ resourceId: row.id }).scope({ copingSteps: cmd.copingSteps.length, contacts: contacts.length });
    return toCrisisToolkitView(cmd.patientId, row);
  }
}
