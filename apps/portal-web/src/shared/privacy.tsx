/**
 * Who sees what, in the same words on every screen (ADR 0015): the client's current primary therapist sees what
 * the client shares; the clinic's portal administrators can see every portal record, shared or not.
 */
export const ADMIN_NOTE = "Your clinic's portal administrators can see all portal records, shared or not.";

export function PrivacyBadge({ shared }: { shared: boolean }) {
  return shared ? (
    <span className="badge shared">
      <span aria-hidden="true">✓ </span>Shared with your therapist
    </span>
  ) : (
    <span className="badge private">
      <span aria-hidden="true">⊘ </span>Private: your therapist cannot see this
    </span>
  );
}
