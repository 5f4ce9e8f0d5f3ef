import { Module } from '@nestjs/common';

import { AccountsModule } from './accounts/accounts.module';
import { ActivityModule } from './activity/activity.module';
import { AdminOversightModule } from './admin-oversight/admin-oversight.module';
import { AudioMessagesModule } from './audio-messages/audio-messages.module';
import { CrisisToolkitModule } from './crisis-toolkit/crisis-toolkit.module';
import { PortalEngagementSignalsModule } from './engagement-signals/engagement-signals.module';
import { FilesModule } from './files/files.module';
import { GoalsModule } from './goals/goals.module';
import { HomeworkModule } from './homework/homework.module';
import { JournalModule } from './journal/journal.module';
import { MoodModule } from './mood/mood.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PromptsModule } from './prompts/prompts.module';
import { RelationshipsModule } from './relationships/relationships.module';
import { ResourcesModule } from './resources/resources.module';

/**
 * The client portal context (issue 18; README.md maps the seed's features to routes and tables), one module per
 * feature. It reads CL and PM facts only through platform contracts and the helpers its row policies name.
 */
@Module({
  imports: [
    AccountsModule,
    ActivityModule,
    RelationshipsModule,
    FilesModule,
    NotificationsModule,
    MoodModule,
    JournalModule,
    PromptsModule,
    CrisisToolkitModule,
    GoalsModule,
    HomeworkModule,
    ResourcesModule,
    AudioMessagesModule,
    PortalEngagementSignalsModule,
    AdminOversightModule,
  ],
})
export class PortalModule {}
