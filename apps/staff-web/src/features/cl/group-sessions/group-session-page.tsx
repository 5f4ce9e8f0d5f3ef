import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Part2Badge } from '../../../shared/part2-badge';
import { usePatientNames } from '../../../shared/patient-names';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { AttendanceStatus } from '../patients/chart-encounters';

export type GroupAttendance = Schemas['GroupAttendanceDto'];
export type GroupSession = Schemas['GroupSessionResponseDto'];

const GROUP_TYPE: Record<string, string> = {
  psychotherapy_group: 'Psychotherapy group',
  multi_family_group: 'Multi-family group',
  sud_group_counseling: 'SUD group counseling',
  peer_support_group: 'Peer support group',
  psychosocial_rehabilitation_group: 'Psychosocial rehabilitation group',
};
const MODALITY: Record<string, string> = { in_person: 'In person', telehealth_video: 'Telehealth (video)' };

/** Draft or documented, in text and a symbol. */
export function SessionStatus({ status }: { status: GroupSession['status'] }) {
  return status === 'documented' ? (
    <span className="badge session-documented">
      <span aria-hidden="true">✓ </span>Documented
    </span>
  ) : (
    <span className="badge session-draft">
      <span aria-hidden="true">✎ </span>Draft
    </span>
  );
}

/**
 * The attendance roster as the API returns it. An attendee no consent covers for the reader (`consentRequired`,
 * an SUD-program group; the API gives no reason) is shown as withheld, with no patient or chart id; others by name (from `patientNames`,
 * their chart linked), the id meanwhile.
 */
export function AttendanceRoster({
  attendance,
  patientNames,
}: {
  attendance: GroupAttendance[];
  patientNames: ReadonlyMap<string, string>;
}) {
  return (
    <TableWrap label="Attendance table">
      <table className="roster">
        <caption className="visually-hidden">Attendance</caption>
        <thead>
          <tr>
            <th scope="col">Attendee</th>
            <th scope="col">Status</th>
            <th scope="col">Minutes</th>
            <th scope="col">Arrival</th>
            <th scope="col">Departure</th>
          </tr>
        </thead>
        <tbody>
          {attendance.map((a) => (
            <tr key={a.id} className={a.consentRequired || !a.patientId ? 'withheld-row' : undefined}>
              <th scope="row">
                {a.consentRequired || !a.patientId ? (
                  <span className="withheld-attendee">
                    <span aria-hidden="true">§ </span>Withheld: a Part 2 consent covering you is required
                  </span>
                ) : (
                  <Link to={`/patients/${a.patientId}`}>{patientNames.get(a.patientId) ?? 'Patient chart'}</Link>
                )}
              </th>
              <td>
                <AttendanceStatus status={a.status} />
              </td>
              <td>{a.minutesAttended}</td>
              <td>{a.arrivalTime ?? '—'}</td>
              <td>{a.departureTime ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * `/group-sessions/:id`: one session as `GET /api/v1/group-sessions/:id` returns it (permission `cl.groups.view`;
 * the API's 403 or 404 in plain words otherwise). Facilitators by name (the session's, and the group's from
 * `GET /api/v1/groups/:id`), named attendees by the name their chart gives.
 */
export function GroupSessionPage() {
  const { id = '' } = useParams();
  const { me, scope, permissions } = useAuth();
  const result = useQuery({
    queryKey: ['group-session', scope, id],
    queryFn: () => call(api.GET('/api/v1/group-sessions/{id}', { params: { path: { id } } })),
  });
  const s = result.data;
  const group = useQuery({
    queryKey: ['group', scope, s?.groupId],
    enabled: !!s,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/groups/{id}', { params: { path: { id: s!.groupId } } })),
  });
  const facilitators = [...new Set([s?.facilitatorId, ...(group.data?.facilitatorIds ?? [])].filter((x): x is string => !!x))];
  const staff = useStaffNames([...facilitators, s?.documentedBy], scope.organizationId);
  const named = [...new Set((s?.attendance ?? []).flatMap((a) => (a.patientId && !a.consentRequired ? [a.patientId] : [])))];
  const patientNames = usePatientNames(named, scope.organizationId, permissions.has('patients.view')).names;
  const org = me?.organizations.find((o) => o.id === scope.organizationId);
  const siteName = (siteId: string) => org?.sites.find((x) => x.id === siteId)?.name ?? siteId;

  return (
    <>
      <p className="back-link">
        <Link to="/patients">← Patients</Link>
      </p>
      {result.error && (
        <>
          <h1>Group session</h1>
          <ErrorMessage error={result.error} />
        </>
      )}
      {result.isPending && <p role="status">Loading session…</p>}
      {s && (
        <article aria-labelledby="session-heading">
          <header className="chart-header">
            <h1 id="session-heading">
              {s.groupName}: session of <span className="nowrap">{s.sessionDate}</span>
            </h1>
            <dl className="facts">
              <div>
                <dt>Status</dt>
                <dd>
                  <SessionStatus status={s.status} />
                  {s.status === 'documented' && s.documentedAt && (
                    <>
                      {' '}
                      on {s.documentedAt.slice(0, 10)}
                      {s.documentedBy && (
                        <>
                          {' '}
                          by <StaffName id={s.documentedBy} names={staff.names} isPending={staff.isPending} />
                        </>
                      )}
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt>Date</dt>
                <dd>{s.sessionDate}</dd>
              </div>
              <div>
                <dt>Time</dt>
                <dd>
                  {s.startTime}–{s.endTime} ({s.durationMinutes} min)
                </dd>
              </div>
              <div>
                <dt>Site</dt>
                <dd>{siteName(s.siteId)}</dd>
              </div>
              <div>
                <dt>Group type</dt>
                <dd>
                  {GROUP_TYPE[s.groupType] ?? s.groupType} {s.sudProgram && <Part2Badge />}
                </dd>
              </div>
              <div>
                <dt>Modality</dt>
                <dd>{MODALITY[s.modality] ?? s.modality}</dd>
              </div>
              <div>
                <dt>Facilitator</dt>
                <dd>
                  <StaffName id={s.facilitatorId} names={staff.names} isPending={staff.isPending} />
                </dd>
              </div>
              {facilitators.length > 1 && (
                <div>
                  <dt>Group facilitators</dt>
                  <dd>
                    <ul className="plain-list">
                      {facilitators.map((f) => (
                        <li key={f}>
                          <StaffName id={f} names={staff.names} isPending={staff.isPending} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
          </header>
          {s.part2Notice && (
            <section className="part2-notice" aria-labelledby="session-part2-heading">
              <h2 id="session-part2-heading">
                <span aria-hidden="true">§ </span>42 CFR Part 2 records
              </h2>
              <p>{s.part2Notice}</p>
            </section>
          )}
          {s.note.trim() !== '' && (
            <section aria-labelledby="note-heading">
              <h2 id="note-heading">Group note</h2>
              <p className="note session-note">{s.note}</p>
            </section>
          )}
          <section aria-labelledby="roster-heading">
            <h2 id="roster-heading">Attendance</h2>
            {s.attendance.length === 0 ? (
              <p>No attendance recorded yet.</p>
            ) : (
              <AttendanceRoster attendance={s.attendance} patientNames={patientNames} />
            )}
            {s.attendeesOutsideScope > 0 && (
              <p className="muted">
                {s.attendeesOutsideScope} attendee{s.attendeesOutsideScope === 1 ? ' is' : 's are'} outside the patients you may see and not
                listed.
              </p>
            )}
          </section>
        </article>
      )}
    </>
  );
}
