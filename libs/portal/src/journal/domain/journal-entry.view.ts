import type { PortalRow } from '../../portal.tx';

export interface JournalEntryView {
  journalEntryId: string;
  patientId: string;
  title: string | null;
  body: string;
  sharedWithClinician: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toJournalEntryView(e: PortalRow<'journalEntry'>): JournalEntryView {
  return {
    journalEntryId: e.id,
    patientId: e.patientId,
    title: e.title,
    body: e.body,
    sharedWithClinician: e.sharedWithClinician,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
