import { normalizeFactors } from './endpoints';

describe('normalizeFactors', () => {
  it('flattens the catalogue by category', () => {
    const f = normalizeFactors({ count: 2, categories: [{ category: 'value', label: 'Value', factors: [{ id: 'per', name: 'PER' }] }, { category: 'momentum', label: 'Momentum', factors: [{ id: 'mom_12_1', name: '12-1 momentum' }] }] });
    expect(f.map((x) => [x.id, x.category])).toEqual([['per', 'value'], ['mom_12_1', 'momentum']]);
  });
});
