import type { ClRow } from '../../cl.tx';
import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';

type ProgressNote = ClRow<'progressNote'>;
type ProgressNoteAddendum = ClRow<'progressNoteAddendum'>;

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
  /** The 42 CFR §2.32 notice when the note belongs to a Part 2 chart (every disclosure carries it). */
  part2Notice: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NoteWithAddenda = ProgressNote & { addenda: ProgressNoteAddendum[]; patient: { chart: { isPart2: boolean } | null } };

/** True when the note is a Part 2 record (its patient's chart is under 42 CFR Part 2). */
export const isPart2Note = (n: NoteWithAddenda): boolean => n.patient.chart?.isPart2 === true;

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
    part2Notice: isPart2Note(n) ? PART2_NOTICE : null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

export const NOTE_INCLUDE = { addenda: true, patient: { select: { chart: { select: { isPart2: true } } } } } as const;

/** Audit scope entries of a read or write of a Part 2 note (§2.32: the notice applied). */
export const part2Scope = (n: NoteWithAddenda) => (isPart2Note(n) ? { part2: true, part2NoticeApplies: true } : {});
