/**
 * Strings of the inbox (the header's bell and the messages page). Spread into the main
 * dictionaries (src/i18n), so keys are prefixed 'notifications.' and both languages have the
 * same keys (checked by the compiler).
 */
export const notificationsZh = {
  'notifications.nav': '消息',
  'notifications.title': '消息',
  'notifications.bellUnread': '消息，{count} 条未读',
  'notifications.all': '全部',
  'notifications.unreadOnly': '未读（{count}）',
  'notifications.unread': '未读',
  'notifications.markAll': '全部标为已读',
  'notifications.markRead': '标为已读',
  'notifications.allRead': '已全部标为已读',
  'notifications.empty': '没有消息',
} as const satisfies Record<string, string>;

export const notificationsEn: { readonly [K in keyof typeof notificationsZh]: string } = {
  'notifications.nav': 'Messages',
  'notifications.title': 'Messages',
  'notifications.bellUnread': 'Messages, {count} unread',
  'notifications.all': 'All',
  'notifications.unreadOnly': 'Unread ({count})',
  'notifications.unread': 'Unread',
  'notifications.markAll': 'Mark all read',
  'notifications.markRead': 'Mark read',
  'notifications.allRead': 'All marked read',
  'notifications.empty': 'No messages',
};
