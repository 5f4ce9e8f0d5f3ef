import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { GetProviderProductivityHandler } from './get-provider-productivity.handler';

/** Registers the handlers of the platform/workforce contract. Import once, in the app that serves them. */
@Module({ imports: [CqrsModule, AuditModule], providers: [GetProviderProductivityHandler] })
export class WorkforceDataModule {}
