export interface ResourceView {
  resourceId: string;
  patientId: string;
  /** link | file */
  kind: string;
  title: string;
  description: string | null;
  /** The https link (kind link). */
  url: string | null;
  /** The uploaded file (kind file), downloaded through the portal's files. */
  fileId: string | null;
  assignedBy: string;
  assignedAt: string;
  withdrawnAt: string | null;
}

/** The client's resources page: what their therapist recommends (seed: "Recommended by your therapist"). */
export interface PortalResourcesView {
  recommendedByYourTherapist: ResourceView[];
}

interface ResourceRow {
  id: string;
  patientId: string;
  kind: string;
  title: string;
  description: string | null;
  url: string | null;
  fileId: string | null;
  assignedBy: string;
  assignedAt: Date;
  withdrawnAt: Date | null;
}

export function toResourceView(r: ResourceRow): ResourceView {
  return {
    resourceId: r.id,
    patientId: r.patientId,
    kind: r.kind,
    title: r.title,
    description: r.description,
    url: r.url,
    fileId: r.fileId,
    assignedBy: r.assignedBy,
    assignedAt: r.assignedAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}
