/** GET/POST /api/users, GET/PATCH /api/users/:id — admin only. */
import { z } from 'zod';
import { currentUser, requireRole } from '../auth/guards.ts';
import { ROLES } from '../db/schema.ts';
import { idParams, listOf, pageQuery } from '../http/schemas.ts';
import type { RouteModule } from '../http/types.ts';
import { createUser, getUser, listUsers, updateUser } from './service.ts';

const role = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);
const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
const email = z.email('Địa chỉ email không hợp lệ').max(200).nullable().optional();
const password = z.string().min(8, 'Mật khẩu phải có ít nhất 8 ký tự').max(200);

const routes: RouteModule = async (app) => {
  const admin = requireRole('admin');

  app.get(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        summary: 'Danh sách người dùng',
        querystring: pageQuery.extend({
          q: z.string().trim().max(100).optional(),
          role: role.optional(),
          agencyId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: listOf(userView) },
      },
    },
    async (request) => listUsers(app.db, request.query),
  );

  app.get(
    '/api/users/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        summary: 'Một người dùng',
        params: idParams,
        response: { 200: z.object({ user: userView }) },
      },
    },
    async (request) => ({ user: await getUser(app.db, request.params.id) }),
  );

  app.post(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        summary: 'Tạo người dùng',
        body: z.object({
          username: z
            .string()
            .trim()
            .min(2)
            .max(64)
            .regex(/^[A-Za-z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch'),
          displayName: z.string().trim().min(1).max(200),
          email,
          password,
          role,
          agencyId: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: z.object({ user: userView }) },
      },
    },
    async (request, reply) => {
      const user = await createUser(app.db, currentUser(request), request.body);
      return reply.status(201).send({ user });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        summary: 'Sửa người dùng (vai trò, cơ quan, khóa/mở, đặt lại mật khẩu)',
        params: idParams,
        body: z
          .object({
            displayName: z.string().trim().min(1).max(200),
            email,
            password,
            role,
            agencyId: z.number().int().positive().nullable(),
            active: z.boolean(),
          })
          .partial(),
        response: { 200: z.object({ user: userView }) },
      },
    },
    async (request) => ({
      user: await updateUser(app.db, currentUser(request), request.params.id, request.body),
    }),
  );
};

export default routes;
