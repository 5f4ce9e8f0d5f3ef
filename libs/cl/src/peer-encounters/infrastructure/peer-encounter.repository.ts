import type { QueryBus } from '@nestjs/cqrs';

import { ValidateCodeQuery, type UnitBasis } from '@cairn/platform/code-library';
import { GetJurisdictionProfileQuery } from '@cairn/platform/jurisdiction';
import { InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

import type { ClTx } from '../../cl.tx';
import { loadPeerVocabulary } from '../../peer-service-types/infrastructure/peer-vocabulary.repository';
import { peerCodeUnitBasis, peerUnits } from '../domain/peer-encounter.rules';

type Tx = ClTx;

/** The code's unit basis on the service date and the units of `minutes` under the site's jurisdiction rule. */
export async function priceablePeerCode(
  queries: QueryBus,
  code: string,
  serviceDate: string,
  siteId: string,
  minutes: number,
): Promise<{ unitBasis: UnitBasis; units: number; profileKey: string }> {
  const validity = await queries.execute(new ValidateCodeQuery(code, serviceDate));
  const unitBasis = peerCodeUnitBasis(code, validity);
  const { profile } = await queries.execute(new GetJurisdictionProfileQuery({ siteId }));
  return { unitBasis, units: peerUnits(unitBasis, minutes, profile), profileKey: profile.key };
}

/** A service type of the vocabulary in force for the organization (400 naming serviceType otherwise). */
export async function serviceTypeInForce(tx: Tx, organizationId: string, key: string): Promise<'pf15' | 'organization'> {
  const vocabulary = await loadPeerVocabulary(tx, organizationId);
  if (!vocabulary.inForce.some((t) => t.key === key)) {
    const allowed = vocabulary.inForce.map((t) => t.key).join(', ');
    throw new InvalidInputError('The service type is not one your organization uses.', [
      { field: 'serviceType', message: `serviceType must be one of: ${allowed}` },
    ]);
  }
  return vocabulary.source;
}

/** The peer provider holds an active peer specialist role at the site (422 naming peerProviderId otherwise). */
export async function assertPeerProvider(tx: Tx, organizationId: string, siteId: string, staffUserId: string): Promise<void> {
  const bindings = await tx.roleBinding.findMany({
    where: { organizationId, staffUserId, revokedAt: null, roleKey: 'peer_specialist' },
    select: { allSites: true, siteIds: true },
  });
  if (!bindings.some((b) => b.allSites || b.siteIds.includes(siteId))) {
    throw new RuleViolationError("The peer provider must hold the peer specialist role at the encounter's site.", [
      { field: 'peerProviderId', message: 'peerProviderId is not a peer specialist at this site' },
    ]);
  }
}

/** Locks an encounter row for the rest of the transaction (row-level security: null when not visible). */
export async function lockPeerEncounter(
  tx: Tx,
  organizationId: string,
  id: string,
): Promise<{ status: string; peer_provider_id: string } | null> {
  const rows = await tx.$queryRaw<{ status: string; peer_provider_id: string }[]>`
    SELECT status, peer_provider_id::text FROM cl_peer_encounters WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** Another peer encounter of the patient whose time overlaps the one being saved. */
export interface OverlappingPeerEncounter {
  id: string;
  startTime: string;
  endTime: string;
  status: string;
}

/**
 * The patient's other peer encounters (drafts and finalized) on the same service date whose times overlap
 * [startTime, endTime): touching ends (09:00-10:00 and 10:00-11:00) do not overlap. HH:MM strings compare in time order.
 */
export async function overlappingPeerEncounters(
  tx: Tx,
  organizationId: string,
  patientId: string,
  serviceDate: string,
  startTime: string,
  endTime: string,
  exceptId?: string,
): Promise<OverlappingPeerEncounter[]> {
  return tx.peerEncounter.findMany({
    where: {
      organizationId,
      patientId,
      serviceDate: new Date(`${serviceDate}T00:00:00Z`),
      startTime: { lt: endTime },
      endTime: { gt: startTime },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true, startTime: true, endTime: true, status: true },
    orderBy: [{ startTime: 'asc' }, { id: 'asc' }],
  });
}
