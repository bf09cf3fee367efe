import { Button, Popconfirm } from 'antd';
import type { Firm } from '../../api/types';
import { useT } from '../../i18n';
import { useFirmAction } from './useFirmAction';

export function FirmActions({ firm, size = 'small' }: { firm: Firm; size?: 'small' | 'middle' }) {
  const t = useT();
  const action = useFirmAction();
  const busy = action.isPending;
  if (firm.status === 'deleted') return null; // offboarded: nothing left to suspend or activate
  return firm.status === 'active' ? (
    <Popconfirm
      title={t('firms.suspendConfirm', { name: firm.name })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() => action.mutateAsync({ kind: 'suspend', firm }).catch(() => undefined)}
    >
      <Button size={size} danger loading={busy} data-testid={`suspend-${firm.slug}`}>
        {t('firms.suspend')}
      </Button>
    </Popconfirm>
  ) : (
    <Popconfirm
      title={t('firms.activateConfirm', { name: firm.name })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() => action.mutateAsync({ kind: 'activate', firm }).catch(() => undefined)}
    >
      <Button size={size} loading={busy} data-testid={`activate-${firm.slug}`}>
        {t('firms.activate')}
      </Button>
    </Popconfirm>
  );
}
