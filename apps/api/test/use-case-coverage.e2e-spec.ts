import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ClsService } from 'nestjs-cls';

import { CLS_REQUEST_ID, TENANT_CONTEXT, TenantContext } from '@cairn/platform/db';
import { isBehindUseCasePipeline, outsidePipelineReasonOf, useCaseDeclarationOf } from '@cairn/platform/use-case';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';

// Every command and query handler the API registers must run through the tenant use-case pipeline (declared with
// @TenantUseCase, audited or unaudited with a reason), or be one of the sign-in handlers that run before there is a
// tenant. Each audited use case is called once through its bus and must leave exactly one audit row, or names the API
// test that asserts its row (paths that need a realistic aggregate). A new handler fails this spec until it is
// declared and given a probe.

const COMMAND_HANDLER = '__commandHandler__';
const QUERY_HANDLER = '__queryHandler__';

/**
 * Handlers that run before a tenant exists (sign-in and session; the portal's sign-in finds its account through
 * SECURITY DEFINER functions before it has one, ADR 0015). Nothing else may stay outside the pipeline.
 */
const OUTSIDE_PIPELINE = [
  'AcceptPortalInvitationHandler',
  'GetMeHandler',
  'LoginHandler',
  'LogoutHandler',
  'PortalLoginHandler',
  'RefreshPortalSessionHandler',
  'RefreshSessionHandler',
];

type Probe =
  /** Constructor arguments of a call that must leave exactly one row with this outcome. */
  | { args: (f: Fixture) => unknown[]; outcome: 'success' | 'not_found' | 'denied' | 'failure' }
  /** Bad input: the call is refused before any work and leaves no row (the row of its success is asserted elsewhere). */
  | { args: (f: Fixture) => unknown[]; outcome: 'no row'; because: string }
  /** The API test that asserts this use case's row (its path needs a realistic aggregate); it must name the action. */
  | { assertedBy: string };

interface Fixture {
  organizationId: string;
}

const DRILL_RANGE = { from: '2025-01-01', to: '2025-01-31' };
const DRILL_PAGE = { page: 1, pageSize: 5 };

