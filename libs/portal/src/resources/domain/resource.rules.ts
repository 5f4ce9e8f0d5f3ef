export const RESOURCE_KINDS = ['link', 'file'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * A link a therapist may recommend: an absolute https URL with a host, no credentials in it, at most 2000
 * characters. Answers the normalised URL, or why it is refused.
 */
export function checkResourceUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  if (raw.length > 2000) return { ok: false, message: 'url must be at most 2000 characters' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, message: 'url must be an absolute https URL' };
  }
  if (u.protocol !== 'https:') return { ok: false, message: 'url must use https' };
  if (!u.hostname || !u.hostname.includes('.')) return { ok: false, message: 'url must name a public host' };
  if (u.username || u.password) return { ok: false, message: 'url must not contain credentials' };
  return { ok: true, url: u.toString() };
}
