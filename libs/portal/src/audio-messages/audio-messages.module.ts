import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { FilesModule } from '../files/files.module';
import { RecordAudioMessageHandler } from './commands/record-audio-message/record-audio-message.handler';
import { AudioMessagesController } from './http/audio-messages.controller';
import { ListAudioMessagesHandler } from './queries/list-audio-messages/list-audio-messages.handler';
import { PlayAudioMessageHandler } from './queries/play-audio-message/play-audio-message.handler';

/** Audio messages of the Audio Vault (issue 19 item 4): bytes through the FileStorage port, played with range requests. */
@Module({
  imports: [CqrsModule, FilesModule],
  controllers: [AudioMessagesController],
  providers: [RecordAudioMessageHandler, ListAudioMessagesHandler, PlayAudioMessageHandler],
})
export class AudioMessagesModule {}
