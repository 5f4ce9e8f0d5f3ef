import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { UploadPortalFileCommand } from '../commands/upload-portal-file/upload-portal-file.command';
import type { OpenedFile } from '../domain/file-storage.port';
import { DownloadPortalFileQuery } from '../queries/download-portal-file/download-portal-file.query';
import { DOWNLOAD_CONTENT, parseShared, PortalFileResponseDto, UPLOAD_BODY, UPLOAD_LIMITS } from './portal-files.dto';

const NO_FILE = 'No file with that id in your scope.';
const fileId = new ParseIdPipe(() => new NotFoundError(NO_FILE));
const patientId = new ParseIdPipe(() => new NotFoundError('No patient with that id in your scope.'));
const upload = () => UseInterceptors(FileInterceptor('file', { limits: UPLOAD_LIMITS }) /* no dest: multer keeps the file in memory */);

interface MulterFile {
  originalname: string;
  buffer: Buffer;
}

function shared(body: unknown): boolean {
  const value = parseShared((body as Record<string, unknown> | undefined)?.['sharedWithClinician']);
  if (value === undefined)
    throw new InvalidInputError('sharedWithClinician must be true or false', [
      { field: 'sharedWithClinician', message: 'must be true or false' },
    ]);
  return value;
}

function send(opened: OpenedFile | null, res: Response): StreamableFile {
  if (!opened) throw new NotFoundError(NO_FILE);
  res.setHeader('Content-Type', opened.file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${opened.file.fileName}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(opened.content);
}

/** The client's own files: upload (then reference the id from a record), download. */
@ApiTags('portal')
@Controller({ path: 'portal/files', version: '1' })
export class ClientFilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post()
  @PortalClient()
  @upload()
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({
    summary: 'The client uploads a file',
    description: 'Permission: a signed-in portal client. Content type checked by the bytes; audited.',
  })
  @ApiCreatedResponse({ type: PortalFileResponseDto })
  @ApiProblemResponses(400, 401, 413, 415)
  uploadFile(@UploadedFile() file: MulterFile | undefined, @Body() body: unknown) {
    const client = this.requestContext.portalClient!;
    return this.commands.execute(new UploadPortalFileCommand(client.patientId, file?.originalname, file?.buffer, shared(body)));
  }

  @Get(':id')
  @PortalClient()
  @ApiOperation({ summary: 'The client downloads one of their files', description: 'Permission: a signed-in portal client. Audited.' })
  @ApiOkResponse({ content: DOWNLOAD_CONTENT })
  @ApiProblemResponses(401, 404)
  async download(@Param('id', fileId) id: string, @Res({ passthrough: true }) res: Response) {
    return send(await this.queries.execute(new DownloadPortalFileQuery(id, this.requestContext.portalClient!.patientId)), res);
  }
}

/** Staff's side: files for a client (resources, worksheets) and the client's shared files. */
@ApiTags('portal-files')
@Controller({ path: 'patients', version: '1' })
export class PatientPortalFilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/portal-files')
  @RequirePermission('portal.files.upload')
  @upload()
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({
    summary: 'Upload a file for a client',
    description:
      "Permission: `portal.files.upload`, as the patient's current primary therapist or a portal admin. Content type checked by the bytes; audited.",
  })
  @ApiCreatedResponse({ type: PortalFileResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  uploadFile(@Param('id', patientId) id: string, @UploadedFile() file: MulterFile | undefined) {
    return this.commands.execute(new UploadPortalFileCommand(id, file?.originalname, file?.buffer, true));
  }

  @Get(':id/portal-files/:fileId')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "Download a client's portal file",
    description: 'Permission: `portal.activity.view`; the current primary therapist sees shared files, portal admins all. Audited.',
  })
  @ApiOkResponse({ content: DOWNLOAD_CONTENT })
  @ApiProblemResponses(401, 403, 404)
  async download(@Param('id', patientId) id: string, @Param('fileId', fileId) file: string, @Res({ passthrough: true }) res: Response) {
    return send(await this.queries.execute(new DownloadPortalFileQuery(file, id)), res);
  }
}
