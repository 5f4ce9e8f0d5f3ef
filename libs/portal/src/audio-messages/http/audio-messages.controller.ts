import { Body, Controller, Get, Headers, HttpException, HttpStatus, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPartialContentResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { RecordAudioMessageCommand } from '../commands/record-audio-message/record-audio-message.command';
import type { AudioMessageView } from '../domain/audio-message.view';
import { ListAudioMessagesQuery } from '../queries/list-audio-messages/list-audio-messages.query';
import { PlayAudioMessageQuery, PlayedAudio } from '../queries/play-audio-message/play-audio-message.query';
import { AUDIO_CONTENT, AudioMessageResponseDto, RecordAudioMessageDto } from './audio-messages.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_MESSAGE = 'No audio message with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const messageId = new ParseIdPipe(() => new NotFoundError(NO_MESSAGE));

const RANGE_HEADER = ApiHeader({
  name: 'Range',
  required: false,
  description: 'One bytes range (`bytes=0-`, `bytes=1000-1999`, `bytes=-500`) so playback can seek; 416 when it starts past the end',
});

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Sends the asked bytes: 200 (all), 206 with Content-Range (one range), 416 with `Content-Range: bytes *\/size`. */
function send(played: PlayedAudio | null, res: Response): StreamableFile {
  if (!played) throw new NotFoundError(NO_MESSAGE);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'private, no-store');
  if (played.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${played.size}`);
    throw new HttpException(
      {
        message: `The range is not satisfiable: the audio has ${played.size} bytes.`,
        errors: [{ field: 'Range', message: 'must start before the end of the audio' }],
      },
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
    );
  }
  res.status(played.kind === 'partial' ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK);
  if (played.kind === 'partial') res.setHeader('Content-Range', `bytes ${played.start}-${played.end}/${played.size}`);
  res.setHeader('Content-Type', played.contentType);
  res.setHeader('Content-Disposition', `inline; filename="${played.fileName}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(played.content, { length: played.content.length });
}

/**
 * Audio messages (seed: "Therapist records audio message -> available in the client's Audio Vault"): the therapist
 * records or uploads, the client lists and plays them; playback seeks with HTTP range requests.
 */
@ApiTags('portal-audio-messages')
@Controller({ version: '1' })
export class AudioMessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('patients/:id/audio-messages')
  @RequirePermission('portal.audio-messages.manage')
  @ApiOperation({
    summary: "Add an audio message to a client's Audio Vault",
    description:
      "Permission: `portal.audio-messages.manage`, as the patient's current primary therapist or a portal admin. The audio (recorded in the browser or a file) is uploaded first for this client (`POST /api/v1/patients/:id/portal-files`) and named by `fileId`: it must be audio by its bytes (webm, ogg, mp3, m4a, wav) and at most PORTAL_AUDIO_MAX_BYTES. Audited.",
  })
  @ApiCreatedResponse({ type: AudioMessageResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  record(@Param('id', patientId) id: string, @Body() dto: RecordAudioMessageDto): Promise<AudioMessageView> {
    return this.commands.execute(new RecordAudioMessageCommand(id, dto.title, dto.fileId));
  }

  @Get('patients/:id/audio-messages')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's audio messages and whether they were played",
    description: 'Permission: `portal.activity.view` (the current primary therapist or a portal admin). Audited.',
  })
  @ApiOkResponse({ type: [AudioMessageResponseDto] })
  @ApiProblemResponses(401, 403, 404)
  async list(@Param('id', patientId) id: string): Promise<AudioMessageView[]> {
    return found(await this.queries.execute(new ListAudioMessagesQuery(id)), NO_PATIENT);
  }

  @Get('patients/:id/audio-messages/:audioMessageId/content')
  @RequirePermission('portal.activity.view')
  @RANGE_HEADER
  @ApiOperation({
    summary: "Play a client's audio message",
    description:
      'Permission: `portal.activity.view` (the current primary therapist or a portal admin). Range requests (206); every request audited.',
  })
  @ApiOkResponse({ content: AUDIO_CONTENT })
  @ApiPartialContentResponse({ content: AUDIO_CONTENT })
  @ApiProblemResponses(401, 403, 404, 416)
  async play(
    @Param('id', patientId) id: string,
    @Param('audioMessageId', messageId) audioMessageId: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(await this.queries.execute(new PlayAudioMessageQuery(id, audioMessageId, range, false)), res);
  }

  @Get('portal/audio-messages')
  @PortalClient()
  @ApiOperation({
    summary: "The client's Audio Vault: their therapist's audio messages",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiOkResponse({ type: [AudioMessageResponseDto] })
  @ApiProblemResponses(401)
  async vault(): Promise<AudioMessageView[]> {
    return (await this.queries.execute(new ListAudioMessagesQuery(this.requestContext.portalClient!.patientId))) ?? [];
  }

  @Get('portal/audio-messages/:audioMessageId/content')
  @PortalClient()
  @RANGE_HEADER
  @ApiOperation({
    summary: 'The client plays one of their audio messages',
    description:
      'Permission: a signed-in portal client (their own messages only). Range requests (206 Partial Content, Accept-Ranges, Content-Range; 416 past the end) so playback can seek. Every request audited; one from the first byte counts as a play.',
  })
  @ApiOkResponse({ content: AUDIO_CONTENT })
  @ApiPartialContentResponse({ content: AUDIO_CONTENT })
  @ApiProblemResponses(401, 404, 416)
  async clientPlay(
    @Param('audioMessageId', messageId) audioMessageId: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const client = this.requestContext.portalClient!;
    return send(await this.queries.execute(new PlayAudioMessageQuery(client.patientId, audioMessageId, range, true)), res);
  }
}
