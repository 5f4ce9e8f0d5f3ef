import { createHash, randomBytes } from 'node:crypto';

import { InvalidInputError, isCalendarDate } from '@cairn/platform/kernel';

import { DOMAINS, UPDATE_MODELS, type MetricDomain, type UpdateModel } from '../../definitions/domain/metric-definition.rules';

export const FEED_KEY = /^[a-z][a-z0-9-]{1,40}$/;
/** The source name of a feed's values in the store and in metric definitions. */
export const feedSource = (feedKey: string): string => `feed:${feedKey}`;

export interface FeedRegistration {
  feedKey: string;
  domain: MetricDomain;
  updateModel: UpdateModel;
  expectedIntervalSeconds: number;
}

/** A new credential: `cfd_` and 43 base64url characters (256 random bits), shown once; only its SHA-256 is kept. */
export function newFeedCredential(): { credential: string; hash: string } {
  const credential = `cfd_${randomBytes(32).toString('base64url')}`;
  return { credential, hash: hashFeedCredential(credential) };
}

export const hashFeedCredential = (credential: string): string => createHash('sha256').update(credential).digest('hex');

export const FEED_CREDENTIAL = /^cfd_[A-Za-z0-9_-]{43}$/;

export function validateRegistration(r: FeedRegistration): void {
  const errors: { field: string; message: string }[] = [];
  if (!FEED_KEY.test(r.feedKey)) errors.push({ field: 'feedKey', message: 'lower-case letters, digits and dashes, 2-41 characters' });
  if (!DOMAINS.includes(r.domain)) errors.push({ field: 'domain', message: `one of ${DOMAINS.join(', ')}` });
  if (!UPDATE_MODELS.includes(r.updateModel)) errors.push({ field: 'updateModel', message: `one of ${UPDATE_MODELS.join(', ')}` });
  if (!Number.isInteger(r.expectedIntervalSeconds) || r.expectedIntervalSeconds < 1 || r.expectedIntervalSeconds > 604_800)
    errors.push({ field: 'expectedIntervalSeconds', message: 'whole seconds, 1 to 604800' });
  if (errors.length) throw new InvalidInputError('The feed registration is not valid.', errors);
}

/** One pre-aggregated value a feed posts. */
export interface FeedValue {
  metricKey: string;
  day: string;
  value: number;
  siteId?: string | null;
  providerId?: string | null;
  breakdown?: Record<string, number> | null;
}

export const MAX_FEED_VALUES = 1000;

/**
 * Checks a post against what the feed may supply: only signals that a metric definition of this feed reads
 * (`calculation_source = feed:<key>`), calendar days, finite values, known sites, flat numeric breakdowns. Every
 * problem names its field (`values[3].metricKey`); nothing is stored unless all are valid.
 */
export function validateFeedValues(values: readonly FeedValue[], allowedSignals: ReadonlySet<string>, siteIds: ReadonlySet<string>): void {
  const errors: { field: string; message: string }[] = [];
  if (values.length === 0) errors.push({ field: 'values', message: 'at least one value' });
  if (values.length > MAX_FEED_VALUES) errors.push({ field: 'values', message: `at most ${MAX_FEED_VALUES} values per post` });
  values.forEach((v, i) => {
    const f = (name: string) => `values[${i}].${name}`;
    if (!allowedSignals.has(v.metricKey))
      errors.push({
        field: f('metricKey'),
        message: allowedSignals.size
          ? `this feed supplies ${[...allowedSignals].sort().join(', ')}`
          : 'no metric definition reads this feed yet',
      });
    if (!isCalendarDate(v.day)) errors.push({ field: f('day'), message: 'a calendar date YYYY-MM-DD' });
    if (typeof v.value !== 'number' || !Number.isFinite(v.value)) errors.push({ field: f('value'), message: 'a finite number' });
    if (v.siteId && !siteIds.has(v.siteId)) errors.push({ field: f('siteId'), message: 'no such site in the organization' });
    if (v.breakdown)
      for (const [k, n] of Object.entries(v.breakdown))
        if (typeof n !== 'number' || !Number.isFinite(n)) errors.push({ field: f(`breakdown.${k}`), message: 'a finite number' });
  });
  if (errors.length) throw new InvalidInputError('The feed values are not valid.', errors);
}
