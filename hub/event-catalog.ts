// The kinds of grid events the simulator reports: a stable category key (what the station and renderer
// match on, with zh/en labels), Chinese title templates, and which intake channels plausibly report it.
import type { EventSource } from '../native/api/model.js';

export interface EventKind {
  /** Stable key stored in GridEvent.category. */
  category: string;
  zh: string;
  en: string;
  /** Title variants as a grid worker or a hotline operator would write them. */
  titles: readonly string[];
  /** AI video analytics detects only some kinds (vending, clutter, parking, garbage). */
  videoDetectable: boolean;
  /** Relative frequency. */
  weight: number;
}

export const EVENT_KINDS: readonly EventKind[] = [
  { category: 'street_vending', zh: '占道经营', en: 'Street vending', weight: 14, videoDetectable: true,
    titles: ['流动摊贩占道经营', '商户店外占道经营', '早市摊点占用人行道', '水果摊占道经营'] },
  { category: 'clutter', zh: '乱堆乱放', en: 'Clutter', weight: 12, videoDetectable: true,
    titles: ['楼道杂物乱堆乱放', '建筑垃圾乱堆乱放', '路边废品乱堆乱放', '绿化带内堆放杂物'] },
  { category: 'illegal_parking', zh: '违章停车', en: 'Illegal parking', weight: 12, videoDetectable: true,
    titles: ['机动车违章停车堵塞路口', '非机动车乱停乱放', '车辆占用盲道停放', '货车占道停放'] },
  { category: 'exposed_garbage', zh: '垃圾暴露', en: 'Exposed garbage', weight: 12, videoDetectable: true,
    titles: ['垃圾桶满溢垃圾暴露', '路边垃圾暴露未清运', '小区垃圾分类点垃圾外溢', '空地生活垃圾堆积'] },
  { category: 'missing_manhole_cover', zh: '井盖缺失', en: 'Missing manhole cover', weight: 5, videoDetectable: false,
    titles: ['人行道井盖缺失', '窨井盖破损松动', '雨水井盖缺失存在隐患'] },
  { category: 'broken_streetlight', zh: '路灯损坏', en: 'Broken streetlight', weight: 7, videoDetectable: false,
    titles: ['路灯夜间不亮', '路灯杆倾斜', '一段路灯全部损坏', '路灯电线裸露'] },
  { category: 'neighbour_dispute', zh: '邻里纠纷', en: 'Neighbour dispute', weight: 8, videoDetectable: false,
    titles: ['邻里噪音纠纷', '宅基地边界纠纷', '楼上漏水引发邻里纠纷', '公共区域使用纠纷'] },
  { category: 'blocked_fire_lane', zh: '消防通道堵塞', en: 'Blocked fire lane', weight: 6, videoDetectable: false,
    titles: ['小区消防通道被车辆堵塞', '楼道堆放杂物堵塞消防通道', '电动车占用消防通道充电'] },
  { category: 'illegal_construction', zh: '私搭乱建', en: 'Illegal construction', weight: 6, videoDetectable: false,
    titles: ['屋顶私搭乱建', '违规搭建彩钢棚', '院外私自加盖房屋', '占用公共绿地搭建'] },
  { category: 'river_debris', zh: '河道漂浮物', en: 'River debris', weight: 5, videoDetectable: false,
    titles: ['河道漂浮物较多', '沟渠水面垃圾漂浮', '河面水葫芦聚集', '河岸垃圾落入河道'] },
];

/** Intake channels the hub simulates ('manual' is the station's own). */
export const SIMULATED_SOURCES: readonly (readonly [EventSource, number])[] = [
  ['grid_worker', 45],
  ['hotline_12345', 25],
  ['ai_video', 18],
  ['public_tip', 12],
];

/** Five-colour warning levels, weighted toward blue: most grid events are minor. */
export const SEVERITY_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 42],
  [2, 30],
  [3, 16],
  [4, 8],
  [5, 4],
];
