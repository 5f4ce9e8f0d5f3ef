import { PF15_PEER_ENCOUNTER_TYPES } from '@cairn/platform/clinical';

import type { ClTx } from '../../cl.tx';

type Tx = ClTx;

export interface PeerServiceTypeView {
  /** The cl_peer_service_types row; null for a PF-15 type. */
  id: string | null;
  key: string;
  label: string;
  source: 'pf15' | 'organization';
  active: boolean;
}

export interface PeerVocabularyView {
  /** The organization setting: true (the default, also when never set) = PF-15's types are in force. */
  usePf15: boolean;
  source: 'pf15' | 'organization';
  /** The service types an encounter may use now (active ones of the vocabulary in force). */
  inForce: PeerServiceTypeView[];
  /** Every type the organization defined, active or not (in force only when usePf15 is false). */
  organizationTypes: PeerServiceTypeView[];
}

/** The peer service type vocabulary in force for the context's organization (cl_peer_settings.use_pf15). */
export async function loadPeerVocabulary(tx: Tx, organizationId: string): Promise<PeerVocabularyView> {
  const settings = await tx.peerSettings.findUnique({ where: { organizationId } });
  const own = await tx.peerServiceType.findMany({ where: { organizationId }, orderBy: [{ label: 'asc' }, { key: 'asc' }] });
  const usePf15 = settings?.usePf15 ?? true;
  const organizationTypes: PeerServiceTypeView[] = own.map((t) => ({
    id: t.id,
    key: t.key,
    label: t.label,
    source: 'organization',
    active: t.active,
  }));
  const pf15: PeerServiceTypeView[] = PF15_PEER_ENCOUNTER_TYPES.map((t) => ({
    id: null,
    key: t.key,
    label: t.label,
    source: 'pf15',
    active: true,
  }));
  return {
    usePf15,
    source: usePf15 ? 'pf15' : 'organization',
    inForce: usePf15 ? pf15 : organizationTypes.filter((t) => t.active),
    organizationTypes,
  };
}
