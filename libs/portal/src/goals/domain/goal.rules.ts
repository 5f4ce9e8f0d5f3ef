export const GOAL_STATUSES = ['active', 'achieved', 'discontinued'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Who acts on a goal: the portal client or a staff member (the goals are "created together", seed §2). */
export type GoalAuthorKind = 'client' | 'staff';

/** The author kind of a tenant context: a portal transaction is the client's. */
export function authorKindOf(patientScope: string): GoalAuthorKind {
  return patientScope === 'portal' ? 'client' : 'staff';
}

/**
 * A progress update: a percentage and a status. Only an active goal moves; an achieved or discontinued goal is
 * closed (a new goal is created instead). Achieved means 100.
 */
export function goalProgressProblem(
  currentStatus: string,
  progress: number,
  status: GoalStatus,
): { field: string; message: string } | 'closed' | null {
  if (currentStatus !== 'active') return 'closed';
  if (status === 'achieved' && progress !== 100) return { field: 'progress', message: 'progress must be 100 for an achieved goal' };
  return null;
}