const PROBES: Record<string, Probe> = {
  VerifyAuditChainQuery: { args: () => [], outcome: 'success' },
  ListAuditEventsQuery: { args: () => [{}, 1, 5], outcome: 'success' },
  ListFailedEventsQuery: { args: () => [1, 5], outcome: 'success' },
  RetryFailedEventCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  GetAppointmentQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  RescheduleAppointmentCommand: { args: () => [randomUUID(), '2031-01-06T10:00:00Z', '2031-01-06T11:00:00Z'], outcome: 'not_found' },
  SetAppointmentStatusCommand: { args: () => [randomUUID(), 'checked_in'], outcome: 'not_found' },
  ListChargesQuery: { args: () => [{ page: 1, pageSize: 5 }], outcome: 'success' },
  VoidChargeCommand: { args: () => [randomUUID(), 'duplicate'], outcome: 'not_found' },
  CorrectChargeCommand: { args: () => [randomUUID(), { units: 1, reason: 'wrong_units' }], outcome: 'not_found' },
  BillChargeCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  // No charge for the source yet: the refusal (409), committed after the rollback, is the one row.
  VoidChargeOfSourceCommand: {
    args: () => [{ sourceType: 'group_encounter_generation', sourceId: randomUUID(), sourceRound: 1 }],
    outcome: 'denied',
  },
  // No charge of that source (yet): null, the not_found row.
  GetChargeOfSourceQuery: { args: () => ['peer_encounter', randomUUID()], outcome: 'not_found' },
  ExportChargesQuery: { args: () => [{ from: '2031-01-01', to: '2031-01-31' }], outcome: 'success' },
  // Drill-through (performance signals): a call without a signed-in staff user is refused, and the refusal is the row.
  ListAppointmentSignalRecordsQuery: {
    args: (f) => [f.organizationId, 'appointments.no-show', DRILL_RANGE, DRILL_PAGE],
    outcome: 'denied',
  },
  ListChargeSignalRecordsQuery: { args: (f) => [f.organizationId, 'charges.on-hold', DRILL_RANGE, DRILL_PAGE], outcome: 'denied' },
  ListNoteSignalRecordsQuery: { args: (f) => [f.organizationId, 'notes.unsigned', DRILL_RANGE, DRILL_PAGE], outcome: 'denied' },
  ListGroupEncounterSignalRecordsQuery: {
    args: (f) => [f.organizationId, 'group-encounters.pending', DRILL_RANGE, DRILL_PAGE],
    outcome: 'denied',
  },
  ListPeerEncounterSignalRecordsQuery: {
    args: (f) => [f.organizationId, 'peer-encounters.draft', DRILL_RANGE, DRILL_PAGE],
    outcome: 'denied',
  },
  ListConsentSignalRecordsQuery: { args: (f) => [f.organizationId, 'consents.expiring', DRILL_RANGE, DRILL_PAGE], outcome: 'denied' },
  // The function refuses these parameters: the refusal, committed after the rollback, is the one row.
  GetProviderProductivityQuery: { args: (f) => [f.organizationId, { periodStart: '2025-01', periodEnd: '2025-03' }], outcome: 'failure' },
  BookAppointmentCommand: { assertedBy: 'apps/api/test/appointments.e2e-spec.ts' },
  CreateFeeScheduleEntryCommand: { assertedBy: 'apps/api/test/charges.e2e-spec.ts' },
  EndFeeScheduleEntryCommand: {
    args: () => [randomUUID(), '2031-01-01'],
    outcome: 'no row',
    because: 'an unknown entry (configuration, not a record) is skipped, as before',
  },
  SetServiceTypeCategoryCommand: {
    args: () => [`P${Date.now() % 1e6}`, 'other'],
    outcome: 'no row',
    because: 'a new code without a name is bad input',
  },
  CreatePeerEncounterCommand: {
    args: () => [{}],
    outcome: 'no row',
    because: 'input problems; its success row is part of peer-encounter finalization',
  },
  CreateGroupEncountersCommand: {
    args: () => [{ attendees: [] }],
    outcome: 'no row',
    because: 'input problems; its success row is part of encounter generation',
  },
  // Portal: accounts.
  InvitePortalClientCommand: { assertedBy: 'apps/api/test/portal-auth.e2e-spec.ts' },
  DisablePortalAccountCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  ErasePatientPortalDataCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  GetPortalAccountQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  PortalLogoutCommand: { args: () => [randomUUID()], outcome: 'success' },
  UploadPortalFileCommand: { args: () => [randomUUID(), 'w.pdf', Buffer.from('%PDF-1.4'), true], outcome: 'not_found' },
  DownloadPortalFileQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  MarkPortalNotificationReadCommand: { args: () => [randomUUID(), true], outcome: 'not_found' },
  ListPortalNotificationsQuery: { args: () => [{}], outcome: 'success' },
  // Client notifications (issue 20): a patient the caller is not; the list is empty, the mark finds nothing.
  ListClientNotificationsQuery: { args: () => [randomUUID(), {}], outcome: 'success' },
  MarkClientNotificationReadCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  MarkAllClientNotificationsReadCommand: { args: () => [randomUUID()], outcome: 'success' },
  LogMoodEntryCommand: { assertedBy: 'apps/api/test/portal-daily-loop.e2e-spec.ts' },
  SetMoodEntrySharingCommand: { args: () => [randomUUID(), randomUUID(), true], outcome: 'not_found' },
  ListMoodEntriesQuery: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  GetMoodTrendQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  WriteJournalEntryCommand: {
    args: () => [randomUUID(), 't', 'b', false],
    outcome: 'no row',
    because:
      "a staff context cannot write a client's journal (the row policy refuses it); the client's row is asserted by the daily-loop API test",
  },
  SetJournalEntrySharingCommand: { args: () => [randomUUID(), randomUUID(), true], outcome: 'not_found' },
  ListJournalEntriesQuery: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  CreatePortalPromptCommand: { args: () => [randomUUID(), { kind: 'check_in', question: 'Q?' }], outcome: 'not_found' },
  AnswerPortalPromptCommand: { args: () => [randomUUID(), randomUUID(), 'x'], outcome: 'not_found' },
  ListPortalPromptsQuery: { args: () => [randomUUID(), true], outcome: 'not_found' },
  GetPortalActivityQuery: { args: () => [randomUUID(), 'staff'], outcome: 'not_found' },
  // Its row and PM's (the bus call joins the transaction) are asserted together.
  ListUpcomingAppointmentsQuery: { assertedBy: 'apps/api/test/portal-daily-loop.e2e-spec.ts' },
  ListPatientAppointmentsQuery: { args: () => [randomUUID(), new Date('2031-01-01'), new Date('2031-02-01')], outcome: 'success' },
  // Portal: crisis toolkit, homework, goals, resources (a random patient is in nobody's portal scope).
  OpenCrisisToolkitCommand: { assertedBy: 'apps/api/test/portal-crisis-toolkit.e2e-spec.ts' },
  UpdateCrisisToolkitCommand: { args: () => [randomUUID(), [], []], outcome: 'not_found' },
  AcknowledgeCrisisAlertCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  GetCrisisToolkitQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListCrisisToolkitUsageQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListCrisisAlertsQuery: { args: () => [{}], outcome: 'success' },
  AssignHomeworkCommand: { args: () => [randomUUID(), 'Title', 'Description', 'other', '2031-01-06'], outcome: 'not_found' },
  CompleteHomeworkCommand: { args: () => [randomUUID(), randomUUID(), null], outcome: 'not_found' },
  ReviewHomeworkCommand: { args: () => [randomUUID(), randomUUID(), 'Feedback'], outcome: 'not_found' },
  CancelHomeworkCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  ListHomeworkQuery: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  SubmitSessionReviewCommand: { assertedBy: 'apps/api/test/portal-session-reviews.e2e-spec.ts' },
  RecordAudioMessageCommand: { assertedBy: 'apps/api/test/portal-audio-messages.e2e-spec.ts' },
  ListAudioMessagesQuery: { assertedBy: 'apps/api/test/portal-audio-messages.e2e-spec.ts' },
  PlayAudioMessageQuery: { assertedBy: 'apps/api/test/portal-audio-messages.e2e-spec.ts' },
  GetPortalAdoptionQuery: { assertedBy: 'apps/api/test/portal-admin-oversight.e2e-spec.ts' },
  ListSessionReviewsQuery: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  ListReviewOversightQuery: { args: () => [{}], outcome: 'success' },
  SubmitSessionPrepCommand: { assertedBy: 'apps/api/test/portal-session-prep-summaries.e2e-spec.ts' },
  GetSessionPrepQuery: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  ListSessionPrepsQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ShareSessionSummaryCommand: { args: () => [randomUUID(), randomUUID(), 'A summary.'], outcome: 'not_found' },
  ListSessionSummariesQuery: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  ListShareableSessionsQuery: { args: () => [randomUUID(), 60], outcome: 'not_found' },
  DownloadSessionSummaryQuery: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  GetSessionSummaryQuery: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  CreateGoalCommand: { args: () => [randomUUID(), 'Goal', null, null], outcome: 'not_found' },
  RecordGoalProgressCommand: { args: () => [randomUUID(), randomUUID(), 10, 'active', null], outcome: 'not_found' },
  ListGoalsQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  GetGoalQuery: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  RecommendResourceCommand: { args: () => [randomUUID(), 'Link', null, 'https://example.org/', null], outcome: 'not_found' },
  AssignExistingResourceCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  WithdrawResourceCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  ListResourcesQuery: { args: () => [randomUUID(), false], outcome: 'not_found' },
  // Portal: change requests, insurance cards, payment methods (issue 19); the client's writes are asserted by their API tests.
  SubmitChangeRequestCommand: { assertedBy: 'apps/api/test/portal-change-requests.e2e-spec.ts' },
  StartChangeRequestReviewCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  ApproveChangeRequestCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  DenyChangeRequestCommand: { args: () => [randomUUID(), 'Reason'], outcome: 'not_found' },
  ListChangeRequestsQuery: { args: () => [{}], outcome: 'success' },
  AddInsuranceCardCommand: { assertedBy: 'apps/api/test/portal-insurance-payments.e2e-spec.ts' },
  ListInsuranceCardsQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  DownloadInsuranceCardImageQuery: { args: () => [randomUUID(), randomUUID(), 'front'], outcome: 'not_found' },
  AddPaymentMethodCommand: { assertedBy: 'apps/api/test/portal-insurance-payments.e2e-spec.ts' },
  ListPaymentMethodsQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  // CL: patients, consents, progress-notes.
  AssignPrimaryTherapistCommand: { args: () => [randomUUID(), randomUUID(), { kind: 'probe', id: randomUUID() }], outcome: 'not_found' },
  RegisterPatientCommand: { assertedBy: 'apps/api/test/patients.e2e-spec.ts' },
  UpdatePatientCommand: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  DeletePatientCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  AssignCareTeamMemberCommand: { args: () => [randomUUID(), randomUUID(), 'clinician'], outcome: 'not_found' },
  GetPatientQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  GetPatientReferenceQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  SearchPatientsQuery: { args: () => [{ page: 1, pageSize: 5 }], outcome: 'success' },
  ListChartEncountersQuery: { args: () => [randomUUID(), { page: 1, pageSize: 5 }], outcome: 'not_found' },
  RecordConsentCommand: { assertedBy: 'apps/api/test/part2-consents.e2e-spec.ts' },
  RevokeConsentCommand: { args: () => [randomUUID(), randomUUID(), 'written'], outcome: 'not_found' },
  ListConsentsQuery: { args: () => [randomUUID(), 1, 5], outcome: 'not_found' },
  // An unknown chart is answered (not allowed), and its row says not_found.
  CheckSudConsentQuery: { args: () => [randomUUID(), 'group_encounter'], outcome: 'not_found' },
  CreateProgressNoteCommand: {
    args: () => [{ patientId: randomUUID(), sessionStart: '2031-01-06T10:00:00Z', sessionEnd: '2031-01-06T11:00:00Z', body: 'x' }],
    outcome: 'not_found',
  },
  EditProgressNoteCommand: { args: () => [randomUUID(), { body: 'x' }], outcome: 'not_found' },
  SignProgressNoteCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  AddProgressNoteAddendumCommand: { args: () => [randomUUID(), 'x'], outcome: 'not_found' },
  GetProgressNoteQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  // CL group sessions and group encounter review (libs/cl/src/group-sessions, libs/cl/src/group-encounters).
  GetGroupQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListGroupsQuery: { args: () => [{ page: 1, pageSize: 5 }], outcome: 'success' },
  CreateGroupCommand: { assertedBy: 'apps/api/test/group-sessions.e2e-spec.ts' },
  GetGroupSessionQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListGroupSessionsQuery: { args: () => [{ page: 1, pageSize: 5 }], outcome: 'success' },
  CreateGroupSessionCommand: {
    args: () => [{ groupId: randomUUID(), sessionDate: '2031-01-06', startTime: '10:00', endTime: '11:00' }],
    outcome: 'not_found',
  },
  EditGroupSessionNoteCommand: { args: () => [randomUUID(), 'note'], outcome: 'not_found' },
  RecordGroupAttendanceCommand: { args: () => [randomUUID(), [{ patientId: randomUUID(), status: 'present' }]], outcome: 'not_found' },
  DocumentGroupSessionCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  RemoveGroupAttendeeCommand: { args: () => [randomUUID(), randomUUID()], outcome: 'not_found' },
  ListGroupEncounterGenerationsQuery: { args: () => [{}, { page: 1, pageSize: 5 }], outcome: 'success' },
  GetGroupEncounterGenerationQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListConsentWorklistQuery: { args: () => [{ page: 1, pageSize: 5 }], outcome: 'success' },
  EditGroupEncounterCodeCommand: { args: () => [randomUUID(), { proposedCptCode: '90853', modifiers: [] }], outcome: 'not_found' },
  ReopenGroupEncounterGenerationCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  ApproveGroupEncountersCommand: { args: () => [[randomUUID()]], outcome: 'not_found' },
  RejectGroupEncountersCommand: { args: () => [[randomUUID()], 'duplicate of another session'], outcome: 'not_found' },
  // CL peer encounters, peer service types, peer supervision.
  CreatePeerEncounterDraftCommand: {
    args: () => [
      {
        patientId: randomUUID(),
        serviceDate: '2031-01-06',
        startTime: '10:00',
        endTime: '11:00',
        serviceType: 'peer_support',
        hcpcsCode: 'H0038',
      },
    ],
    outcome: 'not_found',
  },
  EditPeerEncounterCommand: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  FinalizePeerEncounterCommand: { args: () => [randomUUID()], outcome: 'not_found' },
  AddPeerEncounterAddendumCommand: { args: () => [randomUUID(), 'probe'], outcome: 'not_found' },
  GetPeerEncounterQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  GetPeerEncounterChargeQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListPatientPeerEncountersQuery: { args: () => [{ patientId: randomUUID() }], outcome: 'not_found' },
  CreatePeerServiceTypeCommand: { args: () => [`probe_${randomUUID().slice(0, 8)}`, 'Probe'], outcome: 'success' },
  // The setting Sonoran has already (the PF-15 types): a success that changes nothing the other probes read.
  SetPeerSettingsCommand: { args: () => [true], outcome: 'success' },
  UpdatePeerServiceTypeCommand: {
    args: () => [randomUUID(), { label: 'x' }],
    outcome: 'no row',
    because: 'an unknown service type (configuration, not a record) is skipped, as before',
  },
  RecordPeerSupervisionCommand: { assertedBy: 'apps/api/test/peer-supervision.e2e-spec.ts' },
  EditPeerSupervisionCommand: { args: () => [randomUUID(), {}], outcome: 'not_found' },
  GetPeerSupervisionQuery: { args: () => [randomUUID()], outcome: 'not_found' },
  ListPeerSupervisionQuery: { args: () => [{ page: 1, pageSize: 5 }], outcome: 'success' },
  GetPeerSupervisionReportQuery: { args: () => [{ from: '2026-01', to: '2026-03', format: 'json' }], outcome: 'success' },
  // (end of CL peer encounters, peer service types, peer supervision)
  // Dashboards: rendered for a signed-in staff user only; the probe's context has none, so the refusal is the row.
  GetDashboardQuery: { args: () => [{ kind: 'me' }, {}], outcome: 'denied' },
  DrillIntoMetricQuery: { args: () => ['appointments.no-show', undefined, {}, { page: 1, pageSize: 5 }], outcome: 'denied' },
  RecomputeMetricsCommand: { assertedBy: 'apps/api/test/dashboards-recompute.e2e-spec.ts' },
  // Dashboards runtime (b16-runtime): the stream and the exports are for a signed-in staff user only (the refusal is the row).
  OpenDashboardStreamQuery: { args: () => [], outcome: 'denied' },
  ExportDashboardQuery: { args: () => [{ kind: 'me' }, {}, 'csv'], outcome: 'denied' },
  ExportDrillQuery: { args: () => ['appointments.today', undefined, {}, 'pdf'], outcome: 'denied' },
  RegisterFeedCommand: {
    args: () => [{ feedKey: 'probe', domain: 'Engagement', updateModel: 'batch', expectedIntervalSeconds: 60 }],
    outcome: 'denied',
  },
  ListFeedsQuery: { args: () => [], outcome: 'success' },
  PostFeedSignalsCommand: { args: (f) => [f.organizationId, 'no-such-feed', 'probe-1', []], outcome: 'not_found' },
  UpdateMetricDefinitionCommand: { args: () => ['no.such-metric', { target: 1 }], outcome: 'not_found' },
  UpdateViewDefinitionCommand: { args: () => ['no-such-view', { userLayoutEnabled: true }], outcome: 'not_found' },
  SetExportPermissionCommand: { args: () => ['janitor', true], outcome: 'no row', because: 'an unknown role is bad input' },
};

