import { Module } from '@nestjs/common';

import { AccountsModule } from './accounts/accounts.module';
import { CrisisToolkitModule } from './crisis-toolkit/crisis-toolkit.module';
import { GoalsModule } from './goals/goals.module';
import { HomeworkModule } from './homework/homework.module';
import { ResourcesModule } from './resources/resources.module';

/**
 * The client portal context (issue 18; README.md maps the seed's features to routes and tables), one module per
 * feature. It reads CL and PM facts only through platform contracts and the helpers its row policies name.
 */
@Module({ imports: [AccountsModule, CrisisToolkitModule, GoalsModule, HomeworkModule, ResourcesModule] })
export class PortalModule {}
