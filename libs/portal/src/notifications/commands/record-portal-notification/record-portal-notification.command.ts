import { Command } from '@nestjs/cqrs';

/**
 * Tell the patient's clinician about new portal activity (sent on the bus by the feature whose client use case
 * made it, in that use case's transaction). Who sees the notification is the row policy's decision: the current
 * primary therapist, so a reassignment moves it at once.
 */
export class RecordPortalNotificationCommand extends Command<{ notificationId: string }> {
  constructor(
    readonly patientId: string,
    readonly kind: string,
    readonly recordKind: string,
    readonly recordId: string,
  ) {
    super();
  }
}
