import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';

import { api, call } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Card } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { choosable, PeriodDays, PERIODS, SessionPicker, SHAREABLE_SESSIONS, useShareableSessions } from './session-picker';

const MANAGE = 'portal.summaries.manage';
const PAGE_SIZE = 10;
/** SUMMARY_MAX of libs/portal summaries. */
export const SUMMARY_MAX = 8_000;
const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Session summaries shared with one client (GET/POST /patients/:id/session-summaries): the list, newest first, and
 * "Share a summary" of one of the client's completed sessions, picked from a list (once per session). `appointmentId`
 * preselects the session (a link from a schedule can name it) when it is among them.
 */
export function SessionSummariesTool({ patientId, appointmentId = '' }: { patientId: string; appointmentId?: string }) {
  const { permissions, scope } = useAuth();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['session-summaries', scope.organizationId ?? null, patientId, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/patients/{id}/session-summaries', { params: { path: { id: patientId }, query: { page, pageSize: PAGE_SIZE } } }),
      ),
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <Card title="Session summaries">
      <p className="muted">A summary you share is shown to the client in the portal, who can also download it as a PDF.</p>
      {permissions.has(MANAGE) && <ShareSummaryForm patientId={patientId} initialAppointment={appointmentId} />}
      <h3>Shared with this client</h3>
      {list.error ? (
        <ErrorMessage error={list.error} />
      ) : !list.data ? (
        <p role="status">Loading session summaries…</p>
      ) : list.data.items.length === 0 ? (
        <p>No session summaries shared yet.</p>
      ) : (
        <ul className="portal-tool-list" aria-label="Session summaries shared">
          {list.data.items.map((s) => (
            <li key={s.summaryId}>
              <div>
                <p>
                  <strong>Session of {when.format(new Date(s.appointmentStartAt))}</strong>
                  {s.clinicianName ? ` with ${s.clinicianName}` : ''}
                </p>
                <p className="portal-summary-text">{s.summary}</p>
                <p className="muted">Shared {when.format(new Date(s.sharedAt))}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} onPage={setPage} label="More session summaries" />
    </Card>
  );
}

function ShareSummaryForm({ patientId, initialAppointment }: { patientId: string; initialAppointment: string }) {
  const qc = useQueryClient();
  const id = useId();
  const [days, setDays] = useState<PeriodDays>(PERIODS[0].days);
  const [appointment, setAppointment] = useState(initialAppointment);
  const [summary, setSummary] = useState('');
  const [checked, setChecked] = useState<{ appointmentId?: string; summary?: string }>({});
  const [shared, setShared] = useState(false);
  const sessions = useShareableSessions(patientId, days);
  const chosen = choosable(sessions.data?.sessions, appointment);
  const share = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/session-summaries', {
          params: { path: { id: patientId } },
          body: { appointmentId: chosen, summary: summary.trim() },
        }),
      ),
    onSuccess: () => {
      setShared(true);
      setSummary('');
      setAppointment('');
      void qc.invalidateQueries({ queryKey: ['session-summaries'] });
      void qc.invalidateQueries({ queryKey: [SHAREABLE_SESSIONS] });
    },
    // A 409 means the list was stale (someone shared one meanwhile): fetch it again so the session shows as shared.
    onError: () => void qc.invalidateQueries({ queryKey: [SHAREABLE_SESSIONS] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShared(false);
    const found: typeof checked = {};
    if (!chosen) found.appointmentId = 'Choose the session this summary is for.';
    if (!summary.trim()) found.summary = 'Write the summary the client will read.';
    else if (summary.length > SUMMARY_MAX) found.summary = `The summary must be at most ${SUMMARY_MAX.toLocaleString('en-US')} characters.`;
    setChecked(found);
    if (found.appointmentId || found.summary) return;
    share.mutate();
  };
  const apptError = checked.appointmentId ?? fieldErrorOf(share.error, 'appointmentId');
  const summaryError = checked.summary ?? fieldErrorOf(share.error, 'summary');
  return (
    <form onSubmit={submit} noValidate aria-label="Share a session summary" className="portal-tool-form">
      <h3>Share a summary</h3>
      <SessionPicker
        id={id}
        patientId={patientId}
        days={days}
        onDays={setDays}
        value={appointment}
        onChange={(v) => {
          setAppointment(v);
          setChecked((c) => ({ ...c, appointmentId: undefined }));
        }}
        linked={initialAppointment}
        error={apptError}
      />
      <Field
        id={`${id}-summary`}
        label="Summary"
        hint="Written for the client: what you worked on and what comes next."
        error={summaryError}
      >
        <textarea
          id={`${id}-summary`}
          rows={5}
          value={summary}
          aria-invalid={Boolean(summaryError)}
          aria-describedby={Field.describedBy(`${id}-summary`, { hint: true, error: summaryError })}
          onChange={(e) => setSummary(e.target.value)}
        />
      </Field>
      <div className="portal-tool-row">
        <Button type="submit" disabled={share.isPending}>
          {share.isPending ? 'Sharing…' : 'Share with the client'}
        </Button>
      </div>
      {share.error !== null && !fieldErrorOf(share.error, 'appointmentId') && !fieldErrorOf(share.error, 'summary') && (
        <ErrorMessage error={share.error} />
      )}
      {shared && (
        <p role="status" className="success">
          <span aria-hidden="true">✓ </span>Shared. The client can read it in the portal now.
        </p>
      )}
    </form>
  );
}
