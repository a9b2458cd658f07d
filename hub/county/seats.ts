// Where each town's seat (镇政府驻地) stands, approximately as on a map of 宝应县, and the short names that
// roads and streets are named after. The county seat 安宜镇 is put near the county's label point with its
// urban core east of the Grand Canal; the economic development zone lies just south-east of it.
import type { LonLat } from '../../native/api/model.js';

export interface Seat {
  /** 9-digit town code. */
  code: string;
  position: LonLat;
  /** Short name used in street and road names: 氾水, 射阳湖. */
  short: string;
  /** One character for county-road names (宝射公路 links 宝应 and 射阳湖). */
  roadChar: string;
}

export const COUNTY_SEAT_CODE = '321023100';
export const DEV_ZONE_CODE = '321023400';

export const SEATS: readonly Seat[] = [
  { code: '321023100', position: [119.34, 33.242], short: '安宜', roadChar: '宝' },
  { code: '321023101', position: [119.352, 33.077], short: '氾水', roadChar: '氾' },
  { code: '321023102', position: [119.44, 33.125], short: '夏集', roadChar: '夏' },
  { code: '321023103', position: [119.295, 33.162], short: '柳堡', roadChar: '柳' },
  { code: '321023104', position: [119.572, 33.215], short: '射阳湖', roadChar: '射' },
  { code: '321023105', position: [119.615, 33.124], short: '广洋湖', roadChar: '广' },
  { code: '321023106', position: [119.672, 33.246], short: '鲁垛', roadChar: '鲁' },
  { code: '321023107', position: [119.515, 33.383], short: '小官庄', roadChar: '官' },
  { code: '321023108', position: [119.455, 33.308], short: '望直港', roadChar: '望' },
  { code: '321023109', position: [119.512, 33.27], short: '曹甸', roadChar: '曹' },
  { code: '321023110', position: [119.602, 33.332], short: '西安丰', roadChar: '丰' },
  { code: '321023111', position: [119.24, 33.292], short: '山阳', roadChar: '山' },
  { code: '321023112', position: [119.4, 33.362], short: '黄塍', roadChar: '黄' },
  { code: '321023113', position: [119.335, 33.34], short: '泾河', roadChar: '泾' },
  { code: '321023400', position: [119.395, 33.198], short: '开发区', roadChar: '开' },
];

export function seatOf(code: string): Seat {
  const seat = SEATS.find((s) => s.code === code);
  if (!seat) throw new Error(`no seat for town ${code}`);
  return seat;
}
