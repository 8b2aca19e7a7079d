export interface MemoryFloor {
  inMemoryMb: number;
  reopenedMb: number;
}

type FloorModule = { measureMemoryFloor?: (dataDir: string) => Promise<MemoryFloor> };

/**
 * PGlite's own floor beside Kopā: RSS of a bare PGlite, in memory and reopening the bench's data
 * folder. `scripts/memory-floor.ts` comes from the memory work; until it is merged the bench
 * says so instead of failing. The specifier is a variable so that the compiler does not insist
 * on the file.
 * MERGE (helper "memory"): with scripts/memory-floor.ts in place this works as it is; a static
 * `import { measureMemoryFloor } from './memory-floor';` may replace the loader below.
 */
export async function memoryFloor(dataDir: string): Promise<MemoryFloor | string> {
  const specifier = './memory-floor.js';
  let module: FloorModule & { default?: FloorModule };
  try {
    module = (await import(specifier)) as FloorModule & { default?: FloorModule };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return 'not measured: scripts/memory-floor.ts is not there yet';
    throw error;
  }
  const measureMemoryFloor = module.measureMemoryFloor ?? module.default?.measureMemoryFloor;
  if (!measureMemoryFloor) return 'not measured: scripts/memory-floor.ts exports no measureMemoryFloor';
  try {
    return await measureMemoryFloor(dataDir);
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
