import { Body, Controller, Delete, Get, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { assertDateRange } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { AssignCareTeamMemberCommand } from '../commands/assign-care-team-member/assign-care-team-member.command';
import { DeletePatientCommand } from '../commands/delete-patient/delete-patient.command';
import { RegisterPatientCommand } from '../commands/register-patient/register-patient.command';
import { UpdatePatientCommand } from '../commands/update-patient/update-patient.command';
import type { PatientView } from '../domain/patient.view';
import { GetPatientQuery } from '../queries/get-patient/get-patient.query';
import { ListChartEncountersQuery } from '../queries/list-chart-encounters/list-chart-encounters.query';
import { SearchPatientsQuery } from '../queries/search-patients/search-patients.query';
import {
  ChartEncounterPageDto,
  PatientDeletionDto,
  PatientPageDto,
  PatientResponseDto,
  RegisteredPatientDto,
} from './patient-response.dto';
import { AssignCareTeamMemberDto, ListChartEncountersDto, RegisterPatientDto, SearchPatientsDto, UpdatePatientDto } from './patient.dto';

const uuidPipe = new ParseIdPipe(() => new NotFoundException('No patient with that id in your scope.'));

function found(p: PatientView | null): PatientView {
  if (!p) throw new NotFoundException('No patient with that id in your scope.');
  return p;
}

/**
 * Patients and charts (CL-01). Every read and write is audited. Clinicians see the patients on their care
 * team; roles with patients.site-wide see every patient of their permitted sites (enforced in queries and in
 * row-level security). A patient outside the caller's scope answers 404, exactly like one that does not exist.
 */
@ApiTags('patients')
@Controller({ path: 'patients', version: '1' })
export class PatientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('patients.edit')
  @ApiOperation({
    summary: 'Register a patient and open their chart',
    description:
      "Permission: `patients.edit` at the patient's site. Answers the patient, or only their id and MRN when the new patient is " +
      "outside the caller's scope (an assigned-only clinician registering a patient for a colleague).",
  })
  @ApiExtraModels(PatientResponseDto, RegisteredPatientDto)
  @ApiCreatedResponse({ schema: { anyOf: [{ $ref: getSchemaPath(PatientResponseDto) }, { $ref: getSchemaPath(RegisteredPatientDto) }] } })
  @ApiUnprocessableEntityResponse({ description: 'The site or primary therapist is not part of this organization (problem+json)' })
  register(@Body() dto: RegisterPatientDto) {
    return this.commands.execute(new RegisterPatientCommand(dto));
  }

  @Get()
  @RequirePermission('patients.view')
  @ApiOperation({
    summary: 'Search patients by name, date of birth or MRN',
    description: "Permission: `patients.view`. Paginated; only patients in the caller's scope.",
  })
  @ApiOkResponse({ type: PatientPageDto })
  search(@Query() dto: SearchPatientsDto) {
    return this.queries.execute(new SearchPatientsQuery({ ...dto, page: dto.page ?? 1, pageSize: dto.pageSize ?? 50 }));
  }

  @Get(':id')
  @RequirePermission('patients.view')
  @ApiOperation({ summary: 'A patient with their chart and care team', description: 'Permission: `patients.view`. Audited.' })
  @ApiOkResponse({ type: PatientResponseDto })
  @ApiNotFoundResponse({ description: "No such patient in the caller's scope (problem+json)" })
  async get(@Param('id', uuidPipe) id: string) {
    return found(await this.queries.execute(new GetPatientQuery(id)));
  }

  @Get(':id/encounters')
  @RequirePermission('patients.view')
  @ApiOperation({
    summary: "A patient's encounters, with the group session and attendance behind group encounters",
    description:
      'Permission: `patients.view`. Newest service date first, paginated. On a Part 2 chart, SUD-program group encounters are shown only with a consent covering group encounters for the caller; otherwise they are counted in `withheld`. Audited.',
  })
  @ApiOkResponse({ type: ChartEncounterPageDto })
  @ApiNotFoundResponse({ description: "No such patient in the caller's scope (problem+json)" })
  async encounters(@Param('id', uuidPipe) id: string, @Query() dto: ListChartEncountersDto) {
    assertDateRange(dto.from, dto.to);
    const page = await this.queries.execute(
      new ListChartEncountersQuery(id, { from: dto.from, to: dto.to, page: dto.page ?? 1, pageSize: dto.pageSize ?? 50 }),
    );
    if (!page) throw new NotFoundException('No patient with that id in your scope.');
    return page;
  }

  @Patch(':id')
  @RequirePermission('patients.edit')
  @ApiOperation({
    summary: 'Update demographics',
    description: 'Permission: `patients.edit`. The audit log records which fields changed, never their values.',
  })
  @ApiOkResponse({ type: PatientResponseDto })
  @ApiNotFoundResponse({ description: "No such patient in the caller's scope (problem+json)" })
  async update(@Param('id', uuidPipe) id: string, @Body() dto: UpdatePatientDto) {
    return found(await this.commands.execute(new UpdatePatientCommand(id, dto)));
  }

  @Delete(':id')
  @RequirePermission('patients.delete')
  @ApiOperation({
    summary: 'Delete a patient: erase their client-portal data and close their record',
    description:
      'Permission: `patients.delete` (owner, admin). In one transaction every client-portal row and file of the patient is erased ' +
      '(their portal sessions end with the account) and the patient is closed (`deleted`); the chart and clinical records are kept ' +
      'for their retention period (ADR 0018). If anything fails, nothing is erased. 409 for an active patient (discharge or mark ' +
      'them inactive first) or one deleted already. Audited (`patient.delete` and `portal.patient-data.erase`, with counts).',
  })
  @ApiOkResponse({ type: PatientDeletionDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async delete(@Param('id', uuidPipe) id: string) {
    const deleted = await this.commands.execute(new DeletePatientCommand(id));
    if (!deleted) throw new NotFoundException('No patient with that id in your scope.');
    return deleted;
  }

  @Post(':id/care-team')
  @RequirePermission('patients.edit')
  @ApiOperation({
    summary: 'Assign a staff member to the care team',
    description: "Permission: `patients.edit`. A new primary therapist ends the previous one's assignment.",
  })
  @ApiCreatedResponse({ type: PatientResponseDto })
  @ApiNotFoundResponse({ description: "No such patient in the caller's scope (problem+json)" })
  async assign(@Param('id', uuidPipe) id: string, @Body() dto: AssignCareTeamMemberDto) {
    return found(await this.commands.execute(new AssignCareTeamMemberCommand(id, dto.staffUserId, dto.role, dto.startedOn)));
  }
}
