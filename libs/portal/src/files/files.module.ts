import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { UploadPortalFileHandler } from './commands/upload-portal-file/upload-portal-file.handler';
import { FileStorage } from './domain/file-storage.port';
import { ClientFilesController, PatientPortalFilesController } from './http/portal-files.controller';
import { PostgresFileStorage } from './infrastructure/postgres-file-storage.gateway';
import { DownloadPortalFileHandler } from './queries/download-portal-file/download-portal-file.handler';

/**
 * The portal's files (issue 18 item 4): one storage port (FileStorage), bound here to its default adapter; other
 * features store and attach files through the port, never the table.
 */
@Module({
  imports: [CqrsModule],
  controllers: [ClientFilesController, PatientPortalFilesController],
  providers: [{ provide: FileStorage, useClass: PostgresFileStorage }, UploadPortalFileHandler, DownloadPortalFileHandler],
  exports: [FileStorage],
})
export class FilesModule {}
