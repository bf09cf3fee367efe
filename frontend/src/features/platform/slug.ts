/**
 * A firm's slug becomes its subdomain (`<slug>.<base domain>`) and the base of
 * its schema name, so it must be a DNS label we are willing to hand out. The
 * server has the last word (and knows which slugs are taken); this catches
 * mistakes while typing.
 */
import type { MessageKey } from '../../i18n';

export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 40;

/** Subdomains the platform keeps for itself. */
export const RESERVED_SLUGS: readonly string[] = ['www', 'api', 'admin', 'public', 'static', 'media', 'mail', 'app', 'platform'];

export type SlugProblem = 'required' | 'chars' | 'start' | 'length' | 'end' | 'reserved';

export function slugProblem(value: string | null | undefined): SlugProblem | null {
  const slug = value ?? '';
  if (slug === '') return 'required';
  if (/[^a-z0-9-]/.test(slug)) return 'chars';
  if (!/^[a-z]/.test(slug)) return 'start';
  if (slug.length < SLUG_MIN_LENGTH || slug.length > SLUG_MAX_LENGTH) return 'length';
  if (slug.endsWith('-')) return 'end';
  if (RESERVED_SLUGS.includes(slug)) return 'reserved';
  return null;
}

export function isValidSlug(value: string | null | undefined): boolean {
  return slugProblem(value) === null;
}

export const SLUG_PROBLEM_MESSAGES: Record<SlugProblem, MessageKey> = {
  required: 'wizard.slug.required',
  chars: 'wizard.slug.chars',
  start: 'wizard.slug.start',
  length: 'wizard.slug.length',
  end: 'wizard.slug.end',
  reserved: 'wizard.slug.reserved',
};

/** What people type: trimmed and lower-cased (host names ignore case). */
export function normaliseSlug(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

export function firmHost(slug: string, baseDomain: string): string {
  return `${slug || '…'}.${baseDomain}`;
}
