/** Agency registry queries. */
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { Agency } from '../db/schema.ts';

export interface AgencyView {
  id: number;
  name: string;
  shortName: string | null;
  type: string;
  province: string | null;
  parentId: number | null;
  successorId: number | null;
  dissolvedAt: string | null;
}

export function toView(a: Agency): AgencyView {
  return {
    id: a.id,
    name: a.name,
    shortName: a.short_name,
    type: a.type,
    province: a.province,
    parentId: a.parent_id,
    successorId: a.successor_id,
    dissolvedAt: a.dissolved_at,
  };
}

export async function findAgencies(db: Db, ids: number[]): Promise<Agency[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute();
}

/** Follows successor_id to the agency that exists today (stops on a cycle). */
export async function finalSuccessor(db: Db, id: number): Promise<Agency | undefined> {
  const { rows } = await sql<{ id: number; depth: number }>`
    WITH RECURSIVE chain(id, depth) AS (
      SELECT ${id}::int, 0
      UNION ALL
      SELECT a.successor_id, c.depth + 1 FROM agencies a JOIN chain c ON a.id = c.id
      WHERE a.successor_id IS NOT NULL AND c.depth < 20)
    SELECT id, depth FROM chain ORDER BY depth DESC LIMIT 1`.execute(db);
  const last = rows[0];
  if (!last) return undefined;
  return db.selectFrom('agencies').selectAll().where('id', '=', last.id).executeTakeFirst();
}

/** Trigram candidates for a folded name: score = max(similarity, word_similarity(key ⊂ name)). */
export async function similarAgencies(
  db: Db,
  key: string,
  limit: number,
): Promise<(Agency & { score: number })[]> {
  const { rows } = await sql<Agency & { score: number }>`
    SELECT a.*, greatest(similarity(a.search_text, ${key}), word_similarity(${key}, a.search_text))::float8 AS score
    FROM agencies a
    WHERE a.search_text % ${key} OR ${key} <% a.search_text
    ORDER BY score DESC, a.dissolved_at NULLS FIRST, a.name
    LIMIT ${limit}`.execute(db);
  return rows;
}
