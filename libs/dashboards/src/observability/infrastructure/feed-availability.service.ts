import { Injectable } from '@nestjs/common';

import { PrismaService } from '@cairn/platform/db';

import { DashboardsMetrics } from './dashboards-metrics.service';
import { feedAvailability } from './feed-availability.repository';

/** Feeds cairn_dashboard_feeds{source,state} from the database on each scrape. */
@Injectable()
export class FeedAvailabilitySampler {
  constructor(metrics: DashboardsMetrics, prisma: PrismaService) {
    metrics.sampleFeedsWith(() => feedAvailability(prisma));
  }
}
