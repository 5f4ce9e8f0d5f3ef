import type { TransactionHost } from '@nestjs-cls/transactional';

import { PrismaService, type ContextTx, type ModelRow, type TenantTx } from '@cairn/platform/db';
import type { TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

/** The models dashboards owns (its ds_* tables): the only ones a dashboards transaction may write. */
export type DsModel =
  | 'dsMetricDefinition'
  | 'dsViewDefinition'
  | 'dsDefinitionChange'
  | 'dsMetricValue'
  | 'dsSourceStatus'
  | 'dsAuditEvent'
  | 'dsUserLayout'
  | 'dsExportPermission'
  | 'dsInboundFeed'
  | 'dsFeedSubmission';

/**
 * Platform data dashboards reads, never writes: the organization (its timezone, for "today" and the freshness
 * labels) and its sites (the site filter and the cross-site comparison). Nothing of CL, PM or HR: their figures
 * arrive only through @cairn/platform/performance-signals.
 */
export type DsPlatformRead = 'organization' | 'site';

/** The dashboards tenant transaction. */
export type DsTx = ContextTx<DsModel, DsPlatformRead>;

/** What the use-case pipeline hands a dashboards handler. */
export type DsUseCase = UseCase<DsTx>;

/** A dashboards use-case handler. */
export type DsUseCaseHandler<M, R> = TenantUseCaseHandler<M, R, DsTx>;

/** The row type of a dashboards model. */
export type DsRow<M extends DsModel> = ModelRow<M>;

/**
 * Outside any tenant dashboards calls only its own SECURITY DEFINER functions (ds_refresh_organizations,
 * ds_feed_authenticate, ds_source_status_summary): a client narrowed to `$queryRaw`, injected with DS_SYSTEM_DB.
 */
export type DsSystemDb = Pick<PrismaService, '$queryRaw'>;
export const DS_SYSTEM_DB = PrismaService;

/** The transaction host a dashboards scheduler opens its system-context transactions with (inject TransactionHost). */
export type DsTxHost = TransactionHost<TenantTx>;
