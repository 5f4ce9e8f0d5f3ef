import { isoDate } from '@cairn/platform/kernel';

import { homeworkOverdue } from './homework.rules';

export interface HomeworkView {
  homeworkId: string;
  patientId: string;
  title: string;
  description: string;
  homeworkType: string;
  dueOn: string;
  /** assigned | completed | reviewed | cancelled */
  status: string;
  /** Assigned and past its due day. */
  overdue: boolean;
  assignedBy: string;
  assignedAt: string;
  completedAt: string | null;
  completionNote: string | null;
  /** The client's uploaded worksheet, if any (download through the portal's files). */
  submissionFileId: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  feedback: string | null;
  cancelledAt: string | null;
}

interface HomeworkRow {
  id: string;
  patientId: string;
  title: string;
  description: string;
  homeworkType: string;
  dueOn: Date;
  status: string;
  assignedBy: string;
  assignedAt: Date;
  completedAt: Date | null;
  completionNote: string | null;
  submissionFileId: string | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  feedback: string | null;
  cancelledAt: Date | null;
}

export function toHomeworkView(h: HomeworkRow, today: string): HomeworkView {
  const dueOn = isoDate(h.dueOn);
  return {
    homeworkId: h.id,
    patientId: h.patientId,
    title: h.title,
    description: h.description,
    homeworkType: h.homeworkType,
    dueOn,
    status: h.status,
    overdue: homeworkOverdue(h.status, dueOn, today),
    assignedBy: h.assignedBy,
    assignedAt: h.assignedAt.toISOString(),
    completedAt: h.completedAt?.toISOString() ?? null,
    completionNote: h.completionNote,
    submissionFileId: h.submissionFileId,
    reviewedAt: h.reviewedAt?.toISOString() ?? null,
    reviewedBy: h.reviewedBy,
    feedback: h.feedback,
    cancelledAt: h.cancelledAt?.toISOString() ?? null,
  };
}
