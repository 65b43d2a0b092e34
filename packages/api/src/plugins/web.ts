import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build -w @onex/web` writes the web application. */
export const defaultWebRoot = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Paths that belong to the API: they never fall back to the web application's index.html. Of
 * `/regulator/`, only the DID document is the API's: the regulator's pages live beside it.
 */
const apiPrefixes =
  /^\/(api|docs|openapi\.json|health|credentials|presentations|teos|institutions|regulator\/did\.json|status-lists|trust-list|log|achievements)(\/|\?|$)/;

/**
 * Serves the built web application at `/`: its files, and `index.html` for every other GET that
 * asks for HTML outside the API (client-side routes such as `/verify?credential=…`). API routes keep
 * precedence (they are registered as routes; this only fills the not-found path). Returns false,
 * serving nothing, when the web has not been built.
 */
export async function serveWeb(
  app: FastifyInstance,
  root: string,
  notFound: (request: FastifyRequest, reply: FastifyReply) => unknown,
): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn(`web application not built (${root}): run npm run build -w @onex/web`);
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Hashed asset names can be cached for long; index.html must be revalidated.
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if ((request.method === 'GET' || request.method === 'HEAD') && wantsHtml && !apiPrefixes.test(path)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return notFound(request, reply);
  });
  return true;
}
