import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { UseCaseModule } from '@cairn/platform/use-case';

import { CodeLibraryController } from './code-library/code-library.controller';
import { ListCodesHandler } from './code-library/queries/list-codes/list-codes.handler';
import { ValidateCodeHandler } from './code-library/queries/validate-code/validate-code.handler';
import { JurisdictionController } from './jurisdiction/jurisdiction.controller';
import { GetJurisdictionProfileHandler } from './jurisdiction/queries/get-jurisdiction-profile/get-jurisdiction-profile.handler';

/** Handlers of the PF-70 and PF-96 contracts (no routes): import in any app that sends their queries. */
@Module({
  imports: [CqrsModule, UseCaseModule],
  providers: [ListCodesHandler, ValidateCodeHandler, GetJurisdictionProfileHandler],
})
export class ReferenceDataModule {}

/** The same plus the HTTP routes; import once, in the API. */
@Module({
  imports: [CqrsModule, UseCaseModule],
  controllers: [CodeLibraryController, JurisdictionController],
  providers: [ListCodesHandler, ValidateCodeHandler, GetJurisdictionProfileHandler],
})
export class ReferenceDataApiModule {}
