/**
 * Stands in for antd's Tabs inside antd's Card in the build (see vite.config.ts): no screen
 * gives a Card `tabList`, and the tab strip (with its overflow menu and dropdown) is a large
 * part of the Card's weight on a phone. A Card given tabs fails loudly instead of silently.
 */
export default function NoCardTabs(): never {
  throw new Error('antd Card `tabList` is not part of this build: use <Tabs> directly (vite.config.ts)');
}
