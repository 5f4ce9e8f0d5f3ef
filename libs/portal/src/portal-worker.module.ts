import { Module } from '@nestjs/common';

import { SessionReviewsWorkerModule } from './session-reviews/session-reviews-worker.module';

/** The portal in the worker process (apps/worker WORKER_MODULES): its consumers and delayed jobs. */
@Module({ imports: [SessionReviewsWorkerModule] })
export class PortalWorkerModule {}
