// Names the generator hands out: streets of the county seat (real 宝应 street names on the main lines,
// plausible ones elsewhere), town and development-zone streets, and grid workers' names and phones.
import type { Rng } from './prng.js';
import type { Axis, LineStyle, RoadClass, StreetLine } from './streetgrid.js';

type Style = Omit<StreetLine, 'offset' | 'rank'>;

const WIDTH: Record<RoadClass, number> = { primary: 32, secondary: 20, street: 10 };

/** County seat main lines by (axis, rank): u runs north–south, v east–west; rank 0 passes the centre. */
const ANYI_MAIN: Record<Axis, Record<number, [string, RoadClass]>> = {
  u: { [-6]: ['运河路', 'secondary'], [-3]: ['北门大街', 'secondary'], 0: ['叶挺路', 'primary'], 3: ['白田路', 'secondary'], 6: ['宝应大道', 'primary'] },
  v: { [-6]: ['城南路', 'secondary'], [-3]: ['苏中路', 'primary'], 0: ['安宜路', 'primary'], 1: ['西门大街', 'street'], 3: ['泰山路', 'secondary'], 6: ['千禧大道', 'secondary'] },
};

const ANYI_MINOR = [
  '南园路', '桃园路', '牌楼路', '学墩路', '罗巷路', '花庄路', '刘沟路', '东门街', '朝阳路', '莲花路', '新民路', '解放路',
  '人民路', '中山路', '文化路', '育才路', '建设路', '富民路', '兴宝路', '宝城路', '鸿运路', '和平路', '迎宾路', '民主路',
  '湖西路', '广场路', '园林路', '东园路', '安民路', '爱民路', '齐心路', '世纪路', '三里路', '南窑路', '铁桥路', '大桥路',
  '苏宝路', '画川路', '通湖路', '幸福路', '振兴路', '胜利路', '长江路', '黄河路', '淮河路', '北河路', '城北路', '东升路',
];

const TOWN_MINOR = [
  '人民路', '建设路', '文化路', '新华路', '朝阳路', '振兴路', '府前路', '工农路', '兴业路', '育才路', '幸福路', '民主路',
  '团结路', '友谊路', '胜利路', '富强路', '通湖路', '环镇路', '迎宾路', '商贸街', '老街', '新街', '东街', '西街', '南街',
  '北街', '河西路', '河东路', '中心路', '青年路',
];

const DEV_ZONE_MINOR = [
  '七里路', '东方红路', '宝胜路', '创业路', '科技路', '工业园路', '兴业大道', '经一路', '经二路', '经三路', '纬一路',
  '纬二路', '纬三路', '园区路', '高新路', '智造路', '新能源路', '电缆路',
];

/** Hands out names from a pool in a seeded order, then numbered fallbacks once it runs dry. */
function pool(rng: Rng, names: readonly string[], fallback: (n: number) => string): () => string {
  const order = rng.shuffle(names);
  let n = 0;
  return () => (n < order.length ? (order[n++] as string) : fallback(++n - order.length));
}

export function anyiStyle(rng: Rng): LineStyle {
  const next = pool(rng, ANYI_MINOR, (n) => `规划${n}路`);
  return (axis, rank) => {
    const main = ANYI_MAIN[axis][rank];
    if (main) return { name: main[0], class: main[1], widthM: WIDTH[main[1]] };
    const cls: RoadClass = rank % 3 === 0 ? 'secondary' : 'street';
    return { name: next(), class: cls, widthM: WIDTH[cls] };
  };
}

export function townStyle(rng: Rng, short: string): LineStyle {
  const next = pool(rng, TOWN_MINOR, (n) => `${short}${n}路`);
  return (axis, rank): Style => {
    if (rank === 0) return { name: axis === 'u' ? `${short}中路` : `${short}大街`, class: 'secondary', widthM: 16 };
    return { name: next(), class: 'street', widthM: 8 };
  };
}

export function devZoneStyle(rng: Rng): LineStyle {
  const next = pool(rng, DEV_ZONE_MINOR, (n) => `园区${n}路`);
  return (axis, rank): Style => {
    if (rank === 0) return axis === 'u' ? { name: '开发大道', class: 'primary', widthM: 36 } : { name: '金湾路', class: 'secondary', widthM: 24 };
    return { name: next(), class: 'street', widthM: 14 };
  };
}

// Common surnames of central Jiangsu, weighted roughly by how often one meets them.
const SURNAMES: [string, number][] = [
  ['王', 10], ['张', 8], ['陈', 8], ['朱', 6], ['徐', 6], ['李', 6], ['刘', 6], ['周', 5], ['吴', 5], ['孙', 4], ['杨', 4],
  ['黄', 4], ['曹', 3], ['乔', 2], ['卞', 2], ['陆', 3], ['顾', 2], ['沈', 2], ['钱', 2], ['蒋', 2], ['姜', 2], ['季', 2],
  ['仇', 1], ['夏', 2], ['许', 2], ['胡', 2], ['高', 2], ['戴', 2], ['汤', 1], ['潘', 1], ['葛', 1], ['范', 1], ['丁', 1],
  ['郭', 1], ['韦', 1], ['袁', 1], ['严', 1], ['赵', 2], ['郑', 1], ['冯', 1], ['薛', 1], ['成', 1], ['柏', 1], ['臧', 1],
];

const GIVEN_TWO = [
  '建国', '秀英', '桂兰', '海燕', '丽娟', '志强', '国庆', '永红', '春梅', '红梅', '晓东', '玉兰', '桂英', '秀兰', '建华',
  '卫东', '海军', '立新', '美华', '爱华', '文静', '晓燕', '雪梅', '金凤', '凤英', '德明', '宏伟', '俊杰', '婷婷', '佳慧',
  '志刚', '学军', '雅琴', '素芳', '兰芳', '荣华', '月娥', '开云', '家宝', '长青', '友林', '正兵', '亚萍', '小红', '晓梅',
  '宝林', '玉梅', '春燕', '广平', '丽萍', '振宇', '思远', '雨欣', '子涵', '浩然', '明华', '建军', '秋菊', '国强', '金宝',
];

const GIVEN_ONE = ['伟', '敏', '静', '磊', '芳', '娜', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '雪', '婷', '文', '华', '燕', '斌', '鹏', '琴', '萍', '峰', '慧', '蓉'];

export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  return surname + (rng.chance(0.75) ? rng.pick(GIVEN_TWO) : rng.pick(GIVEN_ONE));
}

const PHONE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '180', '181', '187', '188', '189', '199'];

/** A masked mobile number as grid platforms show them: 138****1234. */
export function maskedPhone(rng: Rng): string {
  return `${rng.pick(PHONE_PREFIXES)}****${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
