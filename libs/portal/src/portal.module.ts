import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** The portal bounded context. Its use cases arrive with their issues (see README.md). */
@Module({ imports: [CqrsModule] })
export class PortalModule {}
