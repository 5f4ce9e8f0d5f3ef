import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { PortalAccountView, PortalInvitationView } from '../domain/portal-account.view';
import type { IssuedPortalSession } from '../infrastructure/portal-tokens.service';

export class PortalLoginDto {
  @ApiProperty({ example: 'client@sonoran.cairn.test' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'demo-password-1', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class PortalRefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(512)
  refreshToken!: string;
}

export class AcceptPortalInvitationDto {
  @ApiProperty({ description: 'The token of the invitation link' })
  @IsString()
  @MinLength(16)
  @MaxLength(512)
  token!: string;

  @ApiProperty({ format: 'password', description: '12 to 128 characters; common, breached and trivial passwords are refused' })
  @IsString()
  @MaxLength(512)
  password!: string;
}

export class InvitePortalClientDto {
  @ApiProperty({ example: 'jane.doe@example.test' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class PortalSessionDto {
  @ApiProperty({ description: 'JWT access token of the portal audience; send as `Authorization: Bearer <token>`' })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'Opaque refresh token; single use, rotated on every refresh' }) refreshToken!: string;
  @ApiProperty({ format: 'date-time' }) refreshExpiresAt!: string;
}

export class PortalAccountResponseDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) activatedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt!: string | null;
}

export class PortalInvitationResponseDto {
  @ApiProperty({ type: PortalAccountResponseDto }) account!: PortalAccountResponseDto;
  @ApiProperty({ format: 'uuid' }) invitationId!: string;
  @ApiProperty({ description: 'Single use; shown once (only its hash is stored)' }) invitationToken!: string;
  @ApiProperty({ description: "Relative to the portal web app's origin", example: '/accept-invitation#token=...' }) invitationLink!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

type _Session = Assert<SameShape<IssuedPortalSession, PortalSessionDto>>;
type _Account = Assert<SameShape<PortalAccountView, PortalAccountResponseDto>>;
type _Invitation = Assert<SameShape<PortalInvitationView, PortalInvitationResponseDto>>;
