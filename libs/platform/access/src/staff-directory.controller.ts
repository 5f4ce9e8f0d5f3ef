import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, pageWindow } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { ListStaffDirectoryQuery } from './queries/list-staff-directory/list-staff-directory.query';
import { ListStaffDirectoryDto, StaffDirectoryEntryDto } from './queries/list-staff-directory/staff-directory.dto';

/** Staff names for screens that hold staff-user ids (care teams, providers). Names and roles only: not PHI. */
@ApiTags('staff-directory')
@Controller({ path: 'staff-directory', version: '1' })
export class StaffDirectoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('staff-directory.view')
  @ApiOperation({
    summary: 'Staff of the current organization, by name',
    description:
      'Permission: `staff-directory.view` (every role). Staff users with an active (not revoked) role binding in the ' +
      "caller's current organization, as `{ id, displayName, roles }` ordered by name; no email. Filters: `ids` " +
      '(comma-separated, at most 200), `q` (part of the name). Paginated. Not audited (no PHI).',
  })
  @ApiPageResponse(StaffDirectoryEntryDto)
  @ApiProblemResponses(400, 401, 403)
  list(@Query() dto: ListStaffDirectoryDto) {
    const { page, pageSize } = pageWindow(dto);
    return this.queries.execute(new ListStaffDirectoryQuery({ ids: dto.ids, q: dto.q, page, pageSize }));
  }
}
