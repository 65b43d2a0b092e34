import type { Owner, Platform, TargetKind, Verifier } from '@onex/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** What every route module receives from `buildApp`. */
export interface RouteDeps {
  app: ReturnType<typeof typed>;
  platform: Platform;
  /** Pre-handler that refuses an anonymous caller (the policy hook has already checked the role). */
  admin: (request: FastifyRequest) => Promise<void>;
  /** The verifier over this instance's own DID documents, status lists and trust list. */
  verifier: () => Verifier;
  /** The TEO that signs a VC API credential naming no issuer. */
  defaultIssuerCode: string;
  /** Public base URL of this instance (verification links printed on certificates). */
  baseUrl: string;
  /** Owners of records kept in this process (issuance jobs), for organization scoping. */
  owners: Map<TargetKind, (id: string) => Promise<Owner | null>>;
}
