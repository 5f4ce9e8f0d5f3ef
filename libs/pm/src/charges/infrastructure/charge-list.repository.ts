import { Injectable } from '@nestjs/common';

import { Prisma } from '@cairn/platform/db';
import { dateRange } from '@cairn/platform/kernel';

import type { PmRow, PmTx } from '../../pm.tx';
import { DEFAULT_CHARGE_SORT, sortsByHiddenField, type ChargeSort } from '../domain/charge-sort.rules';
import type { ChargeSourceType, ChargeStatus } from '../domain/charge.rules';
import { ChargesRepository } from './charges.repository';

type Charge = PmRow<'charge'>;

/** What the charge list and its CSV export filter on. */
export interface ChargeListFilter {
  status?: ChargeStatus;
  siteId?: string;
  /** Service dates, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  sourceType?: ChargeSourceType;
  sessionId?: string;
  patientId?: string;
  /** The rendering provider (dashboards' provider filter): a fact of the charge, like status. */
  renderingProviderId?: string;
}

/** A charge with the caller's 42 CFR Part 2 decision for its chart. */
export interface ChargeWithConsent {
  charge: Charge;
  /** The caller may see the chart's billing records (always true for a chart not under Part 2, or no chart). */
  consented: boolean;
  /** The chart is a Part 2 record: a shown charge carries the §2.32 notice. */
  part2: boolean;
}

const ORDER: Prisma.ChargeOrderByWithRelationInput[] = [{ serviceDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }];

/** The order of a sort: its field, then the default order (newest service date first) to break ties. */
function orderOf(sort: ChargeSort): Prisma.ChargeOrderByWithRelationInput[] {
  switch (sort.field) {
    case 'serviceDate':
      return [{ serviceDate: sort.direction }, { createdAt: sort.direction }, { id: 'asc' }];
    case 'amount':
      return [{ amountCents: { sort: sort.direction, nulls: 'last' } }, ...ORDER];
    case 'status':
      return [{ status: sort.direction }, ...ORDER];
  }
}

/**
 * The read side of charges (list and CSV export), with the Part 2 decisions it needs. Charge capture's writes
 * live in ChargesRepository.
 */
@Injectable()
export class ChargeListRepository {
  constructor(private readonly charges: ChargesRepository) {}

  /**
   * One page of charges matching the filter, and how many match (all pages), in `sort` order. Under a sort by a field
   * a withheld charge hides (amount, status), the charges the caller may not see come after every shown one, by
   * service date (newest first), so a withheld charge's place tells nothing about what it hides.
   */
  async page(
    tx: PmTx,
    organizationId: string,
    sites: readonly string[] | 'all',
    f: ChargeListFilter,
    skip: number,
    take: number,
    sort: ChargeSort = DEFAULT_CHARGE_SORT,
  ): Promise<{ rows: ChargeWithConsent[]; total: number }> {
    const where = await this.where(tx, organizationId, sites, f);
    if (!sortsByHiddenField(sort)) {
      const [total, charges] = await Promise.all([
        tx.charge.count({ where }),
        tx.charge.findMany({ where, orderBy: orderOf(sort), skip, take }),
      ]);
      return { rows: await this.withConsent(tx, charges), total };
    }
    const { shown, withheld } = await this.splitByConsent(tx, where);
    const [shownCount, withheldCount] = await Promise.all([tx.charge.count({ where: shown }), tx.charge.count({ where: withheld })]);
    const fromShown = shownCount > skip ? await tx.charge.findMany({ where: shown, orderBy: orderOf(sort), skip, take }) : [];
    const rest = take - fromShown.length;
    const fromWithheld =
      rest > 0 && withheldCount > 0
        ? await tx.charge.findMany({ where: withheld, orderBy: ORDER, skip: Math.max(0, skip - shownCount), take: rest })
        : [];
    return { rows: await this.withConsent(tx, [...fromShown, ...fromWithheld]), total: shownCount + withheldCount };
  }

