import { describe, expect, it } from 'vitest';
import { attachmentName } from './api';
import { splitUnitSearch } from './components/UnitPicker';
import { formatArea, formatShare } from './labels';

describe('unit search', () => {
  const buildings = [
    { id: 11, name: '1' },
    { id: 12, name: '12' },
    { id: 13, name: 'A座' },
  ];
  it('reads "building-number" as a building and a number', () => {
    expect(splitUnitSearch('1-101', buildings)).toEqual({ search: '101', building: 11 });
    expect(splitUnitSearch('12-1201', buildings)).toEqual({ search: '1201', building: 12 });
    expect(splitUnitSearch('A座-B2-015', buildings)).toEqual({ search: 'B2-015', building: 13 });
  });
  it('leaves anything else as typed', () => {
    expect(splitUnitSearch('101', buildings)).toEqual({ search: '101' });
    expect(splitUnitSearch('9-101', buildings)).toEqual({ search: '9-101' });
    expect(splitUnitSearch('刘阿姨', buildings)).toEqual({ search: '刘阿姨' });
    expect(splitUnitSearch('1-', buildings)).toEqual({ search: '1-' });
  });
});

describe('downloads', () => {
  it("take the server's file name", () => {
    expect(attachmentName('attachment; filename="YG01-units.xlsx"')).toBe('YG01-units.xlsx');
    expect(attachmentName("attachment; filename*=UTF-8''%E9%98%B3%E5%85%89.xlsx")).toBe('阳光.xlsx');
    expect(attachmentName(null)).toBeNull();
  });
});

describe('numbers', () => {
  it('show areas and shares without trailing zeros', () => {
    expect(formatArea('89.50')).toBe('89.5 m²');
    expect(formatArea('18432.00')).toBe('18,432 m²');
    expect(formatArea('')).toBe('');
    expect(formatShare('50.00')).toBe('50%');
    expect(formatShare(null)).toBe('');
  });
});
