import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  OnModuleDestroy,
  ServiceUnavailableException,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';
import Redis from 'ioredis';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PrismaService } from '@cairn/platform/db';
import { Public } from '@cairn/platform/tenancy';

const TIMEOUT_MS = 1500;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ]);
}

/**
 * Database and Redis checks shared by the API's /health and the worker's. /health is public, so a failure
 * says only which dependency is down; the cause (host, driver message) goes to the log.
 */
@Injectable()
export class DependencyHealth implements OnModuleDestroy {
  private readonly logger = new Logger('Health');
  private readonly redis: Redis;

  constructor(
    private readonly indicatorService: HealthIndicatorService,
    private readonly prisma: PrismaService,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: TIMEOUT_MS,
    });
    this.redis.on('error', () => undefined);
  }

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicatorService.check('database');
    try {
      await withTimeout(this.prisma.$queryRaw`SELECT 1`, 'PostgreSQL');
      return check.up();
    } catch (e) {
      this.logger.warn(`PostgreSQL health check failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return check.down({ message: 'PostgreSQL did not answer SELECT 1' });
    }
  }

  async redisPing(): Promise<HealthIndicatorResult> {
    const check = this.indicatorService.check('redis');
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await withTimeout(this.redis.connect(), 'Redis');
      await withTimeout(this.redis.ping(), 'Redis');
      return check.up();
    } catch (e) {
      this.logger.warn(`Redis health check failed: ${e instanceof Error ? e.message : String(e)}`);
      return check.down({ message: 'Redis did not answer PING' });
    }
  }

  /** Every dependency check, for HealthCheckService.check(). */
  indicators(): HealthIndicatorFunction[] {
    return [() => this.database(), () => this.redisPing()];
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/**
 * Whether the process should get new work: false from the moment it starts shutting down (SIGTERM), so a load
 * balancer or orchestrator polling /health/ready stops sending requests while in-flight ones finish.
 */
@Injectable()
export class Readiness {
  private drainingSince?: Date;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  markDraining(): void {
    this.drainingSince ??= new Date();
  }
}

export const SHUTTING_DOWN = 'Shutting down: finishing the requests and jobs in flight.';

/** Terminus's report: overall status and, per dependency, its state (`info` up, `error` down, `details` both). */
const HEALTH_REPORT_SCHEMA = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { type: 'object', additionalProperties: true },
    error: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
};

@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly deps: DependencyHealth,
    private readonly readiness: Readiness,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({
    summary: 'Liveness: the process answers',
    description: 'Permission: public. Checks no dependency, so an outage of PostgreSQL or Redis never gets the process restarted.',
  })
  @ApiOkResponse({
    description: 'The process is up',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: dependencies up and not shutting down',
    description: 'Permission: public. 503 while PostgreSQL or Redis is down, and from the moment the process starts shutting down.',
  })
  @ApiOkResponse({ description: 'Ready for traffic', schema: HEALTH_REPORT_SCHEMA })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down, or the process is shutting down: application/problem+json (status 503)',
  })
  ready() {
    if (this.readiness.draining) throw new ServiceUnavailableException(SHUTTING_DOWN);
    return this.health.check(this.deps.indicators());
  }

  @Get()
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and dependencies (PostgreSQL, Redis)', description: 'Permission: public.' })
  @ApiOkResponse({ description: 'Every dependency is up', schema: HEALTH_REPORT_SCHEMA })
  @ApiServiceUnavailableResponse({
    description: "A dependency is down: application/problem+json (status 503) carrying terminus's info/error/details report",
  })
  check() {
    return this.health.check(this.deps.indicators());
  }
}

/** Health checks without a controller (the worker serves them on its own port). */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [DependencyHealth, Readiness],
  exports: [DependencyHealth, Readiness, TerminusModule],
})
export class HealthChecksModule {}

@Module({ imports: [HealthChecksModule], controllers: [HealthController] })
export class HealthModule {}
