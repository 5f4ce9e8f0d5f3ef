import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call } from '../../../api/client';
import { ApiError, fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Card } from '../../../shared/layout';
import { Modal } from '../../../shared/modal';
import { downloadPortalFile, portalKey, PortalSectionProps, Resource, timeWords, uploadPortalFile } from './portal-data';

function RecommendDialog({ patientId, onClose, onDone }: { patientId: string; onClose(): void; onDone(title: string): void }) {
  const { scope, permissions } = useAuth();
  const canUpload = permissions.has('portal.files.upload');
  const client = useQueryClient();
  const [kind, setKind] = useState<'link' | 'file'>('link');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Partial<Record<'title' | 'url' | 'file', string>>>({});
  const recommend = useMutation({
    mutationFn: async () => {
      let fileId: string | undefined;
      if (kind === 'file' && file) {
        try {
          fileId = (await uploadPortalFile(patientId, file)).fileId;
        } catch (e) {
          if (e instanceof ApiError && e.problem.fieldErrors.length === 0 && e.problem.status === 400)
            throw new ApiError({ ...e.problem, fieldErrors: [{ field: 'file', message: e.problem.detail ?? e.problem.title }] });
          throw e;
        }
      }
      return call(
        api.POST('/api/v1/patients/{id}/resources', {
          params: { path: { id: patientId } },
          body: {
            title: title.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(kind === 'link' ? { url: url.trim() } : { fileId }),
          },
        }),
      );
    },
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'resources') });
      onDone(r.title);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof local = {};
    if (!title.trim()) found.title = 'Give the resource a title.';
    if (kind === 'link' && !url.trim()) found.url = 'Paste the link (it starts with https://).';
    if (kind === 'file' && !file) found.file = 'Choose the file to share.';
    setLocal(found);
    if (Object.keys(found).length === 0) recommend.mutate();
  };
  const errors = {
    title: local.title ?? fieldErrorOf(recommend.error, 'title'),
    description: fieldErrorOf(recommend.error, 'description'),
    url: local.url ?? fieldErrorOf(recommend.error, 'url')?.replace(/^Url\b/, 'The link'),
    file: local.file ?? fieldErrorOf(recommend.error, 'file') ?? fieldErrorOf(recommend.error, 'fileId')?.replace(/^File id\b/, 'The file'),
  };
  const named = ['title', 'description', 'url', 'file', 'fileId'].some((f) => fieldErrorOf(recommend.error, f));
  return (
    <Modal
      title="Recommend a resource"
      description={<p>The client sees it in the portal under “Recommended by your therapist” until you withdraw it.</p>}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="dialog-form" aria-label="Recommend a resource">
        {canUpload && (
          <fieldset className="portal-choice">
            <legend>What to share</legend>
            <label>
              <input type="radio" name="resource-kind" checked={kind === 'link'} onChange={() => setKind('link')} /> A link to a web page
            </label>
            <label>
              <input type="radio" name="resource-kind" checked={kind === 'file'} onChange={() => setKind('file')} /> A file (a handout or
              worksheet)
            </label>
          </fieldset>
        )}
        <Field id="res-title" label="Title" error={errors.title}>
          <input
            id="res-title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={Boolean(errors.title)}
            aria-describedby={Field.describedBy('res-title', { error: errors.title })}
          />
        </Field>
        <Field id="res-description" label="A few words for the client (optional)" error={errors.description}>
          <textarea
            id="res-description"
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={Boolean(errors.description)}
            aria-describedby={Field.describedBy('res-description', { error: errors.description })}
          />
        </Field>
        {kind === 'link' ? (
          <Field id="res-url" label="Link" hint="A secure web address, starting with https://." error={errors.url}>
            <input
              id="res-url"
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-invalid={Boolean(errors.url)}
              aria-describedby={Field.describedBy('res-url', { hint: true, error: errors.url })}
            />
          </Field>
        ) : (
          <Field id="res-file" label="File" hint="PDF, Word, a picture or plain text, at most 10 MB." error={errors.file}>
            <input
              id="res-file"
              type="file"
              accept=".pdf,.docx,.txt,image/png,image/jpeg,image/gif,image/webp"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-invalid={Boolean(errors.file)}
              aria-describedby={Field.describedBy('res-file', { hint: true, error: errors.file })}
            />
          </Field>
        )}
        {recommend.error && !named && <ErrorMessage error={recommend.error} />}
        <div className="dialog-actions">
          <Button type="submit" disabled={recommend.isPending}>
            {recommend.isPending ? 'Sharing…' : 'Recommend'}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function ResourceItem({ patientId, resource }: { patientId: string; resource: Resource }) {
  const { scope, permissions } = useAuth();
  const client = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const withdraw = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/resources/{resourceId}/withdraw', {
          params: { path: { id: patientId, resourceId: resource.resourceId } },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'resources') });
      setConfirm(false);
    },
  });
  const download = useMutation({ mutationFn: () => downloadPortalFile(patientId, resource.fileId!, resource.title) });
  return (
    <li className="portal-item">
      <h3 className="portal-item-title">{resource.title}</h3>
      <p className="muted small">
        {resource.kind === 'link' ? 'Link' : 'File'} · recommended {timeWords(resource.assignedAt)}
        {resource.withdrawnAt ? ` · withdrawn ${timeWords(resource.withdrawnAt)}: the client no longer sees it` : ''}
      </p>
      {resource.description && <p className="portal-text">{resource.description}</p>}
      <div className="portal-item-actions">
        {resource.kind === 'link' && resource.url && (
          <a href={resource.url} target="_blank" rel="noopener noreferrer" className="portal-link">
            Open the link<span className="visually-hidden"> {resource.title} (opens in a new tab)</span>
          </a>
        )}
        {resource.kind === 'file' && resource.fileId && (
          <Button
            variant="secondary"
            onClick={() => download.mutate()}
            disabled={download.isPending}
            aria-label={`Download ${resource.title}`}
          >
            {download.isPending ? 'Downloading…' : 'Download'}
          </Button>
        )}
        {!resource.withdrawnAt && permissions.has('portal.resources.manage') && (
          <Button variant="quiet" onClick={() => setConfirm(true)} aria-label={`Withdraw: ${resource.title}`}>
            Withdraw
          </Button>
        )}
      </div>
      {download.error && <ErrorMessage error={download.error} />}
      {confirm && (
        <Modal
          title={`Withdraw “${resource.title}”?`}
          description={<p>The client will no longer see it in the portal. It stays listed here as withdrawn.</p>}
          onClose={() => setConfirm(false)}
        >
          {withdraw.error && <ErrorMessage error={withdraw.error} />}
          <div className="dialog-actions">
            <Button variant="danger" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
              {withdraw.isPending ? 'Withdrawing…' : 'Withdraw'}
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(false)}>
              Keep it
            </Button>
          </div>
        </Modal>
      )}
    </li>
  );
}

