/** Agency registry: list, read, create, edit, suggest, learned aliases, succession. */
import { z } from 'zod';
import { currentUser, requireRole, STAFF_ROLES } from '../auth/guards.ts';
import { AGENCY_TYPES, type AgencyType } from '../db/schema.ts';
import { idParams, isoDate, listOf, pageQuery, queryBool } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';
import {
  createAgency,
  getAgency,
  learnAlias,
  listAgencies,
  recordSuccession,
  suggestAgencies,
  updateAgency,
} from './service.ts';

const agencyType = z.enum(AGENCY_TYPES as [AgencyType, ...AgencyType[]]);
export const agencyView = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.string(),
  province: z.string().nullable(),
  parentId: z.number().nullable(),
  successorId: z.number().nullable(),
  dissolvedAt: z.string().nullable(),
});
const agencyInput = z.object({
  name: z.string().trim().min(2).max(300),
  shortName: z.string().trim().max(100).nullable().optional(),
  type: agencyType.optional(),
  province: z.string().trim().max(100).nullable().optional(),
  parentId: z.number().int().positive().nullable().optional(),
});

const routes: RouteModule = async (app) => {
  const staff = requireRole(...STAFF_ROLES);

  app.get(
    '/api/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh mục cơ quan',
        querystring: pageQuery.extend({
          q: z.string().trim().max(200).optional(),
          province: z.string().trim().max(100).optional(),
          type: agencyType.optional(),
          includeDissolved: queryBool.optional(),
        }),
        response: { 200: listOf(agencyView) },
      },
    },
    async (request) => listAgencies(app.db, request.query),
  );

  app.get(
    '/api/agencies/suggest',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Gợi ý cơ quan theo tên (không dấu, đã học)',
        querystring: z.object({
          name: z.string().trim().min(1).max(300),
          province: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(30).optional(),
        }),
        response: {
          200: z.array(
            z.object({
              agency: agencyView,
              score: z.number(),
              reason: z.enum(['learned', 'exact', 'similar', 'successor']),
            }),
          ),
        },
      },
    },
    async (request) =>
      suggestAgencies(app.db, request.query.name, {
        province: request.query.province,
        limit: request.query.limit,
      }),
  );

  app.get(
    '/api/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Một cơ quan (kèm các cơ quan tiền thân)',
        params: idParams,
        response: { 200: agencyView.extend({ predecessors: z.array(agencyView) }) },
      },
    },
    async (request) => getAgency(app.db, request.params.id),
  );

  app.post(
    '/api/agencies',
    {
      preHandler: staff,
      schema: {
        tags: ['agencies'],
        summary: 'Thêm cơ quan',
        body: agencyInput,
        response: { 201: agencyView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAgency(app.db, currentUser(request), request.body)),
  );

  app.patch(
    '/api/agencies/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['agencies'],
        summary: 'Sửa cơ quan',
        params: idParams,
        body: agencyInput.partial(),
        response: { 200: agencyView },
      },
    },
    async (request) => updateAgency(app.db, currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/agencies/aliases',
    {
      preHandler: staff,
      schema: {
        tags: ['agencies'],
        summary: 'Ghi nhớ: tên viết trong văn bản → cơ quan trong danh mục',
        body: z.object({ alias: z.string().trim().min(2).max(300), agencyId: z.number().int().positive() }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      await getAgency(app.db, request.body.agencyId);
      await app.db
        .transaction()
        .execute((trx) => learnAlias(trx, user.id, request.body.alias, request.body.agencyId));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/agencies/succession',
    {
      preHandler: staff,
      schema: {
        tags: ['agencies'],
        summary: 'Sáp nhập / kế thừa: chuyển nhiệm vụ chưa hoàn thành sang cơ quan kế thừa',
        body: z.object({
          fromIds: z.array(z.number().int().positive()).min(1).max(50),
          toId: z.number().int().positive(),
          effectiveDate: isoDate,
          note: z.string().trim().max(2000).optional(),
        }),
        response: {
          200: z.object({
            successor: agencyView,
            dissolved: z.array(agencyView),
            movedTaskIds: z.array(z.number()),
          }),
        },
      },
    },
    async (request) => recordSuccession(app.db, currentUser(request), request.body),
  );
};

export default routes;
