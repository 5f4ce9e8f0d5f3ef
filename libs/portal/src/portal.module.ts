import { Module, type Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { AccountsModule } from './accounts/accounts.module';
import { ActivityModule } from './activity/activity.module';
import { AdminOversightModule } from './admin-oversight/admin-oversight.module';
import { AudioMessagesModule } from './audio-messages/audio-messages.module';
import { ChangeRequestsModule } from './change-requests/change-requests.module';
import { CrisisToolkitModule } from './crisis-toolkit/crisis-toolkit.module';
import { PortalEngagementSignalsModule } from './engagement-signals/engagement-signals.module';
import { ErasureModule } from './erasure/erasure.module';
import { FilesModule } from './files/files.module';
import { GoalsModule } from './goals/goals.module';
import { HomeworkModule } from './homework/homework.module';
import { InsuranceModule } from './insurance/insurance.module';
import { JournalModule } from './journal/journal.module';
import { MoodModule } from './mood/mood.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CardNumberInterceptor, PORTAL_CONTROLLERS } from './payment-methods/http/card-number.interceptor';
import { PaymentMethodsModule } from './payment-methods/payment-methods.module';
import { PrepModule } from './prep/prep.module';
import { PromptsModule } from './prompts/prompts.module';
import { RelationshipsModule } from './relationships/relationships.module';
import { ResourcesModule } from './resources/resources.module';
import { SessionReviewsModule } from './session-reviews/session-reviews.module';
import { SummariesModule } from './summaries/summaries.module';

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
    ErasureModule,
    ChangeRequestsModule,
    InsuranceModule,
    PaymentMethodsModule,
    SessionReviewsModule,
    PrepModule,
    SummariesModule,
    AudioMessagesModule,
    PortalEngagementSignalsModule,
    AdminOversightModule,
  ],
  providers: [
    // No card number or CVV in any field of any request to a controller of these modules (issue 19 item 6).
    // Every controller of every feature module imported above (read when the module is instantiated).
    { provide: PORTAL_CONTROLLERS, useFactory: () => new Set(featureModules().flatMap((m) => controllersOf(m))) },
    { provide: APP_INTERCEPTOR, useClass: CardNumberInterceptor },
  ],
})
export class PortalModule {}

function featureModules(): Type[] {
  return (Reflect.getMetadata('imports', PortalModule) as Type[] | undefined) ?? [];
}

function controllersOf(m: Type): Type[] {
  return (Reflect.getMetadata('controllers', m) as Type[] | undefined) ?? [];
}
