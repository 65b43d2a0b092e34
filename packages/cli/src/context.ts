import { readFile } from 'node:fs/promises';
import { type Config, loadConfig } from '@onex/api';
import { openRuntime, type Runtime } from '@onex/db';

/** What a command handler may use. The runtime opens lazily: `--help` touches no database. */
export interface CommandContext {
  config(): Config;
  runtime(): Promise<Runtime>;
  /** Reports progress of long work (the CLI draws a bar on stderr; tests collect it). */
  progress: ProgressSink;
  /** Reads a file argument, or standard input for `-`. */
  readInput(path: string): Promise<string>;
  /** Reads a file argument (or standard input for `-`) as bytes: a PDF is not text. */
  readBytes(path: string): Promise<Uint8Array>;
}

export interface ProgressSink {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

export interface CommandOutput {
  /** What the command prints on stdout. */
  text: string;
  /** Process exit code; 0 unless the command says otherwise. */
  exitCode?: number;
}

export const silentProgress: ProgressSink = { start() {}, update() {}, stop() {} };

export function createContext(
  progress: ProgressSink,
  readInput: (path: string) => Promise<string>,
): CommandContext & {
  close(): Promise<void>;
} {
  let config: Config | undefined;
  let runtime: Promise<Runtime> | undefined;
  const getConfig = () => {
    config ??= loadConfig();
    return config;
  };
  return {
    config: getConfig,
    runtime() {
      runtime ??= (() => {
        const c = getConfig();
        return openRuntime({
          databaseUrl: c.databaseUrl,
          dataDir: c.dataDir,
          masterKey: c.masterKey,
          baseUrl: c.publicUrl,
        });
      })();
      return runtime;
    },
    progress,
    readInput,
    readBytes,
    async close() {
      if (runtime) await (await runtime).close();
    },
  };
}

async function readBytes(path: string): Promise<Uint8Array> {
  if (path !== '-') return readFile(path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
