import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { PageHeader } from '../../../shared/layout';
import { AudioMessagesTool } from './audio-messages-tool';
import { CrisisToolkitEditor } from './crisis-toolkit-editor';
import { SessionSummariesTool } from './session-summaries-tool';

/**
 * The therapist's portal tools for one client on a page of their own (`/patients/:id/portal/tools`): the crisis
 * toolkit, audio messages and session summaries. Each tool is its own component, to be placed in the chart's
 * Portal tab as well; each reads its own data and shows its own refusal (a 403 or 404 in words).
 */
export function PortalToolsPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { permissions, scope } = useAuth();
  const patient = useQuery({
    queryKey: ['patient', scope.organizationId ?? null, id],
    enabled: permissions.has('patients.view'),
    queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })),
  });
  const name = patient.data ? `${patient.data.preferredName || patient.data.firstName} ${patient.data.lastName}` : undefined;
  return (
    <>
      <PageHeader
        title={name ? `Portal tools: ${name}` : 'Portal tools'}
        description="What this client sees in their portal: the crisis toolkit, your audio messages and the session summaries you share."
        actions={<Link to={`/patients/${id}`}>Back to the chart</Link>}
      />
      <CrisisToolkitEditor patientId={id} />
      <AudioMessagesTool patientId={id} />
      <SessionSummariesTool patientId={id} appointmentId={params.get('appointment') ?? ''} />
    </>
  );
}
