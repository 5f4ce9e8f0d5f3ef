import { Injectable } from '@nestjs/common';

import { Prisma } from '@cairn/platform/db';
import { dateRange } from '@cairn/platform/kernel';

import type { PmRow, PmTx } from '../../pm.tx';
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

/**
 * The read side of charges (list and CSV export), with the Part 2 decisions it needs. Charge capture's writes
 * live in ChargesRepository.
 */
@Injectable()
export class ChargeListRepository {
  constructor(private readonly charges: ChargesRepository) {}

  /** One page of charges matching the filter, and how many match (all pages). */
  async page(
    tx: PmTx,
    organizationId: string,
    sites: readonly string[] | 'all',
    f: ChargeListFilter,
    skip: number,
    take: number,
  ): Promise<{ rows: ChargeWithConsent[]; total: number }> {
    const where = await this.where(tx, organizationId, sites, f);
    const [total, charges] = await Promise.all([tx.charge.count({ where }), tx.charge.findMany({ where, orderBy: ORDER, skip, take })]);
    return { rows: await this.withConsent(tx, charges), total };
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
