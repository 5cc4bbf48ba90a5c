/** GET /api/search?q= → { documents, tasks } (with or without diacritics). */
import { z } from 'zod';
import { currentUser } from '../auth/guards.ts';
import type { RouteModule } from '../http/types.ts';
import { search } from './service.ts';

const routes: RouteModule = async (app) => {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Tìm văn bản và nhiệm vụ (có dấu hoặc không dấu)',
        querystring: z.object({
          q: z.string().trim().min(1).max(300),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            query: z.string(),
            documents: z.array(
              z.object({
                id: z.number(),
                status: z.string(),
                number: z.string().nullable(),
                subject: z.string().nullable(),
                docDate: z.string().nullable(),
                fileName: z.string(),
                snippet: z.string(),
                score: z.number(),
              }),
            ),
            tasks: z.array(
              z.object({
                id: z.number(),
                documentId: z.number(),
                documentNumber: z.string().nullable(),
                ref: z.string().nullable(),
                text: z.string(),
                status: z.string(),
                due: z.string().nullable(),
                leadAgencyId: z.number().nullable(),
                leadAgencyName: z.string().nullable(),
                score: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => search(app.db, currentUser(request), request.query.q, request.query.limit),
  );
};

export default routes;
