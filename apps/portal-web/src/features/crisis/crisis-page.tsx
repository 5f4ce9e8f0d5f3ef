import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { api, call } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';

/** The 988 Suicide & Crisis Lifeline, shown before (and whatever) the API answers. */
export function Lifeline988() {
  return (
    <section className="lifeline" aria-labelledby="lifeline-heading">
      <h2 id="lifeline-heading">988 Suicide &amp; Crisis Lifeline</h2>
      <p>Free and confidential, any time of day or night.</p>
      <div className="lifeline-actions">
        <a className="big-link" href="tel:988">
          Call 988
        </a>
        <a className="big-link" href="sms:988">
          Text 988
        </a>
        <a className="big-link" href="https://988lifeline.org/chat/" target="_blank" rel="noopener noreferrer">
          Chat online<span className="visually-hidden"> (opens 988lifeline.org in a new tab)</span>
        </a>
      </div>
      <p>If you are in immediate danger, call 911.</p>
    </section>
  );
}

/**
 * The crisis toolkit: 988 first, then the client's own coping steps and contacts. Opening it is one
 * `POST /crisis-toolkit/opens` per visit (the API logs every open; a third within 7 days alerts the therapist).
 */
export function CrisisPage() {
  const open = useMutation({ mutationFn: () => call(api.POST('/api/v1/portal/crisis-toolkit/opens')) });
  const opened = useRef(false);
  useEffect(() => {
    // One open per visit (React's development double effect must not log two).
    if (opened.current) return;
    opened.current = true;
    open.mutate();
  }, [open]);
  const toolkit = open.data;
  const otherLines = toolkit?.crisisLines.filter((l) => l.phone.replace(/\D/g, '') !== '988') ?? [];
  return (
    <>
      <h1>Crisis help</h1>
      <p className="lead">You are not alone. Help is available right now.</p>
      <Lifeline988 />
      {open.isPending && <p>Loading your plan…</p>}
      {open.isError && (
        <>
          <ErrorMessage error={open.error} />
          <p>Your own plan could not be loaded, but 988 above always works.</p>
        </>
      )}
      {toolkit && (
        <>
          <section aria-labelledby="steps-heading">
            <h2 id="steps-heading">Steps that help you</h2>
            {toolkit.copingSteps.length === 0 ? (
              <p>Your therapist has not added steps yet. Try slow breathing: in for 4, hold for 4, out for 6.</p>
            ) : (
              <ol className="steps">
                {toolkit.copingSteps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">People you can call</h2>
            {toolkit.contacts.length === 0 ? (
              <p>No contacts added yet. Your therapist can add people you trust.</p>
            ) : (
              <ul className="cards">
                {toolkit.contacts.map((c) => (
                  <li key={`${c.name}-${c.phone}`} className="card">
                    <strong>{c.name}</strong>
                    {c.relationship && <span className="muted"> ({c.relationship})</span>}
                    <br />
                    <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>
                      Call {c.name} at {c.phone}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {otherLines.length > 0 && (
            <section aria-labelledby="lines-heading">
              <h2 id="lines-heading">Other crisis lines</h2>
              <ul className="cards">
                {otherLines.map((l) => (
                  <li key={l.name} className="card">
                    <strong>{l.name}</strong>: {l.description} <a href={`tel:${l.phone.replace(/[^\d+]/g, '')}`}>Call {l.phone}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <p className="muted">
        Who knows you opened this page: if you open it three times in a week, your therapist and your clinic are told, so they can check in
        with you. Nothing else happens automatically, and no one is sent to you.
      </p>
    </>
  );
}
