// The shipped emergency plans: one per incident type, 6–10 bilingual steps, owners that exist, deadlines in order.
import { describe, expect, it } from 'vitest';
import { EmergencyPlan, IncidentType } from '../native/api/model.js';
import { DEPARTMENTS } from './lists.js';
import { PLANS, planFor, validatePlans } from './plans.js';

describe('shipped emergency plans', () => {
  it('parse with the model schema and cover every incident type once', () => {
    for (const p of PLANS) expect(EmergencyPlan.safeParse(p).success, p.id).toBe(true);
    expect(PLANS.map((p) => p.type).sort()).toEqual([...IncidentType.options].sort());
    expect(PLANS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(PLANS.map((p) => [p.id, p] as const))('%s: 6–10 steps, bilingual, owned by known departments, stable ids', (id, plan) => {
    expect(plan.steps.length).toBeGreaterThanOrEqual(6);
    expect(plan.steps.length).toBeLessThanOrEqual(10);
    expect(plan.name).toMatch(/[\u4e00-\u9fff]/);
    expect(plan.nameEn).toMatch(/^[\x20-\x7e\u2019]+$/);
    const codes = new Set(DEPARTMENTS.map((d) => d.code));
    plan.steps.forEach((s, i) => {
      expect(s.id).toBe(`${id}/${i + 1}`);
      expect(codes.has(s.owner), s.owner).toBe(true);
      expect(s.title).toMatch(/[\u4e00-\u9fff]/);
      expect(s.titleEn).toMatch(/^[A-Z]/);
      expect(s.dueMinutes).toBeLessThanOrEqual(24 * 60);
    });
    // the first step is the earliest: someone starts the response before anything else is due
    expect(plan.steps[0]!.dueMinutes).toBe(Math.min(...plan.steps.map((s) => s.dueMinutes)));
  });

  it('planFor finds the plan of a type and refuses a missing one', () => {
    expect(planFor('fire').id).toBe('plan-fire');
    expect(() => planFor('fire', [])).toThrow(/no emergency plan for incident type 'fire'/);
  });

  it('validatePlans refuses unknown owners, duplicate steps and two plans for one type', () => {
    const fire = planFor('fire');
    expect(() => validatePlans([{ ...fire, steps: [{ ...fire.steps[0]!, owner: 'nobody' }] }])).toThrow(/unknown department 'nobody'/);
    expect(() => validatePlans([{ ...fire, steps: [fire.steps[0]!, fire.steps[0]!] }])).toThrow(/duplicate step id/);
    expect(() => validatePlans([fire, { ...fire, id: 'plan-fire-2' }])).toThrow(/two plans for type 'fire'/);
    expect(() => validatePlans([{ ...fire, steps: [] }])).toThrow();
  });
});
