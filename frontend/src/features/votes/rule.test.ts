import { describe, expect, it } from 'vitest';
import { parseShare, shareProblem, stricterOf } from './rule';

describe("a vote's rule against the law (art. 278)", () => {
  it.each([
    ['3/4', { num: 3, den: 4 }],
    [' 2 / 3 ', { num: 2, den: 3 }],
    ['0.75', { num: 75, den: 100 }],
    ['.6', { num: 6, den: 10 }],
    ['1', { num: 1, den: 1 }],
  ])('reads %j as a share', (text, share) => expect(parseShare(text)).toEqual(share));

  it.each(['', 'abc', '0', '0/3', '3/2', '1.5', '3/0', '-1/2', '75%', '.'])('refuses %j', (text) =>
    expect(parseShare(text)).toBeNull(),
  );

  it.each([
    // name, special, text, problem
    ['turnout_area', false, '2/3', null],
    ['turnout_area', false, '0.66', 'loose'],
    ['turnout_heads', true, '0.6667', null],
    ['pass_area', false, '1/2', null], // the law's own share keeps the law's "> 1/2"
    ['pass_area', false, '0.49', 'loose'],
    ['pass_area', true, '2/3', 'loose'], // a special matter needs 3/4
    ['pass_heads', true, '3/4', null],
    ['pass_heads', true, '1', null],
    ['pass_heads', true, '', null], // blank: the law's
    ['pass_heads', true, 'x', 'bad'],
  ] as const)('%s (special %s) %j: %s', (name, special, text, problem) =>
    expect(shareProblem(name, special, text)).toBe(problem),
  );

  it("finds a saved rule's stricter shares only", () => {
    const legal = {
      turnout_area: { share: '2/3', at_least: true },
      turnout_heads: { share: '2/3', at_least: true },
      pass_area: { share: '1/2', at_least: false },
      pass_heads: { share: '3/5', at_least: true },
    };
    expect(stricterOf(legal, false)).toEqual({ pass_heads: '3/5' });
    expect(stricterOf({}, false)).toEqual({});
    expect(stricterOf(null, true)).toEqual({});
  });
});
