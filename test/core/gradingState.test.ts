/* A grading's state and the order of its steps (RULES.md §12, 第十条). */
import {
  allowedSteps,
  gradingStateOf,
  gradingStatus,
  stepRefusal,
  type ProposedStep,
} from '../../src/core/gradingState';
import { classesInForce, type ReviewEntry, type Snapshot, type TrailStep } from '../../src/core/snapshot';

const grading: Snapshot = {
  id: '2026-04-08/quarter/1',
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  rulesFingerprint: 'f',
  gradedBy: '张三',
  gradedAt: '2026-04-08T09:00:00+08:00',
  channels: [{ channelId: 'C1', costRate: 0.85, annualScale: 12e6, depth: 0.3, classIndex: 1 }],
};

const step = (action: TrailStep['action'], who: string, note?: string): TrailStep =>
  action === 'reviewed'
    ? { at: 't', who, role: 'approver', action, snapshotId: grading.id, rulesFingerprint: 'f', pendingRows: 0 }
    : {
        at: 't',
        who,
        role:
          action === 'acknowledged' ? 'branch' : action === 'approved' || action === 'returned' ? 'approver' : 'grader',
        action,
        snapshotId: grading.id,
        rulesFingerprint: 'f',
        note,
      };

const propose = (action: ProposedStep['action'], who: string, note?: string): ProposedStep => {
  const s = step(action, who, note);
  return { action, who, role: s.role, note };
};

describe('A grading moves through states: graded (待审批) → approved (已审批) or returned (已退回)', () => {
  it('is 待审批 once graded, then 已审批, 已通知 and 已确认 in that order', () => {
    const trail: TrailStep[] = [step('graded', '张三')];
    expect(gradingStateOf(trail, grading.id)).toBe('pending');
    trail.push(step('approved', '李四'));
    expect(gradingStateOf(trail, grading.id)).toBe('approved');
    trail.push(step('notified', '张三', '浙江分公司'));
    expect(gradingStateOf(trail, grading.id)).toBe('notified');
    trail.push(step('acknowledged', '王五', '浙江分公司'));
    expect(gradingStatus(trail, grading.id)).toMatchObject({
      state: 'acknowledged',
      draft: false,
      notified: ['浙江分公司'],
    });
  });

  it('does not move the state for steps out of order in an old trail', () => {
    expect(gradingStateOf([step('notified', '张三'), step('acknowledged', '王五')], grading.id)).toBe('pending');
  });
});

describe('only an approved grading may be notified (已通知), and only a notified grading acknowledged by a branch (已确认)', () => {
  it('refuses a notice before approval and says approval comes first', () => {
    expect(stepRefusal([step('graded', '张三')], grading, propose('notified', '张三'))?.zh).toMatch(
      /须先经个人客户运营部审批，才能通知机构/,
    );
  });

  it('refuses an acknowledgement before the notice', () => {
    expect(
      stepRefusal([step('graded', '张三'), step('approved', '李四')], grading, propose('acknowledged', '王五'))?.en,
    ).toMatch(/notified first/);
  });

  it('never notifies a returned grading (A returned grading is never notified; it is superseded by grading again)', () => {
    const trail = [step('graded', '张三'), step('returned', '李四')];
    expect(stepRefusal(trail, grading, propose('notified', '张三'))?.zh).toMatch(/已退回，不能通知：请重新分级/);
    expect(stepRefusal(trail, grading, propose('approved', '李四'))?.zh).toMatch(/已有审批结论/);
  });
});

describe('Who: approving and returning belong to the 个人客户运营部, never to the person who graded that grading (four eyes)', () => {
  it('refuses the grader, whatever the spacing or case of his name', () => {
    expect(stepRefusal([], grading, propose('approved', ' 张三 '))?.zh).toMatch(/四眼原则/);
    expect(stepRefusal([], { ...grading, gradedBy: 'Zhang San' }, propose('returned', 'zhang  san'))).not.toBeNull();
    expect(stepRefusal([], grading, propose('approved', '李四'))).toBeNull();
  });

  it('refuses a step by a role it does not belong to', () => {
    expect(stepRefusal([], grading, { action: 'approved', who: '赵六', role: 'branch' })?.zh).toMatch(
      /分支机构不能执行“批准”/,
    );
  });
});

describe('The row review’s sign-off is its own trail step and never the approval', () => {
  const review: ReviewEntry = {
    at: 't',
    who: '王经理',
    role: 'approver',
    action: 'reviewed',
    snapshotId: grading.id,
    rulesFingerprint: 'f',
    pendingRows: 1999,
  };

  it('leaves the grading 待审批 after a sign-off with rows pending', () => {
    expect(gradingStateOf([step('graded', '张三'), review], grading.id)).toBe('pending');
  });

  it('asks for a reason to approve a grading whose review has rows pending (approving … requires and records a reason)', () => {
    const trail = [step('graded', '张三'), review];
    expect(stepRefusal(trail, grading, propose('approved', '李四'))?.zh).toMatch(/1999 行待复核：批准须写明理由/);
    expect(stepRefusal(trail, grading, propose('approved', '李四', '其余为新渠道'))).toBeNull();
  });

  it('refuses a sign-off after the decision', () => {
    expect(
      stepRefusal([step('graded', '张三'), step('approved', '李四')], grading, propose('reviewed', '王经理'))?.zh,
    ).toMatch(/复核签字须在审批之前/);
  });
});

describe('allowed steps, as the pane shows its buttons', () => {
  it('enables only the review and the decision on a pending grading, with the reason for the others', () => {
    const steps = allowedSteps([step('graded', '张三')], grading, '李四');
    expect(steps.filter((s) => s.allowed).map((s) => s.action)).toEqual(['reviewed', 'approved', 'returned']);
    expect(steps.find((s) => s.action === 'notified')?.reason?.zh).toMatch(/须先经个人客户运营部审批/);
  });

  it('disables the decision for the grader himself', () => {
    const steps = allowedSteps([step('graded', '张三')], grading, '张三');
    expect(steps.find((s) => s.action === 'approved')).toMatchObject({ allowed: false });
  });
});

describe('a returned grading’s classes are never in force', () => {
  it('gives no class in force and no pending class from a returned grading', () => {
    const inForce = classesInForce([grading], [step('graded', '张三'), step('returned', '李四')]);
    expect(inForce).toEqual([]);
  });

  it('shows a grading awaiting approval as pending only', () => {
    const [c1] = classesInForce([grading], [step('graded', '张三')]);
    expect(c1).toMatchObject({ used: null, classIndex: null, pending: { inYear: { classIndex: 1 } } });
  });
});
