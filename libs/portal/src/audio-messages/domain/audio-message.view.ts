export interface AudioMessageView {
  audioMessageId: string;
  patientId: string;
  title: string;
  contentType: string;
  byteSize: number;
  createdBy: string;
  createdAt: string;
  /** Plays by the client (requests for the bytes from the start). */
  playCount: number;
  lastPlayedAt: string | null;
}

interface AudioMessageRow {
  id: string;
  patientId: string;
  title: string;
  contentType: string;
  byteSize: number;
  createdBy: string;
  createdAt: Date;
}

export function toAudioMessageView(
  r: AudioMessageRow,
  plays: { count: number; last: Date | null } = { count: 0, last: null },
): AudioMessageView {
  return {
    audioMessageId: r.id,
    patientId: r.patientId,
    title: r.title,
    contentType: r.contentType,
    byteSize: r.byteSize,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    playCount: plays.count,
    lastPlayedAt: plays.last?.toISOString() ?? null,
  };
}
