import { Tag } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import type { FirmStatus, ProvisioningStatus } from '../../api/types';
import { useT } from '../../i18n';

export function FirmStatusTag({ status }: { status: FirmStatus }) {
  const t = useT();
  return (
    <Tag color={status === 'active' ? 'green' : 'red'} data-testid="firm-status" data-status={status}>
      {t(`firms.status.${status}`)}
    </Tag>
  );
}

export function ProvisioningTag({ status }: { status: ProvisioningStatus }) {
  const t = useT();
  const color = status === 'ready' ? 'green' : status === 'failed' ? 'red' : 'processing';
  return (
    <Tag color={color} icon={status === 'pending' ? <SyncOutlined spin /> : undefined} data-provisioning={status}>
      {t(`firms.provisioning.${status}`)}
    </Tag>
  );
}
