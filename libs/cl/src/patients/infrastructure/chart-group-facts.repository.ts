import type { ClTx } from '../../cl.tx';
import type { ChartGroupSessionView } from '../domain/chart-encounter.view';

/** What a chart's encounter list shows of the group session an encounter came from. */
export type GroupFacts = Pick<ChartGroupSessionView, 'groupId' | 'groupName' | 'groupType' | 'sudProgram' | 'startTime' | 'endTime'>;

interface GroupFactsRow {
  session_id: string;
  group_id: string;
  group_name: string;
  group_type: string;
  sud_program: boolean;
  start_time: string | null;
  end_time: string | null;
}

/** The group and times of each of these sessions (in the caller's scope: RLS applies), by session id. */
export async function groupFactsOfSessions(tx: ClTx, organizationId: string, sessionIds: string[]): Promise<Map<string, GroupFacts>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<GroupFactsRow[]>`
    SELECT s.id AS session_id, g.id AS group_id, g.name AS group_name, g.group_type, g.sud_program,
           s.start_time::text AS start_time, s.end_time::text AS end_time
    FROM cl_group_sessions s JOIN cl_groups g ON g.organization_id = s.organization_id AND g.id = s.group_id
    WHERE s.organization_id = ${organizationId}::uuid AND s.id = ANY (${sessionIds}::uuid[])`;
  return new Map(
    rows.map((r) => [
      r.session_id,
      {
        groupId: r.group_id,
        groupName: r.group_name,
        groupType: r.group_type,
        sudProgram: r.sud_program,
        startTime: r.start_time?.slice(0, 5) ?? null,
        endTime: r.end_time?.slice(0, 5) ?? null,
      },
    ]),
  );
}
