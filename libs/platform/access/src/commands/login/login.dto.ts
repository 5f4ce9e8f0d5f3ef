import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { IssuedSession } from '../../auth/token.service';

export class LoginDto {
  @ApiProperty({ example: 'clinician@sonoran.cairn.test' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'demo-password-1', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class SessionDto {
  @ApiProperty({ description: 'JWT access token; send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({ description: 'Opaque refresh token; single use, rotated on every refresh' })
  refreshToken!: string;

  @ApiProperty({ format: 'date-time' })
  refreshExpiresAt!: string;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Session = Assert<SameShape<IssuedSession, SessionDto>>;
