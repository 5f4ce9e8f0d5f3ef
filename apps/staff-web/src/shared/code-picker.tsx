import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';

import { api, call } from '../api/client';
import { useAuth } from './auth';

/**
 * A billing-code field that offers the code library's codes (CPT and HCPCS in effect on `on`) as the person
 * types: code prefix or words of the description. A native input with a datalist, so it stays a plain text
 * field for keyboards and screen readers; without `code-library.view` it is just the text field.
 */
export function CodePicker(props: {
  id: string;
  value: string;
  on?: string;
  onChange(value: string): void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const { id, value, on, onChange, invalid, describedBy } = props;
  const { permissions, scope } = useAuth();
  const allowed = permissions.has('code-library.view');
  const listId = `${useId()}-codes`;
  const [q, setQ] = useState(value.trim());
  // Ask the library only after typing pauses.
  useEffect(() => {
    const t = setTimeout(() => setQ(value.trim()), 250);
    return () => clearTimeout(t);
  }, [value]);
  const codes = useQuery({
    queryKey: ['code-library', scope.organizationId, q, on],
    enabled: allowed,
    staleTime: 60_000,
    queryFn: () => call(api.GET('/api/v1/code-library/codes', { params: { query: { q: q || undefined, on, pageSize: 25 } } })),
  });
  const options = (codes.data?.items ?? []).filter((c) => c.system !== 'MODIFIER');
  return (
    <>
      <input
        id={id}
        value={value}
        maxLength={7}
        autoComplete="off"
        list={allowed ? listId : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {allowed && (
        <datalist id={listId}>
          {options.map((c) => (
            <option key={`${c.system}-${c.code}`} value={c.code}>
              {`${c.code} (${c.system}) ${c.shortDescription}`}
            </option>
          ))}
        </datalist>
      )}
    </>
  );
}
