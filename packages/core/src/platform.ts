import { type CatalogStore, CatalogService } from './catalog/index.ts';
import { type IdentityVault, ProgramsService, type ProgramsStore } from './programs/index.ts';
import type { Clock, IdGenerator } from './shared/index.ts';

export interface PlatformPorts {
  catalogStore: CatalogStore;
  programsStore: ProgramsStore;
  vault: IdentityVault;
  clock: Clock;
  ids: IdGenerator;
}

/** The object graph of use cases. Only `api/server.ts`, `cli/main.ts` and tests build it. */
export function createPlatform(ports: PlatformPorts) {
  const { clock, ids } = ports;
  return {
    catalog: new CatalogService({ store: ports.catalogStore, clock, ids }),
    programs: new ProgramsService({ store: ports.programsStore, vault: ports.vault, clock, ids }),
  };
}

export type Platform = ReturnType<typeof createPlatform>;
