/** zod pieces reused by route modules. */
import { z } from 'zod';

/** `/:id` path parameter: a positive integer. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** `?page=1&pageSize=50` (pageSize at most 200). */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** `{ items, total }` — the shape of every list. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** 'YYYY-MM-DD' that is a real calendar date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Ngày không tồn tại');

/** Query-string boolean: 'true'/'1' → true, 'false'/'0' → false. */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function offset(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}
