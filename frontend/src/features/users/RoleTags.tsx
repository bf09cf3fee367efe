import { Space, Tag, Typography } from 'antd';
import type { Role } from '../../api/types';
import { dictionaries, useT, type MessageKey, type TFunction } from '../../i18n';

/** A role's name in the UI language; an unknown role shows its code. */
export function roleLabel(t: TFunction, role: string): string {
  const key = `role.${role}`;
  return key in dictionaries['zh-CN'] ? t(key as MessageKey) : role;
}

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const t = useT();
  if (!roles.length) return <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r, i) => (
        <Tag key={`${r.role}-${r.estate_id ?? ''}-${r.unit_id ?? ''}-${i}`} color="blue">
          {roleLabel(t, r.role)}
        </Tag>
      ))}
    </Space>
  );
}
