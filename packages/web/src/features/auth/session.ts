import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Principal, type Role } from '../../api/client.ts';

export const SESSION_KEY = ['auth', 'session'] as const;

/**
 * Who is signed in: the principal of the session cookie, or null when signed out (the API
 * answers 401 to an anonymous caller). Every page reads it from the same cached query.
 */
export function useSession() {
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Principal | null> => {
      try {
        return await api.whoami();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  return { principal: query.data ?? null, loading: query.isLoading, error: query.error };
}

/** Refreshes the session after signing in or out, and drops every cached answer of the old one. */
export function useSessionReset() {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    await client.invalidateQueries({ queryKey: SESSION_KEY });
  };
}

export const hasRole = (principal: Principal | null, roles: readonly Role[] | undefined) =>
  principal !== null && (roles === undefined || roles.includes(principal.role));
