import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ClWorkerModule, GenerateEncountersWhenGroupSessionDocumentedHandler } from '@cairn/cl';
import { AppConfig, ConfigModule } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { HealthChecksModule, loggerParams, MetricsModule } from '@cairn/platform/http';
import { CL_GROUP_SESSION_DOCUMENTED_V1, ClGroupSessionDocumentedV1, PEER_ENCOUNTER_FINALIZED_V1, PeerEncounterFinalizedV1 } from '@cairn/platform/clinical';
import { buildEvent, MessagingModule, MessagingWorkerModule } from '@cairn/platform/messaging';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import { TenancyModule } from '@cairn/platform/tenancy';
import { ChargeCreationProcessor, PmContractHandlersModule, PmWorkerModule } from '@cairn/pm';
import { testConfig } from './test-config';

/** The worker host's module graph (platform/messaging WorkerHostModule + apps/worker's WORKER_MODULES) without the relay or the audit checkpoint job (an app cannot import another app; keep the two in step). */
function workerModule(config: AppConfig) {
  @Module({
    imports: [
      ConfigModule.forRoot(config), LoggerModule.forRoot(loggerParams(config)), DbModule, CqrsModule.forRoot(), HealthChecksModule, MetricsModule,
      MessagingModule, MessagingWorkerModule, TenancyModule, ReferenceDataModule, PmContractHandlersModule, ClWorkerModule, PmWorkerModule,
    ],
  })
  class GenerationWorkerModule {}
  return GenerationWorkerModule;
}

/**
 * The worker's module graph in this process (no relay, queues under a prefix of its own), so an API test can
 * deliver `cl_group_session_documented.v1` to the real generation consumer and PM's real encounter handler
 * and then review the result through the API; and `peer_encounter_finalized.v1` to PM's real charge consumer. The
 * worker PROCESS is exercised by tools/testing/messaging/group-encounter-generation-worker.int-spec.ts and
 * peer-encounter-charges-worker.int-spec.ts.
 */
export class GenerationWorker {
  private constructor(
    private readonly ctx: INestApplicationContext,
    private readonly consumer: GenerateEncountersWhenGroupSessionDocumentedHandler,
    private readonly charges: ChargeCreationProcessor,
  ) {}

  static async start(): Promise<GenerationWorker> {
    const config = testConfig({ OUTBOX_RELAY_ENABLED: 'false', QUEUE_PREFIX: `cairn-test-review-${randomUUID().slice(0, 8)}` });
    const ctx = await NestFactory.createApplicationContext(workerModule(config), { logger: false });
    return new GenerationWorker(ctx, ctx.get(GenerateEncountersWhenGroupSessionDocumentedHandler), ctx.get(ChargeCreationProcessor));
  }

  /** Delivers the documented event (a new event id unless given) to the generation consumer. */
  async document(payload: ClGroupSessionDocumentedV1, eventId?: string) {
    const event = buildEvent(CL_GROUP_SESSION_DOCUMENTED_V1, payload.organization_id, payload, { id: eventId });
    return this.consumer.process({ data: event, name: event.type });
  }

  /** Delivers a peer encounter's finalized event (a new event id unless given) to the charge-creation consumer. */
  async chargePeer(payload: PeerEncounterFinalizedV1, eventId?: string) {
    const event = buildEvent(PEER_ENCOUNTER_FINALIZED_V1, payload.organization_id, payload, { id: eventId });
    return this.charges.process({ data: event, name: event.type });
  }

  close(): Promise<void> {
    return this.ctx.close();
  }
}
