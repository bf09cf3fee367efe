import { describe, expect, it } from 'vitest';
import { firmHost, isValidSlug, normaliseSlug, RESERVED_SLUGS, slugProblem } from './slug';

describe('slug format (a DNS label)', () => {
  it.each(['abc', 'sunshine', 'green-garden', 'a1b2', 'wy-2026', 'a'.repeat(40), 'a-b'])('accepts %s', (slug) => {
    expect(slugProblem(slug)).toBeNull();
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each([
    ['', 'required'],
    ['ab', 'length'],
    ['a'.repeat(41), 'length'],
    ['1abc', 'start'],
    ['-abc', 'start'],
    ['abc-', 'end'],
    ['Abc', 'chars'],
    ['ab_c', 'chars'],
    ['ab.c', 'chars'],
    ['ab c', 'chars'],
    ['阳光物业', 'chars'],
  ])('rejects %j (%s)', (slug, problem) => {
    expect(slugProblem(slug)).toBe(problem);
    expect(isValidSlug(slug)).toBe(false);
  });

  it('rejects every reserved name', () => {
    expect(RESERVED_SLUGS).toEqual(['www', 'api', 'admin', 'public', 'static', 'media', 'mail', 'app', 'platform']);
    for (const slug of RESERVED_SLUGS) expect(slugProblem(slug)).toBe('reserved');
    expect(slugProblem('apps')).toBeNull();
  });

  it('normalises what people type and previews the host', () => {
    expect(normaliseSlug('  Sunshine ')).toBe('sunshine');
    expect(firmHost('sunshine', 'localhost:8000')).toBe('sunshine.localhost:8000');
  });
});
