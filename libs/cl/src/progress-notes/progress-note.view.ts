import type { ProgressNote, ProgressNoteAddendum } from '@cairn/platform/db';

export interface ProgressNoteView {
  id: string;
  organizationId: string;
  siteId: string;
  patientId: string;
  appointmentId: string | null;
  authorId: string;
  sessionStart: string;
  sessionEnd: string;
  status: 'draft' | 'signed';
  body: string;
  signedAt: string | null;
  signedBy: string | null;
  addenda: { id: string; authorId: string; body: string; createdAt: string }[];
  createdAt: string;
  updatedAt: string;
}

export type NoteWithAddenda = ProgressNote & { addenda: ProgressNoteAddendum[] };

export function toProgressNoteView(n: NoteWithAddenda): ProgressNoteView {
  return {
    id: n.id,
    organizationId: n.organizationId,
    siteId: n.siteId,
    patientId: n.patientId,
    appointmentId: n.appointmentId,
    authorId: n.authorId,
    sessionStart: n.sessionStart.toISOString(),
    sessionEnd: n.sessionEnd.toISOString(),
    status: n.status as 'draft' | 'signed',
    body: n.body,
    signedAt: n.signedAt ? n.signedAt.toISOString() : null,
    signedBy: n.signedBy,
    addenda: n.addenda
      .map((a) => ({ id: a.id, authorId: a.authorId, body: a.body, createdAt: a.createdAt.toISOString() }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

export const NOTE_INCLUDE = { addenda: true } as const;
