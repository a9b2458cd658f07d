import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../../native/api/model';
import { searchCameras } from './camera-search';

const camera = (id: string, name: string, gridCode: string): Camera => ({
  id, name, gridCode, position: [119.3, 33.2], kind: 'dome', codec: 'h264', streams: { main: 'hub://x', sub: null }, online: true,
});
const cameras = [
  camera('32102300001310000001', '安宜镇政府东门', '321023001001001'),
  camera('32102300001310000002', 'West Gate', '321023001001002'),
  camera('32102300001310000003', '射阳湖码头', '321023002003001'),
];
const names: Record<string, string> = { '321023': '宝应县', '321023001': '安宜镇', '321023002': '射阳湖镇', '321023001001': '城中社区' };
const gridName = (code: string): string | undefined => names[code];
const ids = (q: string, limit = 10) => searchCameras(cameras, q, gridName, limit).items.map((c) => c.id.slice(-1));

describe('searchCameras', () => {
  it.each([
    ['', ['1', '2', '3']],
    ['  ', ['1', '2', '3']],
    ['东门', ['1']],
    ['west', ['2']],
    ['安宜镇', ['1', '2']],
    ['城中', ['1', '2']],
    ['射阳湖', ['3']],
    ['宝应县', ['1', '2', '3']],
    ['321023002', ['3']],
    ['0000002', ['2']],
    ['nothing', []],
  ])('"%s" → cameras %j', (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it('counts every match but lists at most the limit', () => {
    expect(searchCameras(cameras, '宝应', gridName, 2)).toMatchObject({ total: 3, items: [{ name: '安宜镇政府东门' }, { name: 'West Gate' }] });
    expect(searchCameras(cameras, '', gridName, 1).total).toBe(3);
  });
});
