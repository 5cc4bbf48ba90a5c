/** User administration (admin only): create, list, update, deactivate. Every change is audited. */
import { sql } from 'kysely';
import { audit } from '../audit/index.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import { AppError, badRequest, conflict, notFound } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  agencyId: number | null;
  agencyName: string | null;
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name as displayName',
      'u.email',
      'u.role',
      'u.agency_id as agencyId',
      'a.name as agencyName',
      'u.active',
      'u.last_login_at as lastLoginAt',
      'u.created_at as createdAt',
    ]);
}

export async function listUsers(
  db: Db,
  q: {
    q?: string | undefined;
    role?: Role | undefined;
    agencyId?: number | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: UserView[]; total: number }> {
  let query = baseQuery(db);
  if (q.role) query = query.where('u.role', '=', q.role);
  if (q.agencyId) query = query.where('u.agency_id', '=', q.agencyId);
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([eb('u.username', 'like', like), eb(sql`lower(u.display_name)`, 'like', like)]),
    );
  }
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await query
    .orderBy('u.username')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: total.n };
}

export async function getUser(db: Db, id: number): Promise<UserView> {
  const u = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('Không tìm thấy người dùng.');
  return u;
}

async function checkAgency(db: Db, role: Role, agencyId: number | null) {
  if (role === 'agency' && agencyId === null)
    throw badRequest('Tài khoản cán bộ cơ quan (vai trò agency) phải thuộc một cơ quan.');
  if (agencyId !== null) {
    const a = await db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!a) throw badRequest('Cơ quan không tồn tại.');
  }
}

export interface NewUserInput {
  username: string;
  displayName: string;
  email?: string | null | undefined;
  password: string;
  role: Role;
  agencyId?: number | null | undefined;
}

export async function createUser(db: Db, actor: SessionUser, input: NewUserInput): Promise<UserView> {
  const username = input.username.trim().toLowerCase();
  const agencyId = input.agencyId ?? null;
  await checkAgency(db, input.role, agencyId);
  const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw conflict(`Tên đăng nhập "${username}" đã được sử dụng.`);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username,
        display_name: input.displayName.trim(),
        email: input.email ?? null,
        password_hash: passwordHash,
        role: input.role,
        agency_id: agencyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      userId: actor.id,
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  return getUser(db, id);
}

export interface UserPatch {
  displayName?: string | undefined;
  email?: string | null | undefined;
  password?: string | undefined;
  role?: Role | undefined;
  agencyId?: number | null | undefined;
  active?: boolean | undefined;
}

export async function updateUser(
  db: Db,
  actor: SessionUser,
  id: number,
  patch: UserPatch,
): Promise<UserView> {
  const before = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Không tìm thấy người dùng.');
  const role = patch.role ?? before.role;
  const agencyId = patch.agencyId !== undefined ? patch.agencyId : before.agency_id;
  await checkAgency(db, role, agencyId);
  if (actor.id === id && (patch.active === false || (patch.role && patch.role !== 'admin')))
    throw new AppError('self_lockout', 400, 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.');
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  await db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        role,
        agency_id: agencyId,
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A locked account, a new password or a new role ends the user's sessions.
    if (patch.active === false || passwordHash || role !== before.role || agencyId !== before.agency_id)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await audit(trx, {
      userId: actor.id,
      action: passwordHash && Object.keys(patch).length === 1 ? 'user.password_reset' : 'user.update',
      entity: 'user',
      entityId: id,
      before,
      after,
    });
  });
  return getUser(db, id);
}
