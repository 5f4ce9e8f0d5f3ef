import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { FilesModule } from '../files/files.module';
import { AddInsuranceCardHandler } from './commands/add-insurance-card/add-insurance-card.handler';
import { InsuranceCardsController } from './http/insurance-cards.controller';
import { DownloadInsuranceCardImageHandler } from './queries/download-insurance-card-image/download-insurance-card-image.handler';
import { ListInsuranceCardsHandler } from './queries/list-insurance-cards/list-insurance-cards.handler';

/** Insurance cards entered by the client, read by billing staff. */
@Module({
  imports: [CqrsModule, FilesModule],
  controllers: [InsuranceCardsController],
  providers: [AddInsuranceCardHandler, ListInsuranceCardsHandler, DownloadInsuranceCardImageHandler],
})
export class InsuranceModule {}
