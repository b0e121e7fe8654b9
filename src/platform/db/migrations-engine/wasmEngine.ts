// Prisma's schema engine (the part of Prisma that plans and applies migrations), loaded from its
// WebAssembly build instead of the native binary the Prisma CLI downloads. See ../migrate.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

/** No externally managed tables or enums. */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

// Minimal typing of the WebAssembly global (lib "ES2023" without "DOM" does not declare it).
interface WasmGlobal {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

let loading: Promise<EngineModule> | undefined;

/**
 * Loads and starts the wasm-bindgen "bundler" build of the schema engine, once per process.
 * The bundler entry (`@prisma/schema-engine-wasm`) imports the .wasm file as an ES module, which
 * Node cannot do without a flag, so we do what a bundler would: import the JS glue, instantiate the
 * .wasm ourselves with the glue as its import object, and hand the instance back to the glue.
 */
export function loadSchemaEngineWasm(): Promise<EngineModule> {
  loading ??= (async () => {
    const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    // The .wasm is not in the package's exports; find it next to the glue file.
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await fs.readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  loading.catch(() => {
    loading = undefined; // let a later call retry
  });
  return loading;
}

export interface EngineOptions {
  /** [path, content] of Prisma schema files; applying migrations needs none. */
  datamodels?: [string, string][];
  /** Receives the engine's log lines (JSON). */
  log?: (line: string) => void;
}

/**
 * Runs `fn` with a fresh engine on the given driver adapter factory, then frees the engine and
 * closes every connection it opened (the engine itself never does: with SQLite the connection would
 * keep the file locked in EXCLUSIVE mode).
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: EngineOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadSchemaEngineWasm();
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.push(adapter);
    return patchMultiStatementExecuteRaw(adapter);
  };
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  // Keep marker symbols, e.g. the one that tells the engine a mock adapter must not be queried.
  for (const symbol of Object.getOwnPropertySymbols(factory)) {
    const descriptor = Object.getOwnPropertyDescriptor(factory, symbol);
    if (descriptor) Object.defineProperty(tracking, symbol, descriptor);
  }
  const bound = bindMigrationAwareSqlAdapterFactory(tracking);
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: options.datamodels }, (line: string) => options.log?.(line.trim()), bound);
    return await fn(engine);
  } catch (error) {
    throw explain(error, bound.errorRegistry);
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * When the engine replays migrations on a shadow database (diff from a migrations folder), the
 * wasm build sends each whole migration script through `executeRaw`, which better-sqlite3 rejects
 * ("contains more than one statement"). A script without parameters is what `executeScript` is for.
 */
function patchMultiStatementExecuteRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && error instanceof RangeError && error.message.includes('more than one statement')) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

interface ErrorRegistry {
  consumeError(id: number): { error: unknown } | undefined;
}

/** Replaces the engine's opaque "External error id#N" and adapter-version quirks with the cause. */
function explain(error: unknown, registry: ErrorRegistry): unknown {
  if (!(error instanceof Error)) return error;
  let message = error.message;
  const external = /External error id#(\d+)/.exec(message);
  if (external) {
    const cause = registry.consumeError(Number(external[1]))?.error;
    if (cause !== undefined) {
      message = message.replace(external[0], `${external[0]}: ${describe(cause)}`);
    }
  }
  if (message.includes('unknown variant `SocketTimeout`')) {
    message = 'The database is busy (SQLITE_BUSY: another connection holds a lock on it). ' + `Close other connections and retry.\n${message}`;
  }
  if (message === error.message) return error;
  const wrapped = new Error(message, { cause: error });
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(wrapped, { code });
  return wrapped;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null) return JSON.stringify(cause);
  return String(cause);
}
