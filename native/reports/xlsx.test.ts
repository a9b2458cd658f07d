// The bulletin's XLSX: a real Office Open XML package — the parts Excel needs, inline strings escaped,
// numbers as numbers — checked by unzipping it.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../api/contract.js';
import { bulletinFilename, bulletinXlsx } from './bulletin.js';
import { columnName, writeXlsx } from './xlsx.js';

const dashboard: Dashboard = {
  range: 'week', from: Date.UTC(2026, 10, 15, 16), to: Date.UTC(2026, 10, 21, 16, 30), intake: 1234, closed: 1200, closureRate: 1200 / 1234,
  resolvedByLevel: { village: 0.6, town: 0.35, county: 0.05 },
  overdueByDepartment: [{ department: 'urban_mgmt', name: '城市管理局', count: 3 }],
  overdueByTown: [{ townCode: '321023101', name: '氾水镇', count: 2 }],
  avgHandlingMs: 5.5 * 3_600_000, openByState: { dispatched: 20, in_progress: 14 },
};

describe('xlsx', () => {
  it('names columns A…Z, AA…', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes the package parts, escapes text and keeps numbers numeric', () => {
    const files = unzipSync(writeXlsx([{ name: 'S<1>', rows: [['a & <b>', 42], [null, '3']] }]));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml',
    ]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">a &amp; &lt;b&gt;</t></is></c><c r="B1"><v>42</v></c>');
    expect(sheet).toContain('<row r="2"><c r="B2" t="inlineStr"><is><t xml:space="preserve">3</t></is></c></row>');
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="S&lt;1&gt;" sheetId="1" r:id="rId1"/>');
    expect(strFromU8(files['[Content_Types].xml']!)).toContain('PartName="/xl/worksheets/sheet1.xml"');
  });

  it('builds the weekly bulletin: two sheets with the figures and the overdue lists', () => {
    const files = unzipSync(bulletinXlsx(dashboard, '宝应县', Date.UTC(2026, 10, 21, 16, 30)));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('name="概况 Summary"');
    expect(workbook).toContain('name="超期 Overdue"');
    const summary = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(summary).toContain('宝应县网格化社会治理周通报');
    expect(summary).toContain('<v>1234</v>');
    expect(summary).toContain('97.24%');
    expect(summary).toContain('2026-11-16 — 2026-11-22');
    expect(summary).toContain('<v>5.5</v>');
    const overdue = strFromU8(files['xl/worksheets/sheet2.xml']!);
    expect(overdue).toContain('城市管理局');
    expect(overdue).toContain('氾水镇');
    expect(bulletinFilename('week', Date.UTC(2026, 10, 21, 16, 30))).toBe('watchfloor-week-2026-11-22.xlsx');
  });
});
