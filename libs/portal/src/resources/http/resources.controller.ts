import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { AssignExistingResourceCommand } from '../commands/assign-existing-resource/assign-existing-resource.command';
import { RecommendResourceCommand } from '../commands/recommend-resource/recommend-resource.command';
import { WithdrawResourceCommand } from '../commands/withdraw-resource/withdraw-resource.command';
import type { PortalResourcesView, ResourceView } from '../domain/resource.view';
import { ListResourcesQuery } from '../queries/list-resources/list-resources.query';
import {
  ListResourcesQueryDto,
  PortalResourcesResponseDto,
  RecommendResourceDto,
  ResourceListResponseDto,
  ResourceResponseDto,
} from './resources.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_RESOURCE = 'No resource with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const resourceId = new ParseIdPipe(() => new NotFoundError(NO_RESOURCE));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Resources the therapist recommends (seed: "Recommended by your therapist"). */
@ApiTags('portal-resources')
@Controller({ version: '1' })
export class ResourcesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('patients/:id/resources')
  @RequirePermission('portal.resources.manage')
  @ApiOperation({
    summary: 'Recommend a link or an uploaded file to a client',
    description:
      'Permission: `portal.resources.manage` (the current primary therapist or a portal admin). A link is https only; a file is uploaded first for this client (`POST /api/v1/patients/:id/portal-files`) and referenced by `fileId`. Audited.',
  })
  @ApiCreatedResponse({ type: ResourceResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  recommend(@Param('id', patientId) id: string, @Body() dto: RecommendResourceDto) {
    return this.commands.execute(new RecommendResourceCommand(id, dto.title, dto.description ?? null, dto.url ?? null, dto.fileId ?? null));
  }

  @Post('patients/:id/resources/:resourceId')
  @RequirePermission('portal.resources.manage')
  @ApiOperation({
    summary: 'Recommend to this client a link already recommended to another of your clients',
    description:
      'Permission: `portal.resources.manage`. Seed §8 "assign resource". A link only (422 for a file: it belongs to the other client); answers the existing recommendation when the client has it already. Audited.',
  })
  @ApiCreatedResponse({ type: ResourceResponseDto })
  @ApiProblemResponses(401, 403, 404, 422)
  async assign(@Param('id', patientId) id: string, @Param('resourceId', resourceId) resource: string) {
    return found(await this.commands.execute(new AssignExistingResourceCommand(id, resource)), NO_RESOURCE);
  }

  @Get('patients/:id/resources')
  @RequirePermission('portal.activity.view')
  @ApiOperation({ summary: 'Resources recommended to a client', description: 'Permission: `portal.activity.view`. Audited.' })
  @ApiOkResponse({ type: ResourceListResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Param('id', patientId) id: string, @Query() q: ListResourcesQueryDto): Promise<{ items: ResourceView[] }> {
    return { items: found(await this.queries.execute(new ListResourcesQuery(id, q.includeWithdrawn === true)), NO_PATIENT) };
  }

  @Post('patients/:id/resources/:resourceId/withdraw')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.resources.manage')
  @ApiOperation({ summary: 'Stop recommending a resource', description: 'Permission: `portal.resources.manage`. Idempotent. Audited.' })
  @ApiOkResponse({ type: ResourceResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async withdraw(@Param('id', patientId) id: string, @Param('resourceId', resourceId) resource: string) {
    return found(await this.commands.execute(new WithdrawResourceCommand(id, resource)), NO_RESOURCE);
  }

  @Get('portal/resources')
  @PortalClient()
  @ApiOperation({
    summary: "The resources the client's therapist recommends",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiOkResponse({ type: PortalResourcesResponseDto })
  @ApiProblemResponses(401)
  async mine(): Promise<PortalResourcesView> {
    const items = found(await this.queries.execute(new ListResourcesQuery(this.requestContext.portalClient!.patientId, false)), NO_PATIENT);
    return { recommendedByYourTherapist: items };
  }
}
