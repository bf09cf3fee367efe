/**
 * The estates screens: routes (inside the logged-in layout), public routes (no login) and side-menu
 * entries. router.tsx and menu.tsx include these lists; this feature owns them.
 */
import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/menu';

export const estatesRoutes: RouteObject[] = [];

export const estatesPublicRoutes: RouteObject[] = [];

export const estatesNav: NavItem[] = [];
