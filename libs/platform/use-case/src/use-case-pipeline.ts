import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

import type { TenantContext, TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';

import { AuditScope, type UseCaseAuditEvent } from './audit-scope';
import type { TenantUseCaseDeclaration } from './tenant-use-case.decorator';
import type { UseCase, UseCaseTx } from './use-case';
import { UseCaseAuditWriter } from './use-case-audit-writer';

const NO_AUDIT = { action: '', resource: '' };

/**
 * Runs one call of a tenant use case: the tenant transaction (joining the caller's when a use case calls another
 * through a bus), the handler, and exactly one audit row (on success, one per patient when the handler says
 * `audit.rowPerPatient`):
 * - returned normally: in the transaction, before it commits: `success`, or `not_found` when the handler returned
 *   null (or said `audit.notFound()`);
 * - threw a refusal the handler marked (`throw audit.refuse(reason, error)`) or a NotFoundError: committed on its
 *   own after the rollback, `denied`/`failure` with the reason, or `not_found`;
 * - threw anything else (bad input, a conflict found by the database, a bug): no row, nothing written, as before.
 */
@Injectable()
export class UseCasePipeline {
  private writer: UseCaseAuditWriter | undefined;

  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async run<R>(declaration: TenantUseCaseDeclaration, message: unknown, handler: (uc: UseCase) => Promise<R>): Promise<R> {
    const tenant = this.requestContext.tenant;
    if (!tenant && declaration.tenant !== 'optional') {
      throw new Error(
        `No tenant context: ${declaration.message.name} must run inside an authorised request or a consumer's tenant context`,
      );
    }
    const audited = declaration.audit !== false;
    const scope = new AuditScope(declaration.audit || NO_AUDIT, message);
    const hasUser = Boolean(tenant?.userId);
    const requestContext = this.requestContext;
    const inTransaction = <T>(fn: (tx: UseCaseTx) => Promise<T>) => this.txHost.withTransaction(() => fn(this.txHost.tx));
    const useCase = (tx: UseCaseTx | undefined): UseCase => ({
      get ctx(): TenantContext {
        if (!tenant) throw new Error(`No tenant context: ${declaration.message.name} needs one to read its organization's data`);
        return tenant;
      },
      tenant,
      get principal() {
        return requestContext.principal;
      },
      get tx(): UseCaseTx {
        if (!tx)
          throw new Error(`${declaration.message.name} runs outside a transaction (transaction: 'audit-only'): use uc.inTransaction`);
        return tx;
      },
      audit: scope,
      inTransaction,
    });
    try {
      if (declaration.transaction === 'audit-only') {
        const result = await handler(useCase(undefined));
        if (audited && !scope.isSkipped) await this.txHost.withTransaction(() => this.recordAll(scope.eventsFor(result, hasUser)));
        return result;
      }
      return await this.txHost.withTransaction(async () => {
        const result = await handler(useCase(this.txHost.tx));
        if (audited && !scope.isSkipped) await this.recordAll(scope.eventsFor(result, hasUser));
        return result;
      });
    } catch (e) {
      const event = audited ? scope.eventForError(e, hasUser) : null;
      if (event) await this.auditWriter().recordDetached(event);
      throw e;
    }
  }

  /** The call's row (or rows, one per patient), in the current transaction. */
  private async recordAll(events: UseCaseAuditEvent[]): Promise<void> {
    for (const event of events) await this.auditWriter().record(event);
  }

  private auditWriter(): UseCaseAuditWriter {
    if (!this.writer) {
      const writer = this.moduleRef.get(UseCaseAuditWriter, { strict: false });
      if (!writer) throw new Error('No UseCaseAuditWriter: import AuditModule (platform/audit) where tenant use cases run');
      this.writer = writer;
    }
    return this.writer;
  }
}
