import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Runs `fn` in a transaction, or inside the one already open: repositories built on a
 * transaction pass themselves on, so a use case that calls `transaction` twice stays atomic.
 */
export async function inTransaction<S, T>(
  db: Kysely<DB>,
  make: (trx: Transaction<DB>) => S,
  fn: (store: S) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(make(db as Transaction<DB>));
  return db.transaction().execute((trx) => fn(make(trx)));
}
