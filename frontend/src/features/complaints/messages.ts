/**
 * Strings of the complaints screens. Spread into the main dictionaries (src/i18n), so keys
 * must be prefixed 'complaints.' and both languages must have the same keys (checked by the compiler).
 */
export const complaintsZh = {
  'complaints.title': '投诉报修',
} as const satisfies Record<string, string>;

export const complaintsEn: { readonly [K in keyof typeof complaintsZh]: string } = {
  'complaints.title': 'Requests',
};
