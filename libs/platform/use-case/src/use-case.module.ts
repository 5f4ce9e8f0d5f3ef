import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';

import { useCaseDeclarationOf } from './tenant-use-case.decorator';
import type { UseCase } from './use-case';
import { UseCasePipeline } from './use-case-pipeline';

const WRAPPED = Symbol('cairn.useCasePipeline');

/** A handler instance as the buses see it. */
interface BusHandler {
  execute(message: unknown, uc?: UseCase): Promise<unknown>;
  [WRAPPED]?: true;
}

/**
 * Puts every handler declared with @TenantUseCase behind the pipeline: at module init it replaces the instance's
 * `execute`, which is what CommandBus and QueryBus call, by `pipeline.run(...)` around the original. Import it in
 * every module that registers tenant use cases (Nest creates it once per app).
 */
@Injectable()
export class UseCaseRegistrar implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly pipeline: UseCasePipeline,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper as { metatype?: unknown; instance?: unknown };
      if (typeof metatype !== 'function' || !instance || typeof instance !== 'object') continue;
      const declaration = useCaseDeclarationOf(metatype);
      if (!declaration) continue;
      const handler = instance as BusHandler;
      if (handler[WRAPPED]) continue;
      const original = handler.execute.bind(handler);
      handler.execute = (message: unknown) => this.pipeline.run(declaration, message, (uc) => original(message, uc));
      handler[WRAPPED] = true;
    }
  }
}

/** True when the pipeline wraps this handler instance (the coverage spec checks every registered handler). */
export function isBehindUseCasePipeline(instance: unknown): boolean {
  return Boolean(instance && (instance as BusHandler)[WRAPPED]);
}

@Global()
@Module({ imports: [DiscoveryModule], providers: [UseCasePipeline, UseCaseRegistrar], exports: [UseCasePipeline] })
export class UseCaseModule {}
