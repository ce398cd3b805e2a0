import { formatKrwKorean, formatKrwCompact, formatMoney, formatPct, formatDuration, formatNumber } from './format';

describe('formatKrwKorean', () => {
  it('writes amounts in 억 and 만', () => {
    expect(formatKrwKorean(100_000_000)).toBe('1억원');
    expect(formatKrwKorean(123_456_789)).toBe('1억 2,346만원');
    expect(formatKrwKorean(50_000)).toBe('5만원');
    expect(formatKrwKorean(12_345)).toBe('1만 2,345원');
    expect(formatKrwKorean(1_234)).toBe('1,234원');
    expect(formatKrwKorean(0)).toBe('0원');
  });
  it('uses 조 for trillions and keeps signs', () => {
    expect(formatKrwKorean(2_500_000_000_000)).toBe('2조 5,000억원');
    expect(formatKrwKorean(-35_000_000)).toBe('-3,500만원');
    expect(formatKrwKorean(15_000_000_000)).toBe('150억원');
  });
  it('handles missing values', () => {
    expect(formatKrwKorean(Number.NaN)).toBe('—');
    expect(formatKrwKorean(10_000, { suffix: false })).toBe('1만');
  });
});

describe('formatKrwCompact', () => {
  it('is short for axes and cards', () => {
    expect(formatKrwCompact(123_000_000)).toBe('1.23억');
    expect(formatKrwCompact(45_000_000)).toBe('4,500만');
    expect(formatKrwCompact(3_100_000_000_000)).toBe('3.1조');
    expect(formatKrwCompact(123_000_000, 'en')).toBe('₩123M');
    expect(formatKrwCompact(-2_500_000_000, 'en')).toBe('-₩2.5B');
  });
});

describe('formatMoney / formatPct / formatDuration', () => {
  it('formats by currency and language', () => {
    expect(formatMoney(100_000_000, 'KRW', 'ko')).toBe('1억원');
    expect(formatMoney(100_000_000, 'KRW', 'en')).toBe('₩100,000,000');
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney(null)).toBe('—');
  });
  it('formats percentages with optional sign', () => {
    expect(formatPct(12.345)).toBe('12.35%');
    expect(formatPct(3, 1, true)).toBe('+3.0%');
    expect(formatPct(-3, 1, true)).toBe('-3.0%');
    expect(formatPct(undefined)).toBe('—');
  });
  it('formats durations and numbers', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
  });
});
