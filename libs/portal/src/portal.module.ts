import { Module } from '@nestjs/common';

import { AccountsModule } from './accounts/accounts.module';

/**
 * The client portal context (issue 18; README.md maps the seed's features to routes and tables), one module per
 * feature. It reads CL and PM facts only through platform contracts and the helpers its row policies name.
 */
@Module({ imports: [AccountsModule] })
export class PortalModule {}
