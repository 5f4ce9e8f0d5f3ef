import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ClWorkerModule } from '@cairn/cl';
import { EncounterGenerationProcessor } from '@cairn/cl/testing';
import {
  CL_GROUP_ENCOUNTERS_APPROVED_V1,
  CL_GROUP_SESSION_DOCUMENTED_V1,
  ClGroupEncountersApprovedV1,
  ClGroupSessionDocumentedV1,
  PEER_ENCOUNTER_FINALIZED_V1,
  PeerEncounterFinalizedV1,
} from '@cairn/platform/clinical';
import { buildEvent, WorkerHostModule } from '@cairn/platform/messaging';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import { PmContractHandlersModule, PmWorkerModule } from '@cairn/pm';
import { ChargeCreationProcessor } from '@cairn/pm/testing';

import { testConfig } from './test-config';

/**
 * What apps/worker composes into the worker host (its WORKER_MODULES), minus the audit checkpoint job that
 * app owns: an app cannot import another app, so keep this list in step with apps/worker/src/worker.module.ts.
 */
const CONSUMER_MODULES = [ReferenceDataModule, PmContractHandlersModule, ClWorkerModule, PmWorkerModule];

/**
 * The worker host in this process (no relay, queues under a prefix of its own), so an API test can
 * deliver `cl_group_session_documented.v1` to the real generation consumer and PM's real encounter handler
 * and then review the result through the API; and `peer_encounter_finalized.v1` to PM's real charge consumer. The
 * worker PROCESS is exercised by libs/platform/messaging/test/group-encounter-generation-worker.int-spec.ts and
 * peer-encounter-charges-worker.int-spec.ts.
 */
export class GenerationWorker {
  private constructor(
    private readonly ctx: INestApplicationContext,
    private readonly consumer: EncounterGenerationProcessor,
    private readonly charges: ChargeCreationProcessor,
  ) {}

  static async start(): Promise<GenerationWorker> {
    const config = testConfig({ OUTBOX_RELAY_ENABLED: 'false', QUEUE_PREFIX: `cairn-test-review-${randomUUID().slice(0, 8)}` });
    // The worker host of platform/messaging, as the worker process boots it, with the relay turned off
    // (OUTBOX_RELAY_ENABLED=false): the test delivers the events itself.
    const ctx = await NestFactory.createApplicationContext(WorkerHostModule.register({ config, consumers: CONSUMER_MODULES }), {
      logger: false,
    });
    return new GenerationWorker(ctx, ctx.get(EncounterGenerationProcessor), ctx.get(ChargeCreationProcessor));
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

  /** Delivers an approval (e.g. an outbox row's payload and id) to the charge-creation consumer. */
  async chargeApproval(payload: ClGroupEncountersApprovedV1, eventId?: string) {
    const event = buildEvent(CL_GROUP_ENCOUNTERS_APPROVED_V1, payload.organization_id, payload, { id: eventId });
    return this.charges.process({ data: event, name: event.type });
  }

  close(): Promise<void> {
    return this.ctx.close();
  }
}
