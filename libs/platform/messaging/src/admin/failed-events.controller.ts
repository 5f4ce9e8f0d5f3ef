import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { RetryFailedEventCommand } from './commands/retry-failed-event/retry-failed-event.command';
import { FailedEventDto, ListFailedEventsDto, RetriedEventDto } from './failed-events.dto';
import { ListFailedEventsQuery } from './queries/list-failed-events/list-failed-events.query';

const eventIdPipe = new ParseIdPipe(() => new NotFoundException('No event with that id in the queues of this organization.'));

/**
 * Integration events whose consumer failed after its last attempt (BullMQ's failed sets), for the
 * organization's administrators: inspect them and send them through again once the cause is fixed.
 */
@ApiTags('admin: integration events')
@Controller({ path: 'admin/events/failed', version: '1' })
export class FailedEventsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('platform.events.manage')
  @ApiOperation({
    summary: "The organization's integration events in the failed set, newest failure first",
    description: 'Permission: `platform.events.manage`. Paginated. The listing is audited.',
  })
  @ApiPageResponse(FailedEventDto)
  @ApiProblemResponses(400, 401, 403, 503)
  list(@Query() dto: ListFailedEventsDto) {
    return this.queries.execute(new ListFailedEventsQuery(dto.page ?? 1, dto.pageSize ?? 50));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @RequirePermission('platform.events.manage')
  @ApiOperation({
    summary: 'Send a failed event through its consumer again',
    description:
      "Permission: `platform.events.manage`. Moves the job back to waiting with a fresh set of attempts; the consumer's " +
      'processed-events record keeps an effect that was already applied from applying twice. Audited (also when refused).',
  })
  @ApiAcceptedResponse({ type: RetriedEventDto, description: 'The job is waiting to be processed again' })
  @ApiProblemResponses(401, 403, 404, 409, 503)
  retry(@Param('id', eventIdPipe) id: string) {
    return this.commands.execute(new RetryFailedEventCommand(id));
  }
}
