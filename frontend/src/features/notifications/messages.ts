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
  'notifications.smsTitle': '紧急通知短信提醒',
  'notifications.smsHint': '诉求超时、收益报表公示等紧急通知，同时发短信到您的手机。',
  'notifications.smsNoPhone': '您的账号还没有手机号，无法接收短信。',
  'notifications.smsOn': '已开启短信提醒',
  'notifications.smsOff': '已关闭短信提醒',
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
  'notifications.smsTitle': 'Urgent notices by SMS',
  'notifications.smsHint': 'Overdue requests, published statements and other urgent notices also go to your phone by SMS.',
  'notifications.smsNoPhone': 'Your account has no phone number, so no SMS can be sent.',
  'notifications.smsOn': 'SMS alerts on',
  'notifications.smsOff': 'SMS alerts off',
  'notifications.markRead': 'Mark read',
  'notifications.allRead': 'All marked read',
  'notifications.empty': 'No messages',
};
