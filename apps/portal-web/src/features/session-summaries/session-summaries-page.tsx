import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { api, call, SessionSummary } from '../../api/client';
import { downloadSessionSummary } from '../../shared/download';
import { ErrorMessage } from '../../shared/error-message';
import { dateTimeWords, dayWords } from '../../shared/format';

const PAGE_SIZE = 10;

/** The PDF's name as the API names it: the session's day, nothing else. */
const fileName = (s: SessionSummary) => `session-summary-${s.appointmentStartAt.slice(0, 10)}.pdf`;

/** Who sees a summary, and what a download means, in the same words on the list and on each summary. */
function SummaryPrivacy() {
  return (
    <p className="muted">
      Your therapist wrote these for you after your sessions. They are part of your record at the clinic. A download is saved on this
      device, so anyone who uses it can open the file.
    </p>
  );
}

function DownloadButton({ summary }: { summary: SessionSummary }) {
  const download = useMutation({ mutationFn: () => downloadSessionSummary(summary.summaryId, fileName(summary)) });
  return (
    <>
      <button
        type="button"
        className="secondary"
        aria-label={`Download PDF of the summary of ${dayWords(summary.appointmentStartAt, { year: true })}`}
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {download.isPending ? 'Preparing the PDF…' : 'Download PDF'}
      </button>
      {download.isSuccess && <p role="status">Downloaded. Look for {fileName(summary)} in your downloads.</p>}
      {download.isError && <ErrorMessage error={download.error} />}
    </>
  );
}

function sessionWords(s: SessionSummary): string {
  const day = dayWords(s.appointmentStartAt, { weekday: true, year: true });
  return s.clinicianName ? `Session on ${day} with ${s.clinicianName}` : `Session on ${day}`;
}

export function SessionSummariesPage() {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['session-summaries', page],
    queryFn: () => call(api.GET('/api/v1/portal/session-summaries', { params: { query: { page, pageSize: PAGE_SIZE } } })),
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>Session summaries</h1>
      <SummaryPrivacy />
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.total === 0 && <p>Your therapist has not shared a session summary yet.</p>}
      <ul className="cards">
        {list.data?.items.map((s) => (
          <li key={s.summaryId} className="card">
            <h2>{sessionWords(s)}</h2>
            <p className="muted">Shared on {dayWords(s.sharedAt, { year: true })}</p>
            <p className="summary-preview">{s.summary.length > 140 ? `${s.summary.slice(0, 140).trimEnd()}…` : s.summary}</p>
            <p>
              <Link
                to={`/session-summaries/${s.summaryId}`}
                aria-label={`Read the summary of ${dayWords(s.appointmentStartAt, { year: true })}`}
              >
                Read the summary
              </Link>
            </p>
            <DownloadButton summary={s} />
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label="Summary pages">
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </nav>
      )}
    </>
  );
}

export function SessionSummaryPage() {
  const { summaryId = '' } = useParams();
  const one = useQuery({
    queryKey: ['session-summary', summaryId],
    queryFn: () => call(api.GET('/api/v1/portal/session-summaries/{summaryId}', { params: { path: { summaryId } } })),
  });
  return (
    <>
      <p>
        <Link to="/session-summaries">← All session summaries</Link>
      </p>
      {one.isPending && (
        <>
          <h1>Session summary</h1>
          <p>Loading…</p>
        </>
      )}
      {one.isError && (
        <>
          <h1>Session summary</h1>
          <ErrorMessage error={one.error} />
        </>
      )}
      {one.data && (
        <article>
          <h1>{sessionWords(one.data)}</h1>
          <p className="muted">Shared with you on {dateTimeWords(one.data.sharedAt)}</p>
          <div className="card summary-text">
            {one.data.summary.split(/\n+/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <SummaryPrivacy />
          <DownloadButton summary={one.data} />
        </article>
      )}
    </>
  );
}