/** Resources recommended to the client (links and files), with "Recommend a resource" and "Withdraw". */
export function ResourcesSection({ patientId }: PortalSectionProps) {
  const { scope, permissions } = useAuth();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const resources = useQuery({
    queryKey: portalKey(scope, patientId, 'resources'),
    queryFn: () =>
      call(api.GET('/api/v1/patients/{id}/resources', { params: { path: { id: patientId }, query: { includeWithdrawn: true } } })),
  });
  const items = [...(resources.data?.items ?? [])].sort(
    (a, b) => Number(a.withdrawnAt !== null) - Number(b.withdrawnAt !== null) || b.assignedAt.localeCompare(a.assignedAt),
  );
  return (
    <Card
      title="Resources"
      actions={
        permissions.has('portal.resources.manage') && (
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Recommend a resource
          </Button>
        )
      }
    >
      {done && (
        <p role="status" className="success">
          “{done}” is recommended: the client sees it in the portal.
        </p>
      )}
      {resources.isPending && <p role="status">Loading resources…</p>}
      {resources.error && <ErrorMessage error={resources.error} />}
      {resources.data && items.length === 0 && <p>No resources recommended yet.</p>}
      {items.length > 0 && (
        <ul className="portal-list">
          {items.map((r) => (
            <ResourceItem key={r.resourceId} patientId={patientId} resource={r} />
          ))}
        </ul>
      )}
      {open && (
        <RecommendDialog
          patientId={patientId}
          onClose={() => setOpen(false)}
          onDone={(t) => {
            setOpen(false);
            setDone(t);
          }}
        />
      )}
    </Card>
  );
}
