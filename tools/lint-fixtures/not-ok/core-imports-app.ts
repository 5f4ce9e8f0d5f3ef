// Linted as: libs/pm/src/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// Apps compose libraries, never the reverse; apps have no import alias, so reaching one by path is rejected.
import { AppModule } from 'apps/api/src/app.module';

export const imported = [AppModule];
