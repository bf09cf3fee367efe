/**
 * Strings of the estates screens. Spread into the main dictionaries (src/i18n), so keys
 * must be prefixed 'estates.' and both languages must have the same keys (checked by the compiler).
 */
export const estatesZh = {
  'estates.title': '小区管理',
} as const satisfies Record<string, string>;

export const estatesEn: { readonly [K in keyof typeof estatesZh]: string } = {
  'estates.title': 'Estates',
};