interface RegisteredHandler {
  name: string;
  kind: 'command' | 'query';
  message: Type<unknown>;
  instance: unknown;
  metatype: Type<unknown>;
}

let app: INestApplication;
const demo = new DemoFixture();
let handlers: RegisteredHandler[];
let fixture: Fixture;
let tenant: TenantContext;

beforeAll(async () => {
  app = await bootApi();
  const organizationId = await demo.orgId('sonoran');
  fixture = { organizationId };
  tenant = { organizationId, userId: await demo.userId('admin@sonoran.cairn.test'), siteIds: 'all', patientScope: 'site' };
  handlers = [];
  for (const w of app.get(DiscoveryService).getProviders()) {
    const metatype = w.metatype as Type<unknown> | undefined;
    if (!metatype || !w.instance) continue;
    for (const [key, kind] of [
      [COMMAND_HANDLER, 'command'],
      [QUERY_HANDLER, 'query'],
    ] as const) {
      const message = Reflect.getMetadata(key, metatype) as Type<unknown> | undefined;
      if (message && !handlers.some((h) => h.metatype === metatype))
        handlers.push({ name: metatype.name, kind, message, instance: w.instance, metatype });
    }
  }
});
afterAll(async () => {
  await app?.close();
  await demo.close();
});

describe('every registered command and query handler', () => {
  it('is found (the walk sees the whole module graph)', () => {
    expect(handlers.length).toBeGreaterThan(60);
  });

  it('is a declared tenant use case or a sign-in handler', () => {
    const undeclared = handlers
      .filter((h) => !useCaseDeclarationOf(h.metatype) && !outsidePipelineReasonOf(h.metatype))
      .map((h) => h.name)
      .sort();
    expect(undeclared).toEqual([]);
    const outside = handlers
      .filter((h) => outsidePipelineReasonOf(h.metatype))
      .map((h) => h.name)
      .sort();
    expect(outside).toEqual(OUTSIDE_PIPELINE);
  });

  it('declares the message it handles, and the buses reach it through the pipeline', () => {
    const wrong = handlers
      .filter((h) => useCaseDeclarationOf(h.metatype))
      .filter((h) => useCaseDeclarationOf(h.metatype)!.message !== h.message || !isBehindUseCasePipeline(h.instance))
      .map((h) => h.name);
    expect(wrong).toEqual([]);
  });

  it('has a probe for every audited use case', () => {
    const audited = handlers.filter((h) => useCaseDeclarationOf(h.metatype)?.audit).map((h) => h.message.name);
    expect(audited.filter((m) => !PROBES[m]).sort()).toEqual([]);
    for (const [message, probe] of Object.entries(PROBES)) {
      if (!('assertedBy' in probe)) continue;
      const declaration = handlers.map((h) => useCaseDeclarationOf(h.metatype)).find((d) => d?.message.name === message);
      const file = join(__dirname, '../../..', probe.assertedBy);
      expect({ message, exists: existsSync(file) }).toEqual({ message, exists: true });
      // The named test asserts rows of this action.
      const action = declaration && declaration.audit ? declaration.audit.action : '';
      expect({ message, mentionsAction: readFileSync(file, 'utf8').includes(`'${action}'`) }).toEqual({ message, mentionsAction: true });
    }
  });
});

