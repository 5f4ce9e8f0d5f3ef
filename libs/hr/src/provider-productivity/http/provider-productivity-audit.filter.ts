import { ArgumentsHost, Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';

import { AuditService } from '@cairn/platform/audit';
import { ProblemDetailsFilter } from '@cairn/platform/http';
import { idKey } from '@cairn/platform/kernel';
import { organizationsOf, RequestContextService } from '@cairn/platform/tenancy';

import { auditParameters } from '../infrastructure/productivity.errors';
import { PRODUCTIVITY_AUDIT_ACTION } from '../queries/get-provider-productivity/get-provider-productivity.handler';

/**
 * Audits the calls of the productivity route that end before the handler runs (a missing token, a permission
 * the guard refuses, a parameter the validation pipe refuses) with the caller and the parameters, then answers
 * with the usual problem+json. The handler audits every call that reaches it (success or refusal by the SQL
 * function), so together every call leaves exactly one hr.provider-productivity.read row, before the response.
 */
@Injectable()
@Catch()
export class ProviderProductivityAuditFilter extends ProblemDetailsFilter {
  private readonly auditLogger = new Logger('ProviderProductivityAudit');

  constructor(
    private readonly audit: AuditService,
    private readonly requestContext: RequestContextService,
  ) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (!(exception instanceof HttpException)) {
      super.catch(exception, host);
      return;
    }
    const req = host.switchToHttp().getRequest<Request>();
    const status = exception.getStatus();
    void this.record(req, status).then(
      () => super.catch(exception, host),
      (e: unknown) => {
        // Without its audit row the call must not be answered as if it were recorded: answer 500.
        this.auditLogger.error({ err: e }, 'could not audit a refused provider-productivity call');
        super.catch(e, host);
      },
    );
  }

  private async record(req: Request, status: number): Promise<void> {
    const principal = this.requestContext.principal;
    const header = req.headers['x-organization-id'];
    const named = typeof header === 'string' ? idKey(header) : undefined;
    const memberOrgs = principal ? organizationsOf(principal).map((o) => o.id) : [];
    // The organization's own log only for one of its members; an outsider's attempt goes to the organization-less chain.
    const organizationId =
      this.requestContext.tenant?.organizationId ??
      (named && memberOrgs.includes(named) ? named : !named && memberOrgs.length === 1 ? memberOrgs[0]! : null);
    await this.audit.recordDetached({
      organizationId,
      actorUserId: principal?.userId ?? null,
      actorType: principal ? 'staff' : 'anonymous',
      action: PRODUCTIVITY_AUDIT_ACTION,
      resourceType: 'provider_productivity',
      outcome: status === 401 || status === 403 ? 'denied' : 'failure',
      reason: `${status}`,
      scope: { parameters: auditParameters(req.query as Record<string, unknown>), accept: String(req.headers.accept ?? '').slice(0, 64) },
    });
  }
}
