// The lists Baoying's command centre ships with: departments work is routed to, the collection list
// (网格事项采集清单) and the department responsibility list (部门事件责任清单), validated when loaded.
import {
  Lists, type CollectionItem, type Department, type HandlingLevel, type Responsibility,
} from '../native/api/model.js';
import { listProblems } from '../native/api/routing.js';

/** Village and town bodies are one code each: the event's grid says which village or town it is. */
export const DEPARTMENTS: readonly Department[] = [
  { code: 'village_committee', name: '村(居)网格工作站', nameEn: 'Village/community grid station', level: 'village' },
  { code: 'town_grid_center', name: '镇(区)网格中心/综治办', nameEn: 'Town grid centre / governance office', level: 'town' },
  { code: 'town_enforcement', name: '镇综合行政执法局', nameEn: 'Town administrative enforcement bureau', level: 'town' },
  { code: 'urban_mgmt', name: '城市管理局', nameEn: 'Urban Management Bureau', level: 'county' },
  { code: 'housing_construction', name: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau', level: 'county' },
  { code: 'natural_resources', name: '自然资源和规划局', nameEn: 'Natural Resources and Planning Bureau', level: 'county' },
  { code: 'transport', name: '交通运输局', nameEn: 'Transport Bureau', level: 'county' },
  { code: 'traffic_police', name: '公安局交警大队', nameEn: 'Traffic Police Brigade', level: 'county' },
  { code: 'public_security', name: '公安局', nameEn: 'Public Security Bureau', level: 'county' },
  { code: 'ecology_environment', name: '生态环境局', nameEn: 'Ecology and Environment Bureau', level: 'county' },
  { code: 'water', name: '水务局', nameEn: 'Water Affairs Bureau', level: 'county' },
  { code: 'market_supervision', name: '市场监督管理局', nameEn: 'Market Supervision Administration', level: 'county' },
  { code: 'emergency', name: '应急管理局', nameEn: 'Emergency Management Bureau', level: 'county' },
  { code: 'fire_rescue', name: '消防救援大队', nameEn: 'Fire and Rescue Brigade', level: 'county' },
  { code: 'civil_affairs', name: '民政局', nameEn: 'Civil Affairs Bureau', level: 'county' },
  { code: 'health', name: '卫生健康委员会', nameEn: 'Health Commission', level: 'county' },
  { code: 'human_resources', name: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau', level: 'county' },
  { code: 'agriculture', name: '农业农村局', nameEn: 'Agriculture and Rural Affairs Bureau', level: 'county' },
  { code: 'justice', name: '司法局', nameEn: 'Justice Bureau', level: 'county' },
  { code: 'power_supply', name: '供电公司', nameEn: 'Power Supply Company', level: 'county' },
  // The duty-director rotation of seed 004 一(三) names these too (native/api/duty.ts COUNTY_ROTATION).
  { code: 'party_mass_work', name: '党群工作部', nameEn: 'Party and Mass Work Department', level: 'county' },
  { code: 'social_governance', name: '社会治理办公室', nameEn: 'Social Governance Office', level: 'county' },
  { code: 'education_culture_tourism', name: '教育文旅局', nameEn: 'Education, Culture and Tourism Bureau', level: 'county' },
];

const GROUPS = {
  city_appearance: ['市容环境', 'City appearance'],
  traffic_order: ['交通秩序', 'Traffic order'],
  public_facilities: ['市政设施', 'Public facilities'],
  planning_construction: ['规划建设', 'Planning and construction'],
  ecology: ['生态环境', 'Ecology and environment'],
  safety_hazard: ['安全隐患', 'Safety hazards'],
  disputes: ['矛盾纠纷', 'Disputes'],
  livelihood: ['民生服务', 'Livelihood and services'],
} as const satisfies Record<string, readonly [string, string]>;

type Row = [
  category: string, name: string, nameEn: string, group: keyof typeof GROUPS,
  /** village, town, county: [department, hours] or null where that level does not take it. */
  village: readonly [string, number] | null, town: readonly [string, number], county: readonly [string, number],
];

/**
 * Every category with its three levels. Small matters stay in the village (24–72 h); what a village cannot
 * fix (gas, power lines, water mains, food safety, wages) starts at town. County limits follow the
 * departments' published service commitments in spirit: hazards in hours, repairs in days, disputes in weeks.
 */
const ROWS: readonly Row[] = [
  ['street_vending', '占道经营', 'Street vending', 'city_appearance', ['village_committee', 24], ['town_enforcement', 24], ['urban_mgmt', 48]],
  ['clutter', '乱堆乱放', 'Clutter', 'city_appearance', ['village_committee', 48], ['town_enforcement', 48], ['urban_mgmt', 72]],
  ['exposed_garbage', '垃圾暴露', 'Exposed garbage', 'city_appearance', ['village_committee', 24], ['town_enforcement', 24], ['urban_mgmt', 24]],
  ['illegal_advertising', '乱张贴乱涂写', 'Illegal posters and graffiti', 'city_appearance', ['village_committee', 72], ['town_enforcement', 72], ['urban_mgmt', 120]],
  ['illegal_parking', '违章停车', 'Illegal parking', 'traffic_order', ['village_committee', 24], ['town_enforcement', 24], ['traffic_police', 24]],
  ['traffic_signal_fault', '交通信号灯故障', 'Traffic signal fault', 'traffic_order', null, ['town_grid_center', 24], ['traffic_police', 12]],
  ['road_damage', '道路破损', 'Damaged road', 'traffic_order', ['village_committee', 72], ['town_grid_center', 72], ['transport', 168]],
  ['missing_manhole_cover', '井盖缺失', 'Missing manhole cover', 'public_facilities', ['village_committee', 24], ['town_enforcement', 12], ['urban_mgmt', 12]],
  ['broken_streetlight', '路灯损坏', 'Broken streetlight', 'public_facilities', ['village_committee', 72], ['town_grid_center', 72], ['urban_mgmt', 72]],
  ['water_pipe_leak', '供水管网漏水', 'Water main leak', 'public_facilities', null, ['town_grid_center', 24], ['water', 12]],
  ['illegal_construction', '私搭乱建', 'Illegal construction', 'planning_construction', ['village_committee', 72], ['town_enforcement', 120], ['natural_resources', 240]],
  ['dilapidated_house', '危房隐患', 'Dilapidated house', 'planning_construction', ['village_committee', 72], ['town_grid_center', 72], ['housing_construction', 168]],
  ['river_debris', '河道漂浮物', 'River debris', 'ecology', ['village_committee', 48], ['town_grid_center', 72], ['water', 120]],
  ['sewage_discharge', '污水直排', 'Sewage discharge', 'ecology', null, ['town_enforcement', 72], ['ecology_environment', 120]],
  ['straw_burning', '秸秆焚烧', 'Straw burning', 'ecology', ['village_committee', 4], ['town_grid_center', 4], ['ecology_environment', 8]],
  ['noise_nuisance', '噪声扰民', 'Noise nuisance', 'ecology', ['village_committee', 24], ['town_enforcement', 48], ['public_security', 72]],
  ['blocked_fire_lane', '消防通道堵塞', 'Blocked fire lane', 'safety_hazard', ['village_committee', 24], ['town_enforcement', 24], ['fire_rescue', 24]],
  ['gas_hazard', '燃气安全隐患', 'Gas safety hazard', 'safety_hazard', null, ['town_grid_center', 4], ['housing_construction', 4]],
  ['power_line_hazard', '电力线路隐患', 'Power line hazard', 'safety_hazard', null, ['town_grid_center', 12], ['power_supply', 8]],
  ['production_safety', '安全生产隐患', 'Workplace safety hazard', 'safety_hazard', null, ['town_grid_center', 48], ['emergency', 72]],
  ['neighbour_dispute', '邻里纠纷', 'Neighbour dispute', 'disputes', ['village_committee', 72], ['town_grid_center', 120], ['justice', 240]],
  ['land_contract_dispute', '土地承包纠纷', 'Land contract dispute', 'disputes', ['village_committee', 120], ['town_grid_center', 240], ['agriculture', 360]],
  ['wage_arrears', '拖欠工资', 'Unpaid wages', 'disputes', null, ['town_grid_center', 120], ['human_resources', 240]],
  ['food_safety', '食品安全', 'Food safety', 'livelihood', null, ['town_grid_center', 48], ['market_supervision', 72]],
  ['health_hazard', '卫生防疫隐患', 'Public health hazard', 'livelihood', ['village_committee', 48], ['town_grid_center', 48], ['health', 72]],
  ['elderly_assistance', '困难群众求助', 'Help for people in hardship', 'livelihood', ['village_committee', 24], ['town_grid_center', 48], ['civil_affairs', 120]],
  ['campus_safety', '校园周边安全隐患', 'Hazard near a school', 'safety_hazard', ['village_committee', 24], ['town_grid_center', 24], ['education_culture_tourism', 48]],
  ['group_dispute_risk', '群体性矛盾苗头', 'Risk of a group dispute', 'disputes', null, ['town_grid_center', 24], ['social_governance', 48]],
  // 网格吹哨、群团报到: a need the party and mass organisations' volunteers answer.
  ['volunteer_request', '群团志愿服务需求', 'Request for volunteer help', 'livelihood', ['village_committee', 72], ['town_grid_center', 72], ['party_mass_work', 120]],
];

export const COLLECTION_ITEMS: readonly CollectionItem[] = ROWS.map(([category, name, nameEn, group]) => ({
  category, name, nameEn, group, groupName: GROUPS[group][0], groupNameEn: GROUPS[group][1],
}));

export const RESPONSIBILITIES: readonly Responsibility[] = ROWS.flatMap(([category, , , , village, town, county]) => {
  const levels: [HandlingLevel, readonly [string, number] | null][] = [['village', village], ['town', town], ['county', county]];
  return levels.flatMap(([level, cell]) => (cell ? [{ category, level, department: cell[0], timeLimitHours: cell[1] }] : []));
});

/** Parse with the model's schemas and check the cross-references; throws with every problem listed. */
export function validateLists(input: unknown): Lists {
  const lists = Lists.parse(input);
  const problems = listProblems(lists);
  if (problems.length) throw new Error(`Invalid lists:\n- ${problems.join('\n- ')}`);
  return lists;
}

/** The shipped lists, validated once when the hub loads them. */
export const SHIPPED_LISTS: Lists = validateLists({
  departments: DEPARTMENTS, collectionItems: COLLECTION_ITEMS, responsibilities: RESPONSIBILITIES,
});
