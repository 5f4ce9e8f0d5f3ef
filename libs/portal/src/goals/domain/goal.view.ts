import { isoDate } from '@cairn/platform/kernel';

export interface GoalView {
  goalId: string;
  patientId: string;
  title: string;
  description: string | null;
  targetDate: string | null;
  /** active | achieved | discontinued */
  status: string;
  /** 0 to 100, the latest update's */
  progress: number;
  /** client | staff */
  createdByKind: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface GoalProgressView {
  progressId: string;
  progress: number;
  status: string;
  note: string | null;
  authorKind: string;
  authorId: string;
  createdAt: string;
}

/** A goal with its progress history, newest first. */
export interface GoalDetailView extends GoalView {
  history: GoalProgressView[];
}

interface GoalRow {
  id: string;
  patientId: string;
  title: string;
  description: string | null;
  targetDate: Date | null;
  status: string;
  progress: number;
  createdByKind: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface ProgressRow {
  id: string;
  progress: number;
  status: string;
  note: string | null;
  authorKind: string;
  authorId: string;
  createdAt: Date;
}

export function toGoalView(g: GoalRow): GoalView {
  return {
    goalId: g.id,
    patientId: g.patientId,
    title: g.title,
    description: g.description,
    targetDate: g.targetDate ? isoDate(g.targetDate) : null,
    status: g.status,
    progress: g.progress,
    createdByKind: g.createdByKind,
    createdBy: g.createdBy,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

export function toGoalDetailView(g: GoalRow, history: ProgressRow[]): GoalDetailView {
  return {
    ...toGoalView(g),
    history: history.map((p) => ({
      progressId: p.id,
      progress: p.progress,
      status: p.status,
      note: p.note,
      authorKind: p.authorKind,
      authorId: p.authorId,
      createdAt: p.createdAt.toISOString(),
    })),
  };
}
