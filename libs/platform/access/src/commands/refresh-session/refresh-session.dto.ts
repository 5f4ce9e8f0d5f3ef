import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshSessionDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(512)
  refreshToken!: string;
}
