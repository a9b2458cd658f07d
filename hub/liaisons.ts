// Who the duty desk calls and who stands duty: each county department's fixed liaison (联络员) and the cadres
// (科级干部) who take the department's turns as duty director (轮值主任). Demo people, deterministic names.
import type { Cadre, CadreBook } from '../native/api/duty.js';
import { COUNTY_ROTATION, TOWN_ROTATION } from '../native/api/duty.js';
import { Liaison } from '../native/api/model.js';
import { DEPARTMENTS } from './lists.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['建国', '海燕', '志强', '丽华', '明', '春梅', '伟', '秀英', '立新', '晓东', '红', '文斌', '玉兰', '国平', '雪', '永刚', '静', '宏伟', '小军', '桂芳', '德胜', '慧', '振华', '凤英'];

/** A deterministic demo name for the n-th person. */
function personName(n: number): string {
  return `${SURNAMES[n % SURNAMES.length] ?? '王'}${GIVEN[(n * 7 + 3) % GIVEN.length] ?? '明'}`;
}

/** Baoying desk phones: area code 0514, 8 digits starting 882. */
function deskPhone(n: number): string {
  return `0514-882${String(10_000 + n * 137).slice(-5)}`;
}

function mobile(n: number): string {
  return `139${String(52_000_000 + n * 7919).padStart(8, '0').slice(-8)}`;
}

/** One liaison for every county department. */
export const LIAISONS: readonly Liaison[] = DEPARTMENTS.filter((d) => d.level === 'county').map((d, i) => Liaison.parse({
  id: `liaison-${d.code}`, departmentCode: d.code, name: personName(i + 40), phone: deskPhone(i),
}));

/** Two cadres for each department of the county rotation (and the holiday cover). */
export const COUNTY_CADRES: CadreBook = Object.fromEntries(
  [...new Set([...COUNTY_ROTATION.departments, COUNTY_ROTATION.holidayCover])].map((code, i) => [
    code, [0, 1].map((k): Cadre => ({ departmentCode: code, name: personName(i * 2 + k), phone: mobile(i * 2 + k) })),
  ]),
);

/** Cadres of each town's offices for the town rotation, keyed `${townCode}/${departmentCode}`. */
export function townCadres(townCodes: readonly string[]): CadreBook {
  const book: Record<string, Cadre[]> = {};
  townCodes.forEach((town, t) => {
    [...new Set([...TOWN_ROTATION.departments, TOWN_ROTATION.holidayCover])].forEach((code, j) => {
      const n = 100 + t * 10 + j * 2;
      book[`${town}/${code}`] = [0, 1].map((k) => ({ departmentCode: code, name: personName(n + k), phone: mobile(n + k) }));
    });
  });
  return book;
}
