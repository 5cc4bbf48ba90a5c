import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  availableActions,
  type Relation,
  type Role,
  TASK_ACTIONS,
  TASK_STATUSES,
  transition,
} from '../src/tasks/lifecycle.ts';

const lead: Actor = { role: 'agency', relation: 'lead' };
const support: Actor = { role: 'agency', relation: 'support' };
const stranger: Actor = { role: 'agency', relation: 'none' };
const officer: Actor = { role: 'officer', relation: 'none' };

describe('task life cycle', () => {
  it('walks the normal path: progress, submit, return, submit again, confirm', () => {
    let s = transition({ status: 'not_started', action: 'progress', actor: lead });
    expect(s).toEqual({ ok: true, to: 'in_progress' });
    s = transition({ status: 'in_progress', action: 'submit', actor: lead });
    expect(s).toEqual({ ok: true, to: 'awaiting_confirmation' });
    s = transition({
      status: 'awaiting_confirmation',
      action: 'return',
      actor: officer,
      reason: 'Thiếu hồ sơ',
    });
    expect(s).toEqual({ ok: true, to: 'returned' });
    s = transition({ status: 'returned', action: 'submit', actor: lead });
    expect(s).toEqual({ ok: true, to: 'awaiting_confirmation' });
    s = transition({ status: 'awaiting_confirmation', action: 'confirm', actor: officer });
    expect(s).toEqual({ ok: true, to: 'done' });
  });

  it('lets a support agency report progress but not submit', () => {
    expect(transition({ status: 'not_started', action: 'progress', actor: support })).toEqual({
      ok: true,
      to: 'in_progress',
    });
    const v = transition({ status: 'in_progress', action: 'submit', actor: support });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.kind).toBe('forbidden');
      expect(v.message).toMatch(/không có quyền/);
      expect(v.message).toMatch(/phối hợp/);
    }
  });

  it('refuses agencies the office actions, and unrelated agencies everything', () => {
    for (const action of ['confirm', 'return', 'pause', 'resume'] as const) {
      const v = transition({ status: 'awaiting_confirmation', action, actor: lead, reason: 'x' });
      expect(v.ok ? 'ok' : v.kind).toBe('forbidden');
    }
    for (const action of TASK_ACTIONS) {
      const v = transition({ status: 'in_progress', action, actor: stranger, reason: 'x' });
      expect(v.ok ? 'ok' : v.kind).toBe('forbidden');
    }
    for (const role of ['leader', 'viewer'] as const) {
      expect(
        transition({ status: 'in_progress', action: 'progress', actor: { role, relation: 'lead' } }).ok,
      ).toBe(false);
    }
  });

  it('gives 409-kind verdicts with a Vietnamese message for impossible moves', () => {
    const v = transition({ status: 'done', action: 'submit', actor: lead });
    expect(v).toMatchObject({ ok: false, kind: 'conflict' });
    if (!v.ok) expect(v.message).toContain('Hoàn thành');
    expect(transition({ status: 'in_progress', action: 'confirm', actor: officer })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(transition({ status: 'in_progress', action: 'resume', actor: officer })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
  });

  it('requires a reason to return', () => {
    expect(
      transition({ status: 'awaiting_confirmation', action: 'return', actor: officer, reason: '  ' }),
    ).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'Cần nêu lý do trả lại.',
    });
  });

  it('resumes to the status it was paused from', () => {
    expect(transition({ status: 'returned', action: 'pause', actor: officer })).toEqual({
      ok: true,
      to: 'paused',
    });
    expect(
      transition({ status: 'paused', action: 'resume', actor: officer, pausedFrom: 'returned' }),
    ).toEqual({
      ok: true,
      to: 'returned',
    });
    expect(transition({ status: 'paused', action: 'resume', actor: officer, pausedFrom: null })).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(transition({ status: 'paused', action: 'progress', actor: lead }).ok).toBe(false);
  });

  it('never leaves done, and only confirm reaches it (property)', () => {
    const roles: Role[] = ['admin', 'officer', 'leader', 'agency', 'viewer'];
    const relations: Relation[] = ['lead', 'support', 'none'];
    fc.assert(
      fc.property(
        fc.constantFrom(...TASK_STATUSES),
        fc.constantFrom(...TASK_ACTIONS),
        fc.constantFrom(...roles),
        fc.constantFrom(...relations),
        fc.option(fc.constantFrom(...TASK_STATUSES)),
        (status, action, role, relation, pausedFrom) => {
          const v = transition({ status, action, actor: { role, relation }, pausedFrom, reason: 'lý do' });
          if (status === 'done') expect(v.ok).toBe(false);
          if (v.ok && v.to === 'done') expect(action).toBe('confirm');
          if (v.ok && (role === 'leader' || role === 'viewer')) throw new Error('read-only role acted');
          if (v.ok && role === 'agency') expect(['progress', 'submit']).toContain(action);
          if (v.ok) expect(v.to).not.toBe(status === 'paused' ? 'paused' : '__never__');
        },
      ),
    );
  });

  it('lists the buttons an actor has', () => {
    expect(availableActions('in_progress', lead)).toEqual(['progress', 'submit']);
    expect(availableActions('in_progress', support)).toEqual(['progress']);
    expect(availableActions('awaiting_confirmation', officer)).toEqual([
      'progress',
      'confirm',
      'return',
      'pause',
    ]);
    expect(availableActions('done', officer)).toEqual([]);
  });
});
