import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '@onex/core';
import type { FastifyRequest } from 'fastify';

/**
 * Until accounts exist, every write needs `Authorization: Bearer <ONEX_ADMIN_TOKEN>`; reads are
 * open. The comparison is constant-time.
 */
export function requireAdmin(adminToken: string) {
  const expected = Buffer.from(adminToken);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      throw new DomainError('UNAUTHORIZED', {
        zh: '写操作需要 Authorization: Bearer <管理令牌>',
        en: 'Writes need Authorization: Bearer <admin token>',
      });
    }
    const given = Buffer.from(match[1]!.trim());
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError('UNAUTHORIZED', { zh: '令牌无效', en: 'Invalid token' });
    }
  };
}
