import { NotFoundError } from '@cairn/platform/http';

import type { UseCaseActorType, UseCaseAuditDeclaration } from './tenant-use-case.decorator';

export type UseCaseAuditOutcome = 'success' | 'denied' | 'failure' | 'not_found';

/** The audit row the pipeline writes (the shape of platform/audit's AuditEventInput). */
export interface UseCaseAuditEvent {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  scope?: Record<string, unknown>;
  outcome: UseCaseAuditOutcome;
  reason?: string | null;
  actorType?: UseCaseActorType;
}

/** The fields of the row a handler may set. */
export interface AuditFields {
  action?: string;
  resourceType?: string;
  resourceId?: string | null;
  patientId?: string | null;
  reason?: string | null;
  actorType?: UseCaseActorType;
}

/** One patient's row of a call audited once per patient (`rowPerPatient`). */
export interface PatientRow {
  patientId: string;
  /** Facts of this patient's row, merged over the call's. */
  scope?: Record<string, unknown>;
}

interface Refusal {
  error: unknown;
  outcome: 'denied' | 'failure';
  reason: string;
  scope?: Record<string, unknown>;
}

/**
 * What a handler tells the pipeline about its one audit row: facts (`scope`), ids (`set`), an explicit outcome,
 * a refusal (`refuse`, written on its own because the transaction rolls back) or, rarely, that a call changed
 * nothing and writes no row (`skip`). Never PHI values: ids, names of filters and fields, counts.
 */
export class AuditScope {
  private readonly fields: AuditFields = {};
  private facts: Record<string, unknown> | undefined;
  private explicitOutcome: { outcome: UseCaseAuditOutcome; reason?: string } | undefined;
  private refusal: Refusal | undefined;
  private skipped: string | undefined;
  private perPatient: PatientRow[] | undefined;

  constructor(
    private readonly declaration: UseCaseAuditDeclaration<unknown>,
    private readonly message: unknown,
  ) {}

  /** Adds facts to the row's scope (merged; later keys win). */
  scope(facts: Record<string, unknown>): this {
    this.facts = { ...(this.facts ?? {}), ...facts };
    return this;
  }

  /** Sets ids or the action of the row (e.g. `create` or `update` decided by what was found). */
  set(fields: AuditFields): this {
    Object.assign(this.fields, fields);
    return this;
  }

  /** The use case found nothing although it returns a value: the row says not_found. (Returning null says so too.) */
  notFound(): this {
    this.explicitOutcome = { outcome: 'not_found' };
    return this;
  }

  /** An outcome the handler decides itself while still returning normally. */
  outcome(outcome: UseCaseAuditOutcome, reason?: string): this {
    this.explicitOutcome = { outcome, reason };
    return this;
  }

  /**
   * A refusal: returns `error` for the handler to throw. The transaction rolls back, so the pipeline commits the
   * row (outcome `denied` or `failure`, the reason, the facts so far plus `scope`) on its own.
   *   throw uc.audit.refuse('not_author', new ForbiddenError('Only the author signs a note.'));
   */
  refuse<E>(reason: string, error: E, outcome: 'denied' | 'failure' = 'denied', scope?: Record<string, unknown>): E {
    this.refusal = { error, outcome, reason, scope };
    return error;
  }

  /**
   * A write to several patients' records, audited once per patient so each patient's access history lists it: on
   * success the call writes one row per entry (the entry's patient, the call's facts plus the entry's) instead of
   * the one. A refusal or not_found still writes the one row. At least one patient (the call must leave a row).
   */
  rowPerPatient(rows: readonly PatientRow[]): this {
    if (rows.length === 0) throw new Error('rowPerPatient needs at least one patient');
    this.perPatient = [...rows];
    return this;
  }

  /** This call writes no row (say why): a replayed command that changed nothing. */
  skip(why: string): void {
    this.skipped = why;
  }

  get isSkipped(): boolean {
    return this.skipped !== undefined;
  }

  /** The row of a call that returned `result`. */
  eventFor(result: unknown, contextHasUser: boolean): UseCaseAuditEvent {
    const outcome = this.explicitOutcome?.outcome ?? (result === null ? 'not_found' : 'success');
    return this.event(outcome, this.explicitOutcome?.reason ?? this.fields.reason ?? null, this.facts, contextHasUser);
  }

  /** The rows of a call that returned `result`: the one row, or one per patient (`rowPerPatient`) on success. */
  eventsFor(result: unknown, contextHasUser: boolean): UseCaseAuditEvent[] {
    const event = this.eventFor(result, contextHasUser);
    if (!this.perPatient || event.outcome !== 'success') return [event];
    return this.perPatient.map((r) => {
      const scope = r.scope ? { ...(event.scope ?? {}), ...r.scope } : event.scope;
      return { ...event, patientId: r.patientId, ...(scope !== undefined ? { scope } : {}) };
    });
  }

  /** The row of a call that threw `error`, or null when the error is not an audited refusal (bad input writes nothing). */
  eventForError(error: unknown, contextHasUser: boolean): UseCaseAuditEvent | null {
    if (this.refusal && this.refusal.error === error) {
      const scope = this.refusal.scope ? { ...(this.facts ?? {}), ...this.refusal.scope } : this.facts;
      return this.event(this.refusal.outcome, this.refusal.reason, scope, contextHasUser);
    }
    if (error instanceof NotFoundError) return this.event('not_found', this.fields.reason ?? null, this.facts, contextHasUser);
    return null;
  }

  private event(
    outcome: UseCaseAuditOutcome,
    reason: string | null,
    scope: Record<string, unknown> | undefined,
    contextHasUser: boolean,
  ): UseCaseAuditEvent {
    const d = this.declaration;
    const declaredPatient = outcome === 'not_found' ? null : (d.patient?.(this.message) ?? null);
    return {
      action: this.fields.action ?? d.action,
      resourceType: this.fields.resourceType ?? d.resource,
      resourceId: 'resourceId' in this.fields ? this.fields.resourceId : (d.id?.(this.message) ?? null),
      patientId: 'patientId' in this.fields ? this.fields.patientId : declaredPatient,
      outcome,
      reason,
      ...(scope !== undefined ? { scope } : {}),
      ...(this.fields.actorType ? { actorType: this.fields.actorType } : d.actor ? { actorType: contextHasUser ? 'staff' : 'system' } : {}),
    };
  }
}
