import { SetMetadata, Type } from '@nestjs/common';

/** Metadata key of a handler's use-case declaration. */
export const TENANT_USE_CASE = 'cairn.tenantUseCase';

/** Who the audit row names as the actor when there is no staff user (a worker consumer's system context). */
export type UseCaseActorType = 'staff' | 'anonymous' | 'system' | 'client';

/** The audit row a use case writes: action and resource type, and the ids the message already names. */
export interface UseCaseAuditDeclaration<M> {
  action: string;
  resource: string;
  /** The resource id the message names (the row's resource_id unless the handler sets another). */
  id?: (message: M) => string | null | undefined;
  /**
   * The patient the message names. Written on success and on refusals; never on not_found (a patient outside the
   * caller's scope is not confirmed to exist). The handler may set another through `audit.set({ patientId })`.
   */
  patient?: (message: M) => string | null | undefined;
  /** 'system' when the tenant context has no user (a consumer acting for the organization), else 'staff'. */
  actor?: 'derived-from-context';
}

export interface TenantUseCaseOptions<M> {
  /**
   * The audit row of every call, or `false` with the reason the use case touches no PHI and no audited
   * resource (reference data, the staff directory): `{ audit: false, reason: '...' }`.
   */
  audit: UseCaseAuditDeclaration<M> | false;
  /** Why the use case is not audited; required with `audit: false`. */
  reason?: string;
  /**
   * 'handler' (default): the handler runs inside the tenant transaction, which the audit row joins.
   * 'audit-only': the handler does work outside the database (Redis) or opens transactions itself through
   * `uc.inTransaction` (a cache miss); the row is written in a transaction of its own at the end.
   */
  transaction?: 'handler' | 'audit-only';
  /** 'required' (default) fails without a tenant context; 'optional' lets reference data run without one. */
  tenant?: 'required' | 'optional';
}

export type TenantUseCaseDeclaration = TenantUseCaseOptions<unknown> & { message: Type<unknown> };

/**
 * Declares a command or query handler a tenant use case. The use-case pipeline (UseCaseModule) runs every call
 * of it: the tenant transaction, the handler with `(message, { ctx, tx, audit })`, and exactly one audit row
 * whose outcome is inferred from what the handler returned or threw. The message class types the declaration's
 * id and patient functions.
 *
 *   @CommandHandler(SignProgressNoteCommand)
 *   @TenantUseCase(SignProgressNoteCommand, { audit: { action: 'progress-note.sign', resource: 'progress_note', id: (c) => c.noteId } })
 *   export class SignProgressNoteHandler implements TenantUseCaseHandler<SignProgressNoteCommand, ProgressNoteView | null> { ... }
 */
export function TenantUseCase<M>(message: Type<M>, options: TenantUseCaseOptions<M>): ClassDecorator {
  if (options.audit === false && !options.reason?.trim()) {
    throw new Error(`@TenantUseCase(${message.name}): audit: false needs the reason the use case is not audited`);
  }
  return SetMetadata(TENANT_USE_CASE, { ...options, message } as TenantUseCaseDeclaration);
}

/** Metadata key of a handler that runs outside the pipeline on purpose. */
export const OUTSIDE_USE_CASE_PIPELINE = 'cairn.outsideUseCasePipeline';

/**
 * A handler that cannot be a tenant use case, with the reason: sign-in and session handlers run before there is
 * a tenant (they audit with explicit clients). Only platform/access may use it; the coverage spec checks.
 */
export function OutsideUseCasePipeline(reason: string): ClassDecorator {
  if (!reason.trim()) throw new Error('OutsideUseCasePipeline needs a reason');
  return SetMetadata(OUTSIDE_USE_CASE_PIPELINE, reason);
}

export function useCaseDeclarationOf(handler: object): TenantUseCaseDeclaration | undefined {
  return Reflect.getMetadata(TENANT_USE_CASE, handler) as TenantUseCaseDeclaration | undefined;
}

export function outsidePipelineReasonOf(handler: object): string | undefined {
  return Reflect.getMetadata(OUTSIDE_USE_CASE_PIPELINE, handler) as string | undefined;
}
