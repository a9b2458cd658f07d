// The kinds of grid events the simulator reports: a stable category key (a collection-list category, with
// zh/en labels), Chinese titles and descriptions, and whether AI video analytics detects it.
import type { EventSource } from '../native/api/model.js';

export interface EventKind {
  /** Stable key stored in GridEvent.category. */
  category: string;
  zh: string;
  en: string;
  /** Title variants as a grid worker or a hotline operator would write them. */
  titles: readonly string[];
  /** What the reporter writes, 「」-free so it reads well on a wall screen. */
  descriptions: readonly string[];
  /** AI video analytics detects only some kinds (vending, clutter, parking, garbage). */
  videoDetectable: boolean;
  /** Relative frequency. */
  weight: number;
}

export const EVENT_KINDS: readonly EventKind[] = [
  { category: 'street_vending', zh: '占道经营', en: 'Street vending', weight: 14, videoDetectable: true,
    titles: ['流动摊贩占道经营', '商户店外占道经营', '早市摊点占用人行道', '水果摊占道经营'],
    descriptions: ['有流动摊贩在人行道上摆摊，影响行人通行。', '商户将货架摆到店外，占用人行道约两米。', '早高峰时段多个摊点占用道路经营，路口拥堵。'] },
  { category: 'clutter', zh: '乱堆乱放', en: 'Clutter', weight: 12, videoDetectable: true,
    titles: ['楼道杂物乱堆乱放', '建筑垃圾乱堆乱放', '路边废品乱堆乱放', '绿化带内堆放杂物'],
    descriptions: ['楼道内堆放纸箱、旧家具等杂物，存在消防隐患。', '路边堆放建筑垃圾约三方，未见围挡。', '绿化带内堆放废旧物品，影响市容。'] },
  { category: 'illegal_parking', zh: '违章停车', en: 'Illegal parking', weight: 12, videoDetectable: true,
    titles: ['机动车违章停车堵塞路口', '非机动车乱停乱放', '车辆占用盲道停放', '货车占道停放'],
    descriptions: ['多辆机动车停在路口禁停区域，影响通行。', '非机动车在人行道上乱停乱放，行人需绕行。', '货车长时间占道停放，影响公交通行。'] },
  { category: 'exposed_garbage', zh: '垃圾暴露', en: 'Exposed garbage', weight: 12, videoDetectable: true,
    titles: ['垃圾桶满溢垃圾暴露', '路边垃圾暴露未清运', '小区垃圾分类点垃圾外溢', '空地生活垃圾堆积'],
    descriptions: ['垃圾桶已满，垃圾散落地面，气味较大。', '路边生活垃圾堆积未及时清运。', '垃圾分类投放点垃圾外溢，周边卫生差。'] },
  { category: 'missing_manhole_cover', zh: '井盖缺失', en: 'Missing manhole cover', weight: 5, videoDetectable: false,
    titles: ['人行道井盖缺失', '窨井盖破损松动', '雨水井盖缺失存在隐患'],
    descriptions: ['人行道一处井盖缺失，已临时放置警示物，需尽快补装。', '窨井盖破损松动，车辆经过有响声。'] },
  { category: 'broken_streetlight', zh: '路灯损坏', en: 'Broken streetlight', weight: 7, videoDetectable: false,
    titles: ['路灯夜间不亮', '路灯杆倾斜', '一段路灯全部损坏', '路灯电线裸露'],
    descriptions: ['该路段路灯夜间不亮，居民出行不便。', '路灯杆倾斜，存在倒伏风险。', '路灯检修口电线裸露，存在触电隐患。'] },
  { category: 'neighbour_dispute', zh: '邻里纠纷', en: 'Neighbour dispute', weight: 8, videoDetectable: false,
    titles: ['邻里噪音纠纷', '宅基地边界纠纷', '楼上漏水引发邻里纠纷', '公共区域使用纠纷'],
    descriptions: ['两户居民因噪音问题发生争执，需要调解。', '村民因宅基地边界发生纠纷，情绪较激动。', '楼上住户漏水导致楼下墙面受损，双方协商未果。'] },
  { category: 'blocked_fire_lane', zh: '消防通道堵塞', en: 'Blocked fire lane', weight: 6, videoDetectable: false,
    titles: ['小区消防通道被车辆堵塞', '楼道堆放杂物堵塞消防通道', '电动车占用消防通道充电'],
    descriptions: ['小区消防通道被私家车堵塞，消防车无法通行。', '楼道内停放电动车并私拉电线充电。'] },
  { category: 'illegal_construction', zh: '私搭乱建', en: 'Illegal construction', weight: 6, videoDetectable: false,
    titles: ['屋顶私搭乱建', '违规搭建彩钢棚', '院外私自加盖房屋', '占用公共绿地搭建'],
    descriptions: ['住户在屋顶违规搭建彩钢棚。', '有人占用公共绿地搭建简易房。', '院墙外私自加盖房屋，疑似未经审批。'] },
  { category: 'river_debris', zh: '河道漂浮物', en: 'River debris', weight: 5, videoDetectable: false,
    titles: ['河道漂浮物较多', '沟渠水面垃圾漂浮', '河面水葫芦聚集', '河岸垃圾落入河道'],
    descriptions: ['河道内漂浮物较多，影响水体景观。', '沟渠水面有生活垃圾漂浮，需打捞。', '河面水葫芦大量聚集，影响排涝。'] },
  { category: 'illegal_advertising', zh: '乱张贴乱涂写', en: 'Illegal posters and graffiti', weight: 4, videoDetectable: false,
    titles: ['电线杆上乱贴小广告', '墙面乱涂写', '楼道内张贴小广告'],
    descriptions: ['电线杆和公交站牌上贴满小广告，影响市容。', '沿街墙面被喷涂联系电话，需清除。'] },
  { category: 'road_damage', zh: '道路破损', en: 'Damaged road', weight: 4, videoDetectable: false,
    titles: ['路面坑洼积水', '人行道地砖破损', '道路塌陷'],
    descriptions: ['路面出现多处坑洼，雨后积水，车辆通行颠簸。', '人行道地砖松动破损，老人行走易绊倒。'] },
  { category: 'noise_nuisance', zh: '噪声扰民', en: 'Noise nuisance', weight: 4, videoDetectable: false,
    titles: ['夜间施工噪声扰民', '广场舞音响声音过大', '商户高音喇叭扰民'],
    descriptions: ['工地夜间十点后仍在施工，噪声较大，居民无法休息。', '广场舞音响音量过大，周边居民多次反映。'] },
  { category: 'straw_burning', zh: '秸秆焚烧', en: 'Straw burning', weight: 2, videoDetectable: false,
    titles: ['田间焚烧秸秆', '路边焚烧垃圾冒烟'],
    descriptions: ['田间有人焚烧秸秆，烟雾较大，影响道路视线。'] },
  { category: 'water_pipe_leak', zh: '供水管网漏水', en: 'Water main leak', weight: 2, videoDetectable: false,
    titles: ['自来水管道破裂漏水', '路面渗水疑似管网漏水'],
    descriptions: ['路边自来水管破裂，水流到路面，需尽快抢修。'] },
  { category: 'elderly_assistance', zh: '困难群众求助', en: 'Help for people in hardship', weight: 3, videoDetectable: false,
    titles: ['独居老人需要帮扶', '困难家庭求助'],
    descriptions: ['独居老人行动不便，家中无人照料，需社区上门帮扶。', '困难家庭反映生活困难，申请临时救助。'] },
];

/** Intake channels the hub simulates ('manual' is the station's own). */
export const SIMULATED_SOURCES: readonly (readonly [EventSource, number])[] = [
  ['grid_worker', 50],
  ['hotline_12345', 25],
  ['ai_video', 15],
  ['public_tip', 10],
];

/** Five-colour warning levels, weighted toward blue: most grid events are minor. */
export const SEVERITY_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 42],
  [2, 30],
  [3, 16],
  [4, 8],
  [5, 4],
];

/** AI detection types as video analytics labels them on the frame. */
export const DETECTION_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  street_vending: { zh: '占道经营', en: 'Street vending' },
  clutter: { zh: '乱堆物料', en: 'Clutter' },
  illegal_parking: { zh: '违停车辆', en: 'Illegal parking' },
  exposed_garbage: { zh: '垃圾满溢', en: 'Exposed garbage' },
};

/** Who calls the 12345 hotline or sends a tip: as the ticket records them. */
export const CITIZEN_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡'] as const;
