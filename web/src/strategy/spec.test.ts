import { builderSchema, defaultForm, expressionToRows, formToSpec, rowsToExpression, specPathToField, specToForm, type BuilderForm } from './spec';

const issues = (f: Partial<BuilderForm>) => {
  const r = builderSchema.safeParse({ ...defaultForm(), name: 'x', ...f });
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('builder validation mirrors the engine rules', () => {
  it('accepts the default form with a name', () => {
    expect(issues({})).toEqual({});
  });
  it('requires a name', () => {
    expect(issues({ name: '  ' }).name).toBe('v.required');
  });
  it('checks positions, stops, costs and capital ranges', () => {
    expect(issues({ maxPositions: '0' }).maxPositions).toBe('v.range|1|10000');
    expect(issues({ maxPositions: '2.5' }).maxPositions).toBe('v.integer');
    expect(issues({ stopLossPct: '100' }).stopLossPct).toBe('v.range|0|100');
    expect(issues({ takeProfitPct: '-1' }).takeProfitPct).toBe('v.range|0|10000');
    expect(issues({ commissionPct: 'abc' }).commissionPct).toBe('v.number');
    expect(issues({ initialCapital: '0' }).initialCapital).toBe('v.range|0|1000000000000000');
    expect(issues({ maxHoldDays: '0' }).maxHoldDays).toBe('v.range|1|1000000000');
    expect(issues({ rank: [{ by: 'pbr', order: 'asc', weight: '0' }] })['rank.0.weight']).toBe('v.range|0|1000000');
  });
  it('checks dates and their order', () => {
    expect(issues({ start: '2020-13-45' }).start).toBe('v.date');
    expect(issues({ start: '2021-01-01', end: '2020-01-01' }).end).toBe('v.endBeforeStart');
  });
  it('wants both sides of a condition row', () => {
    expect(issues({ buyRows: [{ left: 'per', op: '<', right: '' }] })['buyRows.0.right']).toBe('v.required');
  });
});

describe('condition rows and expressions', () => {
  it('joins rows with and, skipping blank ones', () => {
    expect(rowsToExpression([{ left: 'per', op: '>', right: '0' }, { left: '', op: '>', right: '' }, { left: 'sma(close,5)', op: 'cross_above', right: 'sma(close,20)' }]))
      .toBe('per > 0 and cross_above(sma(close,5), sma(close,20))');
    expect(rowsToExpression([])).toBeNull();
  });
  it('reads simple conjunctions back into rows and leaves the rest to the raw mode', () => {
    expect(expressionToRows('per > 0 and per < 10 and roe > 15')).toEqual([
      { left: 'per', op: '>', right: '0' }, { left: 'per', op: '<', right: '10' }, { left: 'roe', op: '>', right: '15' },
    ]);
    expect(expressionToRows('cross_above(sma(close,5), sma(close,20))')).toEqual([{ left: 'sma(close,5)', op: 'cross_above', right: 'sma(close,20)' }]);
    expect(expressionToRows('per < 10 or roe > 15')).toBeNull();
    expect(expressionToRows('not is_missing(per)')).toBeNull();
    expect(expressionToRows('')).toEqual([]);
  });
});

describe('form <-> spec', () => {
  it('writes a spec as short as a hand-written one', () => {
    const spec = formToSpec({ ...defaultForm(), name: 'Cheap', stopLossPct: '10', start: '2015-01-01' });
    expect(spec).toMatchObject({
      name: 'Cheap', dataset: 'krx-demo', rebalance: 'monthly',
      buy: { when: 'per > 0 and per < 15', rank: [{ by: 'pbr', order: 'asc', weight: 1 }], maxPositions: 20 },
      sell: { stopLossPct: 10, dropUnselected: true },
      period: { start: '2015-01-01' }, initialCapital: 100_000_000,
    });
    expect(spec.universe).toBeUndefined();
    expect(spec.sell).not.toHaveProperty('takeProfitPct');
  });
  it('round-trips through the form', () => {
    const spec = formToSpec({ ...defaultForm(), name: 'A', markets: ['KOSPI'], symbols: '005930, 000660', sellMode: 'raw', sellRaw: 'rsi_14 > 80 or close < lag(close,1)' });
    const again = formToSpec(specToForm(spec));
    expect(again).toEqual(spec);
  });
  it('maps the server JSON paths onto form fields', () => {
    const modes = { buyMode: 'rows', sellMode: 'raw', filterMode: 'rows' } as const;
    expect(specPathToField('$.buy.maxPositions', modes)).toBe('maxPositions');
    expect(specPathToField('$.buy.rank[1].weight', modes)).toBe('rank.1.weight');
    expect(specPathToField('$.sell.when', modes)).toBe('sellRaw');
    expect(specPathToField('$.buy.when', modes)).toBe('buyRows');
    expect(specPathToField('$.period.end', modes)).toBe('end');
    expect(specPathToField('$.bogus', modes)).toBe('root');
  });
});
