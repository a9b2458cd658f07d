// The county's emergency plans (应急预案) as data: one per incident type, each a checklist of steps with the
// owning department and a deadline in minutes after the declaration. Validated when the hub loads them.
import { EmergencyPlan, type IncidentType } from '../native/api/model.js';
import { DEPARTMENTS } from './lists.js';

type Step = [title: string, titleEn: string, owner: string, dueMinutes: number];

const RAW: readonly { type: IncidentType; name: string; nameEn: string; steps: readonly Step[] }[] = [
  {
    type: 'typhoon_flood', name: '防汛防台风应急预案', nameEn: 'Typhoon and flood response plan',
    steps: [
      ['启动防汛应急响应,通知防指成员单位到岗到位', 'Start the flood response; flood-control members report for duty', 'emergency', 15],
      ['发布预警信息,网格员逐户通知危险区群众', 'Issue the warning; grid workers notify every household at risk', 'town_grid_center', 30],
      ['巡堤查险,排查河道、圩堤、涵闸险情', 'Patrol embankments; inspect rivers, dykes and sluices', 'water', 60],
      ['关闭涉水道路,设置警戒,实施交通管制', 'Close flooded roads, cordon them off, control traffic', 'traffic_police', 60],
      ['加固户外广告牌和临时设施,停止户外作业', 'Secure billboards and temporary structures; stop outdoor work', 'urban_mgmt', 90],
      ['转移安置低洼地区和危房群众至集中安置点', 'Move residents of low-lying areas and unsafe houses to shelters', 'civil_affairs', 120],
      ['抢修供电线路,保障排涝泵站用电', 'Repair power lines; keep drainage pumping stations powered', 'power_supply', 120],
      ['核查灾情,统计受灾人口和损失并逐级上报', 'Assess damage; count affected people and losses; report upwards', 'emergency', 180],
    ],
  },
  {
    type: 'fire', name: '火灾事故应急预案', nameEn: 'Fire response plan',
    steps: [
      ['调派消防救援力量赶赴现场灭火救援', 'Dispatch fire and rescue teams to the scene', 'fire_rescue', 5],
      ['设置警戒区,疏散周边群众', 'Cordon off the area and evacuate people nearby', 'public_security', 15],
      ['疏导交通,保障消防车通道畅通', 'Divert traffic; keep the fire-engine route clear', 'traffic_police', 15],
      ['切断现场电源,配合处置燃气设施', 'Cut the power at the scene; help isolate gas supply', 'power_supply', 20],
      ['医疗救护力量到场,救治转运伤员', 'Ambulances on scene; treat and transfer the injured', 'health', 20],
      ['核实伤亡和损失情况,报告区指挥中心', 'Confirm casualties and losses; report to the command centre', 'emergency', 60],
      ['安置受灾群众,提供临时生活保障', 'Shelter affected residents; provide temporary necessities', 'civil_affairs', 60],
      ['保护现场,开展火灾原因调查', 'Secure the scene; investigate the cause of the fire', 'fire_rescue', 120],
    ],
  },
  {
    type: 'hazchem_leak', name: '危险化学品泄漏事故应急预案', nameEn: 'Hazardous chemical leak response plan',
    steps: [
      ['启动响应,责令企业关停泄漏装置', 'Start the response; order the plant to shut the leaking unit', 'emergency', 10],
      ['消防救援力量实施堵漏、稀释和洗消', 'Fire and rescue teams plug, dilute and decontaminate', 'fire_rescue', 15],
      ['划定警戒区,疏散下风向群众', 'Set the exclusion zone; evacuate people downwind', 'public_security', 20],
      ['开展大气和水体环境应急监测', 'Start emergency air and water monitoring', 'ecology_environment', 30],
      ['医疗救护,救治中毒和受伤人员', 'Treat poisoned and injured people', 'health', 30],
      ['封堵雨水排口,防止污染物进入河道', 'Seal storm drains so the spill cannot reach the rivers', 'water', 45],
      ['统一发布权威信息,回应社会关切', 'Publish authoritative information; answer public concern', 'party_mass_work', 60],
      ['开展事故调查,督促企业落实整改', 'Investigate the accident; make the plant fix its failures', 'emergency', 240],
    ],
  },
  {
    type: 'mass_gathering', name: '群体性事件应急预案', nameEn: 'Mass gathering response plan',
    steps: [
      ['公安警力到场,维护现场秩序', 'Police on scene to keep order', 'public_security', 10],
      ['疏导周边交通,防止道路拥堵', 'Divert traffic around the gathering', 'traffic_police', 20],
      ['网格员摸清聚集人员身份和诉求', 'Grid workers find out who is gathering and what they want', 'town_grid_center', 30],
      ['责任部门负责人到场接待,疏导劝离', 'The responsible department heads meet the crowd and persuade them to leave', 'social_governance', 30],
      ['医疗救护力量现场待命', 'Medical teams stand by at the scene', 'health', 30],
      ['开展舆情监测,及时发布信息', 'Watch public opinion; publish information promptly', 'party_mass_work', 60],
      ['依法调处矛盾纠纷,落实化解措施', 'Mediate the underlying dispute and follow up', 'justice', 120],
    ],
  },
  {
    type: 'earthquake', name: '地震应急预案', nameEn: 'Earthquake response plan',
    steps: [
      ['启动地震应急响应,核实震情灾情', 'Start the earthquake response; confirm the quake and damage', 'emergency', 10],
      ['组织群众紧急避险,开放应急避难场所', 'Lead people to safety; open emergency shelters', 'civil_affairs', 30],
      ['搜救被困人员', 'Search for and rescue trapped people', 'fire_rescue', 30],
      ['医疗救治伤员', 'Treat the injured', 'health', 30],
      ['排查学校和师生安全', 'Check schools, pupils and staff are safe', 'education_culture_tourism', 60],
      ['排查房屋和桥梁安全,设置危险标识', 'Inspect houses and bridges; mark the unsafe ones', 'housing_construction', 120],
      ['抢修供电、供水等生命线设施', 'Restore power, water and other lifelines', 'power_supply', 180],
      ['统计灾情损失并上报', 'Tally the damage and report upwards', 'emergency', 240],
    ],
  },
  {
    type: 'epidemic', name: '突发公共卫生事件应急预案', nameEn: 'Public health emergency response plan',
    steps: [
      ['启动响应,开展流行病学调查', 'Start the response; begin the epidemiological investigation', 'health', 60],
      ['划定管控区域,网格员入户排查登记', 'Define the control zone; grid workers check and register every household', 'town_grid_center', 120],
      ['设置管控卡口,维护管控区秩序', 'Set checkpoints; keep order in the control zone', 'public_security', 120],
      ['排查农贸市场和冷链食品', 'Inspect farmers\u2019 markets and cold-chain food', 'market_supervision', 180],
      ['学校和公共文化场所按需停课闭馆', 'Close schools and public venues as required', 'education_culture_tourism', 180],
      ['保障管控区群众生活物资供应', 'Keep the control zone supplied with daily necessities', 'civil_affairs', 240],
      ['统一发布疫情信息,做好健康宣传', 'Publish the outbreak information; run health messaging', 'party_mass_work', 120],
    ],
  },
];

