/**
 * The side menu, built from the user's capabilities: an item shows only when
 * the user holds one of the capabilities it asks for, on the kind of host it
 * belongs to. New modules add a line here.
 */
import { decisionNav } from '../features/decisions/routes';
import type { ReactNode } from 'react';
import { ApartmentOutlined, HomeOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { HostKind } from '../api/types';
import type { MessageKey } from '../i18n';
import { complaintsNav } from '../features/complaints/routes';
import { estatesNav } from '../features/estates/routes';
import { notificationsNav } from '../features/notifications/routes';
import { billingNav } from '../features/billing/routes';
import { disclosureNav } from '../features/disclosure/routes';
import { topicsNav } from '../features/topics/routes';
import { committeeNav } from '../features/committee/routes';
import { supervisionNav } from '../features/supervision/routes';
import { dutyNav } from '../features/responsibilities/routes';
import { noticeNav } from '../features/notices/routes';
import { scoringNav } from '../features/scoring/routes';
import { votesNav } from '../features/votes/routes';
import { supportNav } from '../features/support/routes';
import { auditNav } from '../features/audit/routes';

export interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  icon?: ReactNode;
  /** Shown when the user has ANY of these; empty or absent means every logged-in user. */
  capabilities?: readonly string[];
  hosts: readonly HostKind[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: <HomeOutlined />, hosts: ['firm'] },
  {
    key: 'users',
    path: '/users',
    label: 'menu.users',
    icon: <TeamOutlined />,
    capabilities: ['users.view', 'users.manage'],
    hosts: ['firm'],
  },
  {
    key: 'settings',
    path: '/settings',
    label: 'menu.settings',
    icon: <SettingOutlined />,
    capabilities: ['firm.settings'],
    hosts: ['firm'],
  },
  {
    key: 'firms',
    path: '/platform/firms',
    label: 'menu.firms',
    icon: <ApartmentOutlined />,
    capabilities: ['platform.firms.manage'],
    hosts: ['public'],
  },
  ...estatesNav,
  ...complaintsNav,
  ...notificationsNav,
  ...billingNav,
  ...disclosureNav,
  ...topicsNav,
  ...committeeNav,
  ...supervisionNav,
  ...dutyNav,
  ...noticeNav,
  ...decisionNav,
  ...scoringNav,
  ...votesNav,
  ...supportNav,
  ...auditNav,
  { key: 'profile', path: '/profile', label: 'menu.profile', icon: <UserOutlined />, hosts: ['firm', 'public'] },
];

export function visibleNavItems(
  items: readonly NavItem[],
  { capabilities, hostKind }: { capabilities: readonly string[]; hostKind: HostKind },
): NavItem[] {
  return items.filter(
    (item) =>
      item.hosts.includes(hostKind) &&
      (!item.capabilities || item.capabilities.length === 0 || item.capabilities.some((c) => capabilities.includes(c))),
  );
}

/** The menu key for a location: the item whose path is the longest prefix of it. */
export function selectedNavKey(pathname: string, items: readonly NavItem[]): string | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
