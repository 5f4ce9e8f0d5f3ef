import { Command } from '@nestjs/cqrs';

import type { SessionReviewView } from '../../domain/session-review.view';

/** The client answers a review prompt (scenario 4, steps 2-4): a 1-5 rating, optional feedback, sharing, anonymity. */
export class SubmitSessionReviewCommand extends Command<SessionReviewView | null> {
  constructor(
    readonly patientId: string,
    readonly reviewId: string,
    readonly rating: number,
    readonly feedback: string | null,
    /** Default false (seed §6): the therapist sees it only when the client says so. */
    readonly sharedWithClinician: boolean,
    /** Anonymous: only portal admins see it, without the client (the row policy and the oversight view). */
    readonly anonymous: boolean,
  ) {
    super();
  }
}
