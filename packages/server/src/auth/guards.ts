/**
 * Route guards. Every /api route already requires a session (unless `config.public`);
 * add `preHandler: requireRole('admin', 'officer')` to restrict by role.
 */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../db/schema.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';

/** The signed-in user, or 401. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** preHandler hook: 401 without a session, 403 unless the user has one of `roles`. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest) => {
    const user = currentUser(request);
    if (!roles.includes(user.role)) throw forbidden();
  };
}

/** Roles that see and manage everything in tracking (not user administration). */
export const STAFF_ROLES: Role[] = ['admin', 'officer'];
/** Roles that read everything. */
export const READ_ALL_ROLES: Role[] = ['admin', 'officer', 'leader', 'viewer'];