/** Parse with the model's schema and check owners, step ids and one plan per type; throws with every problem. */
export function validatePlans(input: unknown): EmergencyPlan[] {
  const plans = EmergencyPlan.array().parse(input);
  const departments = new Set(DEPARTMENTS.map((d) => d.code));
  const problems: string[] = [];
  const types = new Set<string>();
  for (const p of plans) {
    if (types.has(p.type)) problems.push(`two plans for type '${p.type}'`);
    types.add(p.type);
    const ids = new Set<string>();
    for (const s of p.steps) {
      if (!departments.has(s.owner)) problems.push(`${p.id} step ${s.id}: unknown department '${s.owner}'`);
      if (ids.has(s.id)) problems.push(`${p.id}: duplicate step id '${s.id}'`);
      ids.add(s.id);
    }
  }
  if (problems.length) throw new Error(`Invalid plans:\n- ${problems.join('\n- ')}`);
  return plans;
}

/** The shipped plans, validated once at load. Step ids are stable: `<plan>/<n>`. */
export const PLANS: readonly EmergencyPlan[] = validatePlans(RAW.map((p) => ({
  id: `plan-${p.type}`, type: p.type, name: p.name, nameEn: p.nameEn,
  steps: p.steps.map(([title, titleEn, owner, dueMinutes], i) => ({ id: `plan-${p.type}/${i + 1}`, title, titleEn, owner, dueMinutes })),
})));

/** The plan to run for an incident of this type. */
export function planFor(type: IncidentType, plans: readonly EmergencyPlan[] = PLANS): EmergencyPlan {
  const plan = plans.find((p) => p.type === type);
  if (!plan) throw new Error(`no emergency plan for incident type '${type}'`);
  return plan;
}
