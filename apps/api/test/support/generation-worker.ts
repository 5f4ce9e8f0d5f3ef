import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClWorkerModule, GenerateEncountersWhenGroupSessionDocumentedHandler } from '@cairn/cl';
import { loadConfig } from '@cairn/platform/config';
import { buildEvent, CL_GROUP_SESSION_DOCUMENTED_V1, ClGroupSessionDocumentedV1 } from '@cairn/platform/messaging';
import { PmContractHandlersModule } from '@cairn/pm';
import { WorkerModule } from '../../../worker/src/worker.module';

/**
 * The worker's module graph in this process (no relay, queues under a prefix of its own), so an API test can
 * deliver `cl_group_session_documented.v1` to the real generation consumer and PM's real encounter handler
 * and then review the result through the API. The worker PROCESS is exercised by
 * libs/cl/src/group-encounters/encounter-generation-worker.int-spec.ts.
 */
export class GenerationWorker {
  private constructor(
    private readonly ctx: INestApplicationContext,
    private readonly consumer: GenerateEncountersWhenGroupSessionDocumentedHandler,
  ) {}

  static async start(): Promise<GenerationWorker> {
    const config = loadConfig({ ...process.env, OUTBOX_RELAY_ENABLED: 'false', QUEUE_PREFIX: `cairn-test-review-${randomUUID().slice(0, 8)}`, LOG_LEVEL: 'silent' });
    const ctx = await NestFactory.createApplicationContext(WorkerModule.register({ config, consumers: [PmContractHandlersModule, ClWorkerModule] }), { logger: false });
    return new GenerationWorker(ctx, ctx.get(GenerateEncountersWhenGroupSessionDocumentedHandler));
  }

  /** Delivers the documented event (a new event id unless given) to the generation consumer. */
  async document(payload: ClGroupSessionDocumentedV1, eventId?: string) {
    const event = buildEvent(CL_GROUP_SESSION_DOCUMENTED_V1, payload.organization_id, payload, { id: eventId });
    return this.consumer.process({ data: event, name: event.type });
  }

  close(): Promise<void> {
    return this.ctx.close();
  }
}
