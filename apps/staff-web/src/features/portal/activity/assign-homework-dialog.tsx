import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call } from '../../../api/client';
import { ApiError, fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Modal } from '../../../shared/modal';
import { HOMEWORK_TYPES, HomeworkType, portalKey, uploadPortalFile } from './portal-data';

const FILE_HINT = 'PDF, Word, a picture or plain text, at most 10 MB.';

/** The refusals of the form, each under its field (the API's names -> this form's fields). */
function errorsOf(error: unknown, local: Partial<Record<string, string>>) {
  const f = (field: string) => local[field] ?? fieldErrorOf(error, field);
  return {
    title: f('title'),
    description: f('description')?.replace(/^Description\b/, 'The instructions'),
    homeworkType: f('homeworkType'),
    dueOn: f('dueOn')?.replace(/^Due on\b/, 'The due date'),
    file: f('file'),
  };
}

/**
 * Assign homework: title, instructions, kind and due date, and optionally a file (a worksheet). Homework records
 * carry no file of their own, so an attached file is uploaded for the client and recommended to them as a resource
 * named after the homework ("Recommended by your therapist" in the portal); the dialog says so.
 */
export function AssignHomeworkDialog({
  patientId,
  today,
  onClose,
  onAssigned,
}: {
  patientId: string;
  /** The organization's calendar day: the earliest due date. */
  today: string;
  onClose(): void;
  /** After the homework is assigned: what to tell the user, and the error if the file could not be shared. */
  onAssigned(text: string, fileError?: unknown): void;
}) {
  const { scope, permissions } = useAuth();
  // A file becomes a resource of the client: it takes both the upload and the resource permission.
  const canAttach = permissions.has('portal.files.upload') && permissions.has('portal.resources.manage');
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [homeworkType, setHomeworkType] = useState<HomeworkType>('worksheet');
  const [dueOn, setDueOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Partial<Record<string, string>>>({});

  const assign = useMutation({
    mutationFn: async () => {
      // The file first: if it is refused, nothing is assigned and the user can pick another.
      let fileId: string | undefined;
      if (file) {
        try {
          fileId = (await uploadPortalFile(patientId, file)).fileId;
        } catch (e) {
          if (e instanceof ApiError && e.problem.fieldErrors.length === 0 && e.problem.status === 400)
            throw new ApiError({ ...e.problem, fieldErrors: [{ field: 'file', message: e.problem.detail ?? e.problem.title }] });
          throw e;
        }
      }
      const homework = await call(
        api.POST('/api/v1/patients/{id}/homework', {
          params: { path: { id: patientId } },
          body: { title: title.trim(), description: description.trim(), homeworkType, dueOn },
        }),
      );
      let fileError: unknown;
      if (fileId) {
        try {
          await call(
            api.POST('/api/v1/patients/{id}/resources', {
              params: { path: { id: patientId } },
              body: {
                title: `Worksheet: ${homework.title}`.slice(0, 200),
                description: `For the homework “${homework.title}”, due ${homework.dueOn}.`,
                fileId,
              },
            }),
          );
        } catch (e) {
          fileError = e;
        }
      }
      return { homework, fileError };
    },
    onSuccess: async ({ homework, fileError }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'homework') }),
        client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'resources') }),
      ]);
      onAssigned(
        fileError
          ? `“${homework.title}” is assigned, but the file could not be shared with the client.`
          : `“${homework.title}” is assigned: the client sees it in the portal under Homework${file ? ', and the file under Resources' : ''}.`,
        fileError,
      );
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<string, string>> = {};
    if (!title.trim()) found['title'] = 'Give the homework a title.';
    if (!description.trim()) found['description'] = 'Write the instructions for the client.';
    if (!dueOn) found['dueOn'] = 'Choose the due date.';
    else if (dueOn < today) found['dueOn'] = 'The due date cannot be in the past.';
    setLocal(found);
    if (Object.keys(found).length === 0) assign.mutate();
  };
  const errors = errorsOf(assign.error, local);
  const named = Object.values(errorsOf(assign.error, {})).some(Boolean);

  return (
    <Modal
      title="Assign homework"
      description={
        <p>
          The client sees the title, the instructions and the due date in the portal under Homework, and can hand it in with a note and a
          file.
        </p>
      }
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="dialog-form" aria-label="Assign homework">
        <Field id="hw-title" label="Title" error={errors.title}>
          <input
            id="hw-title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={Boolean(errors.title)}
            aria-describedby={Field.describedBy('hw-title', { error: errors.title })}
          />
        </Field>
        <Field id="hw-description" label="Instructions" error={errors.description}>
          <textarea
            id="hw-description"
            rows={4}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={Boolean(errors.description)}
            aria-describedby={Field.describedBy('hw-description', { error: errors.description })}
          />
        </Field>
        <Field id="hw-type" label="Kind of homework" error={errors.homeworkType}>
          <select
            id="hw-type"
            value={homeworkType}
            onChange={(e) => setHomeworkType(e.target.value as HomeworkType)}
            aria-invalid={Boolean(errors.homeworkType)}
            aria-describedby={Field.describedBy('hw-type', { error: errors.homeworkType })}
          >
            {HOMEWORK_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="hw-due" label="Due date" error={errors.dueOn}>
          <input
            id="hw-due"
            type="date"
            min={today}
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
            aria-invalid={Boolean(errors.dueOn)}
            aria-describedby={Field.describedBy('hw-due', { error: errors.dueOn })}
          />
        </Field>
        {canAttach && (
          <Field
            id="hw-file"
            label="A file for the client (optional)"
            hint={`${FILE_HINT} The client will find it under Resources, named after this homework.`}
            error={errors.file}
          >
            <input
              id="hw-file"
              type="file"
              accept=".pdf,.docx,.txt,image/png,image/jpeg,image/gif,image/webp"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-invalid={Boolean(errors.file)}
              aria-describedby={Field.describedBy('hw-file', { hint: true, error: errors.file })}
            />
          </Field>
        )}
        {assign.error !== null && !named && <ErrorMessage error={assign.error} />}
        <div className="dialog-actions">
          <Button type="submit" disabled={assign.isPending}>
            {assign.isPending ? 'Assigning…' : 'Assign'}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </Modal>
  );
}
