/**
 * The platform console's card on a firm's page: offboard the firm (suspended at once; its export
 * and one archive per estate for the committee then written by a task, which the card follows
 * until they are there), follow the grace period, and delete the firm's
 * data once it is over (tenants.offboarding). A firm without an offboarding answers 404 here.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Firm, Offboarding } from '../../api/types';
import { API_BASE, isApiError } from '../../api/client';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { deleteOffboardedFirm, firmQueryKey, firmsQueryKey, getOffboarding, offboardingQueryKey, startOffboarding } from './api';

export const GRACE_DAYS = 30;
const STATUS_COLOUR: Record<Offboarding['status'], string> = { writing: 'processing', ready: 'success', failed: 'error' };
const POLL_MS = 3000;

function useOffboarding(firmId: number) {
  return useQuery({
    queryKey: offboardingQueryKey(firmId),
    queryFn: async ({ signal }) => {
      try {
        return await getOffboarding(firmId, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null; // not offboarding
        throw error;
      }
    },
    // the archives are written by a task after the start: ask again until they are there
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'writing' || status === 'failed' ? POLL_MS : false;
    },
  });
}

export function FirmOffboardingCard({ firm, now = () => new Date() }: { firm: Firm; now?: () => Date }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const offboarding = useOffboarding(firm.id);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');

  const done = (record: Offboarding) => {
    queryClient.setQueryData(offboardingQueryKey(firm.id), record);
    void queryClient.invalidateQueries({ queryKey: firmQueryKey(firm.id) });
    void queryClient.invalidateQueries({ queryKey: firmsQueryKey() });
  };
  const start = useMutation({
    mutationFn: () => startOffboarding(firm.id, { reason: reason.trim(), grace_days: GRACE_DAYS }),
    onSuccess: (record) => {
      done(record);
      setAsking(false);
      message.success(t('offboarding.started', { name: firm.name }));
    },
    onError: (error) => message.error(errorMessage(error, t)),
  });
  const erase = useMutation({
    mutationFn: () => deleteOffboardedFirm(firm.id),
    onSuccess: (record) => {
      done(record);
      message.success(t('offboarding.deleted', { name: firm.name }));
    },
    onError: (error) => message.error(errorMessage(error, t)),
  });

  if (offboarding.isPending || offboarding.isError) return null;
  const record = offboarding.data;

  if (record === null) {
    if (firm.provisioning_status !== 'ready' || firm.status === 'deleted') return null;
    return (
      <Card title={t('offboarding.title')}>
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('offboarding.explain', { days: GRACE_DAYS })}</Typography.Text>
          <Button danger onClick={() => setAsking(true)} data-testid="offboard">
            {t('offboarding.start')}
          </Button>
        </Space>
        <Modal
          open={asking}
          title={t('offboarding.confirmTitle', { name: firm.name })}
          okText={t('offboarding.start')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'offboard-confirm' }}
          confirmLoading={start.isPending}
          onOk={() => start.mutate()}
          onCancel={() => setAsking(false)}
        >
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('offboarding.reason')}
            maxLength={2000}
            rows={3}
            data-testid="offboard-reason"
          />
        </Modal>
      </Card>
    );
  }

  const ready = record.status === 'ready';
  const graceOver = now() >= new Date(record.grace_until);
  return (
    <Card title={t('offboarding.title')} data-testid="offboarding">
      <Descriptions
        column={1}
        items={[
          { key: 'reason', label: t('offboarding.reason'), children: record.reason },
          { key: 'started', label: t('offboarding.startedAt'), children: formatDateTime(record.started_at, locale) },
          {
            key: 'grace',
            label: t('offboarding.graceUntil'),
            children: <span data-testid="grace-until">{formatDateTime(record.grace_until, locale)}</span>,
          },
          {
            key: 'status',
            label: t('offboarding.archives'),
            children: (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLOUR[record.status]} data-testid="offboarding-status" data-status={record.status}>
                  {t(`offboarding.status.${record.status}`)}
                </Tag>
                {record.status === 'failed' && record.error && (
                  <Typography.Text type="danger" data-testid="offboarding-error">
                    {record.error}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(ready
            ? [
                {
                  key: 'firm',
                  label: t('offboarding.firmArchive'),
                  children: (
                    <a
                      href={`${API_BASE}platform/firms/${firm.id}/offboarding/firm-archive/`}
                      download
                      data-testid="download-firm"
                    >
                      <code>{record.firm_archive?.sha256}</code>
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      {ready && (
        <List
          header={t('offboarding.handovers')}
          size="small"
          dataSource={record.handovers}
          rowKey={(h) => h.estate_id}
          renderItem={(h) => (
            <List.Item data-testid={`handover-${h.estate_code}`}>
              <Space orientation="vertical" size={0}>
                <a
                  href={`${API_BASE}platform/firms/${firm.id}/offboarding/handovers/${h.estate_id}/`}
                  download
                  data-testid={`download-${h.estate_code}`}
                >
                  {h.estate_name}（{h.estate_code}）
                </a>
                <code>{h.sha256}</code>
              </Space>
            </List.Item>
          )}
        />
      )}
      {record.deletion ? (
        <Typography.Paragraph data-testid="offboarding-deleted">
          {t('offboarding.deletedAt', {
            at: formatDateTime(record.deletion.deleted_at, locale),
            by: record.deletion.deleted_by_email || t('offboarding.operator'),
          })}
        </Typography.Paragraph>
      ) : (
        <Popconfirm
          title={t('offboarding.deleteConfirm', { name: firm.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          disabled={!graceOver || !ready}
          onConfirm={() => erase.mutateAsync().catch(() => undefined)}
        >
          <Button danger disabled={!graceOver || !ready} loading={erase.isPending} data-testid="offboard-delete">
            {!ready ? t('offboarding.deleteAfterArchives') : graceOver ? t('offboarding.delete') : t('offboarding.deleteLater')}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}