  /** The filter split into the charges the caller may see and those withheld from them (42 CFR Part 2). */
  private async splitByConsent(
    tx: PmTx,
    where: Prisma.ChargeWhereInput,
  ): Promise<{ shown: Prisma.ChargeWhereInput; withheld: Prisma.ChargeWhereInput }> {
    const charts = await tx.charge.findMany({
      where: { AND: [where, { chartId: { not: null } }] },
      distinct: ['chartId'],
      select: { chartId: true },
    });
    const decisions = await this.charges.billingConsentOfCharts(
      tx,
      charts.map((c) => c.chartId!),
    );
    const denied = [...decisions].filter(([, d]) => !d.consented).map(([chart]) => chart);
    return {
      shown: { AND: [where, { OR: [{ chartId: null }, { chartId: { notIn: denied } }] }] },
      withheld: { AND: [where, { chartId: { in: denied } }] },
    };
  }

  /** Every charge matching the filter, up to `limit` + 1 (so the caller can tell it was cut), in list order. */
  async all(
    tx: PmTx,
    organizationId: string,
    sites: readonly string[] | 'all',
    f: ChargeListFilter,
    limit: number,
  ): Promise<ChargeWithConsent[]> {
    const where = await this.where(tx, organizationId, sites, f);
    return this.withConsent(tx, await tx.charge.findMany({ where, orderBy: ORDER, take: limit + 1 }));
  }

  /**
   * The filter. Service dates, site and session select withheld charges too (they tell only that an unnamed Part 2
   * charge of that day, site or session exists). Filters on a charge's own facts (status, source type, patient, provider)
   * match only charges the caller may see, so subtracting two filtered answers tells nothing about a withheld
   * one, and a patient filter never tells that the patient has Part 2 charges.
   */
  private async where(
    tx: PmTx,
    organizationId: string,
    sites: readonly string[] | 'all',
    f: ChargeListFilter,
  ): Promise<Prisma.ChargeWhereInput> {
    const and: Prisma.ChargeWhereInput[] = [{ organizationId }];
    // Row-level security restricts sites too; the explicit filter keeps the query honest on its own.
    if (sites !== 'all') and.push({ siteId: { in: [...sites] } });
    if (f.siteId) and.push({ siteId: f.siteId });
    const serviceDate = dateRange(f.from, f.to);
    if (serviceDate) and.push({ serviceDate });
    if (f.sessionId) and.push({ groupSessionId: f.sessionId });
    const facts: Prisma.ChargeWhereInput[] = [];
    if (f.status) facts.push({ status: f.status });
    if (f.sourceType) facts.push({ sourceType: f.sourceType });
    if (f.patientId) facts.push({ patientId: f.patientId });
    if (f.renderingProviderId) facts.push({ renderingProviderId: f.renderingProviderId });
    if (facts.length > 0) {
      // The charts of the charges the other filters select that the caller may not see: excluded before paging.
      const charts = await tx.charge.findMany({
        where: { AND: [...and, ...facts, { chartId: { not: null } }] },
        distinct: ['chartId'],
        select: { chartId: true },
      });
      const decisions = await this.charges.billingConsentOfCharts(
        tx,
        charts.map((c) => c.chartId!),
      );
      const denied = [...decisions].filter(([, d]) => !d.consented).map(([chart]) => chart);
      and.push(...facts);
      if (denied.length > 0) and.push({ OR: [{ chartId: null }, { chartId: { notIn: denied } }] });
    }
    return { AND: and };
  }

  private async withConsent(tx: PmTx, charges: Charge[]): Promise<ChargeWithConsent[]> {
    const decisions = await this.charges.billingConsentOfCharts(tx, [
      ...new Set(charges.map((c) => c.chartId).filter((c): c is string => c !== null)),
    ]);
    return charges.map((charge) => {
      const d = charge.chartId === null ? undefined : decisions.get(charge.chartId);
      return { charge, consented: d?.consented ?? true, part2: d?.part2 ?? false };
    });
  }
}
