import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type OidcProviderConfig, parseOidcProviders } from './auth/oidc.ts';

export interface Config {
  /** PostgreSQL connection string; absent means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** PGlite data folder (`ONEX_DATA`, default `.onex/data` under the working directory). */
  dataDir: string;
  /** Folder for generated development secrets (`ONEX_HOME`, default `.onex`). */
  home: string;
  host: string;
  port: number;
  /** Public base URL (`ONEX_PUBLIC_URL`, default http://HOST:PORT): DIDs and status list URLs are under it. */
  publicUrl: string;
  /** TEO code signing VC API credentials that name no issuer (`ONEX_DEFAULT_ISSUER`, default TEO-0002). */
  defaultIssuerCode: string;
  /** Bearer token for writes until accounts exist (`ONEX_ADMIN_TOKEN`). */
  adminToken: string;
  /** 32-byte master key for secrets at rest (`ONEX_MASTER_KEY`, base64 or hex). */
  masterKey: Uint8Array;
  /**
   * How often the transparency log signs a checkpoint (`ONEX_CHECKPOINT_INTERVAL_MS`, default
   * 60,000; 0 turns the schedule off). A checkpoint is signed only when the log grew.
   */
  checkpointIntervalMs?: number;
  /** Seed the small demo on first start (`ONEX_DEMO`, default on). */
  seedDemo: boolean;
  /** Organizations' OIDC identity providers (`ONEX_OIDC_PROVIDERS`, a JSON array; default none). */
  oidcProviders?: OidcProviderConfig[];
  /** Messages for the operator, such as "generated a development key". */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/**
 * Reads configuration from the environment. In development, missing secrets are generated once
 * into files with 0600 permissions (and a warning); with NODE_ENV=production they are required.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const warnings: string[] = [];
  const production = env.NODE_ENV === 'production';
  const home = resolve(cwd, env.ONEX_HOME ?? '.onex');
  const dataDir = resolve(cwd, env.ONEX_DATA ?? join(home, 'data'));
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError('PORT', `not a port number: ${env.PORT}`);

  const secret = (variable: string, file: string, make: () => string): string => {
    const given = env[variable];
    if (given) return given;
    if (production) throw new ConfigError(variable, 'required when NODE_ENV=production');
    const path = join(home, file);
    if (!existsSync(path)) {
      mkdirSync(home, { recursive: true });
      writeFileSync(path, make(), { mode: 0o600 });
      warnings.push(
        `${variable} not set: generated a development value in ${path} (mode 0600). Set it in production.`,
      );
    }
    chmodSync(path, 0o600);
    return readFileSync(path, 'utf8').trim();
  };

  const checkpointIntervalMs = Number(env.ONEX_CHECKPOINT_INTERVAL_MS ?? 60_000);
  if (!Number.isInteger(checkpointIntervalMs) || checkpointIntervalMs < 0)
    throw new ConfigError(
      'ONEX_CHECKPOINT_INTERVAL_MS',
      `not a number of milliseconds: ${env.ONEX_CHECKPOINT_INTERVAL_MS}`,
    );

  let oidcProviders: OidcProviderConfig[] = [];
  if (env.ONEX_OIDC_PROVIDERS?.trim()) {
    try {
      oidcProviders = parseOidcProviders(env.ONEX_OIDC_PROVIDERS);
    } catch (e) {
      throw new ConfigError('ONEX_OIDC_PROVIDERS', (e as Error).message);
    }
  }

  const adminToken = secret('ONEX_ADMIN_TOKEN', 'admin-token', () => randomBytes(24).toString('base64url'));
  const masterKey = parseKey(
    secret('ONEX_MASTER_KEY', 'master.key', () => randomBytes(32).toString('base64')),
  );
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    home,
    host: env.HOST ?? '127.0.0.1',
    port,
    publicUrl: (env.ONEX_PUBLIC_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${port}`).replace(/\/+$/, ''),
    defaultIssuerCode: env.ONEX_DEFAULT_ISSUER ?? 'TEO-0002',
    adminToken,
    masterKey,
    checkpointIntervalMs,
    seedDemo: env.ONEX_DEMO !== '0' && env.ONEX_DEMO !== 'false',
    oidcProviders,
    warnings,
  };
}

function parseKey(text: string): Uint8Array {
  const hex = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
  const key = hex ?? Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new ConfigError('ONEX_MASTER_KEY', 'must be 32 bytes, as 64 hex digits or base64');
  return new Uint8Array(key);
}