describe('an audited use case called through its bus', () => {
  it('leaves exactly one audit row per call, with the inferred outcome', async () => {
    const cls = app.get(ClsService);
    const commands = app.get(CommandBus);
    const queries = app.get(QueryBus);
    const results: Array<{ message: string; rows: number; outcome: unknown; action: unknown }> = [];
    const expected: typeof results = [];
    for (const h of handlers) {
      const declaration = useCaseDeclarationOf(h.metatype);
      if (!declaration?.audit) continue;
      const probe = PROBES[h.message.name];
      if (!probe || 'assertedBy' in probe) continue;
      const requestId = randomUUID();
      const message = new (h.message as new (...args: unknown[]) => object)(...probe.args(fixture));
      await cls.run(async () => {
        cls.set(TENANT_CONTEXT, tenant);
        cls.set(CLS_REQUEST_ID, requestId);
        const bus = h.kind === 'command' ? commands : queries;
        await (bus.execute as (m: object) => Promise<unknown>)(message).catch(() => undefined);
      });
      const rows = await demo.auditEvents('request_id = $1', [requestId]);
      results.push({ message: h.message.name, rows: rows.length, outcome: rows[0]?.['outcome'], action: rows[0]?.['action'] });
      expected.push(
        probe.outcome === 'no row'
          ? { message: h.message.name, rows: 0, outcome: undefined, action: undefined }
          : { message: h.message.name, rows: 1, outcome: probe.outcome, action: declaration.audit.action },
      );
    }
    expect(results.length).toBeGreaterThan(5);
    expect(results).toEqual(expected);
  });
});
