import { ApiProperty } from '@nestjs/swagger';

import { type Assert, type SameShape } from '@cairn/platform/http';

/** A single-use ticket for opening the stream from an EventSource (which cannot send an Authorization header). */
export interface StreamTicketView {
  ticket: string;
  expiresInSeconds: number;
  /** The stream's path with the ticket, to hand to `new EventSource(...)` on the API's origin. */
  url: string;
}

export class StreamTicketResponseDto implements StreamTicketView {
  @ApiProperty({ description: 'Random single-use ticket (43 base64url characters)' }) ticket!: string;
  @ApiProperty({ example: 60 }) expiresInSeconds!: number;
  @ApiProperty({ example: '/api/v1/dashboards/stream?ticket=...' }) url!: string;
}
export type StreamTicketShape = Assert<SameShape<StreamTicketView, StreamTicketResponseDto>>;
