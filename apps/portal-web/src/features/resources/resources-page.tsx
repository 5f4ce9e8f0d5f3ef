import { useMutation, useQuery } from '@tanstack/react-query';

import { api, call, Resource } from '../../api/client';
import { downloadPortalFile } from '../../shared/download';
import { ErrorMessage } from '../../shared/error-message';
import { dayWords } from '../../shared/format';

function ResourceCard({ resource }: { resource: Resource }) {
  const download = useMutation({ mutationFn: () => downloadPortalFile(resource.fileId!, resource.title) });
  return (
    <li className="card">
      <h3>{resource.title}</h3>
      {resource.description && <p>{resource.description}</p>}
      <p className="muted">Recommended on {dayWords(resource.assignedAt.slice(0, 10), { year: true })}</p>
      {resource.kind === 'link' && resource.url && (
        <a href={resource.url} target="_blank" rel="noopener noreferrer">
          Open {resource.title}
          <span className="visually-hidden"> (opens another site in a new tab)</span>
          <span aria-hidden="true"> ↗</span>
        </a>
      )}
      {resource.kind === 'file' && resource.fileId && (
        <button
          type="button"
          className="secondary"
          aria-label={`Download ${resource.title}`}
          disabled={download.isPending}
          onClick={() => download.mutate()}
        >
          Download
        </button>
      )}
      {download.isError && <ErrorMessage error={download.error} />}
    </li>
  );
}

export function ResourcesPage() {
  const list = useQuery({ queryKey: ['resources'], queryFn: () => call(api.GET('/api/v1/portal/resources')) });
  return (
    <>
      <h1>Resources</h1>
      <h2>Recommended by your therapist</h2>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.recommendedByYourTherapist.length === 0 && <p>Your therapist has not recommended anything yet.</p>}
      <ul className="cards">
        {list.data?.recommendedByYourTherapist.map((r) => (
          <ResourceCard key={r.resourceId} resource={r} />
        ))}
      </ul>
    </>
  );
}
