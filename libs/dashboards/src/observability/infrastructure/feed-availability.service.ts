import { Inject, Injectable } from '@nestjs/common';

import { DS_SYSTEM_DB, type DsSystemDb } from '../../dashboards.tx';
import { DashboardsMetrics } from './dashboards-metrics.service';
import { feedAvailability } from './feed-availability.repository';

/** Feeds cairn_dashboard_feeds{source,state} from the database on each scrape. */
@Injectable()
export class FeedAvailabilitySampler {
  constructor(metrics: DashboardsMetrics, @Inject(DS_SYSTEM_DB) prisma: DsSystemDb) {
    metrics.sampleFeedsWith(() => feedAvailability(prisma));
  }
}
