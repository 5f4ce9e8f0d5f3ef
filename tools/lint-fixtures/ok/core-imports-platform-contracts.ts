// Linted as: libs/cl/src/lint-fixture.ts
// A core library sends the platform contracts' queries (and uses their pure rules) without the implementation.
import { ValidateCodeQuery } from '@cairn/platform/code-library';
import { GetJurisdictionProfileQuery, timedUnits } from '@cairn/platform/jurisdiction';

export const imported = [ValidateCodeQuery, GetJurisdictionProfileQuery, timedUnits];
