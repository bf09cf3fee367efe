/**
 * Residents' claims to a unit, sent from the join QR code: approve (the person is linked and
 * invited) or reject with a note. Needs `estates.join.review`. When people on record share the
 * claim's phone (`candidates`), the approver compares them side by side and chooses: a phone
 * alone never makes two people one.
 */
import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { errorMessage } from '../../../app/errors';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { LoadError } from '../../../app/StatusPages';
import { formatDateTime } from '../../../i18n/format';
import { useLocale, useT } from '../../../i18n';
import {
  approveJoinRequest,
  PAGE_SIZE,
  rejectJoinRequest,
  useEstatesMutation,
  useJoinRequests,
  type JoinRequestFilters,
} from '../api';
import { joinStatusLabel, relationLabel } from '../labels';
import { JOIN_STATUSES, type Estate, type JoinRequest, type JoinStatus } from '../types';
import { fill } from '../../../app/tokens';

const STATUS_COLOURS: Record<JoinStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export function JoinRequestsTab({ estate }: { estate: Estate }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<JoinRequestFilters>({ status: 'pending', page: 1 });
  const [rejecting, setRejecting] = useState<JoinRequest | null>(null);
  const [matching, setMatching] = useState<JoinRequest | null>(null);
  const requests = useJoinRequests(estate.id, filters);
  const approve = useEstatesMutation((id: number) => approveJoinRequest(id));

  const columns: TableColumnsType<JoinRequest> = [
    {
      title: t('estates.join.applicant'),
      key: 'who',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.full_name}</Typography.Text>
          <Typography.Text type="secondary">{r.phone}</Typography.Text>
          <Typography.Text type="secondary">{r.email}</Typography.Text>
        </Space>
      ),
    },
    { title: t('estates.join.unit'), dataIndex: 'unit_label' },
    { title: t('estates.join.relation'), dataIndex: 'relation', render: (rel: JoinRequest['relation']) => relationLabel(t, rel) },
    {
      title: t('estates.join.submitted'),
      dataIndex: 'created_at',
      responsive: ['md'],
      render: (d: string) => formatDateTime(d, locale),
    },
    {
      title: t('estates.join.status'),
      dataIndex: 'status',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOURS[r.status]}>{joinStatusLabel(t, r.status)}</Tag>
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' && (
          <Space wrap size={4}>
            {r.candidates.length > 0 ? (
              <Button size="small" type="primary" data-testid={`approve-${r.id}`} onClick={() => setMatching(r)}>
                {t('estates.join.approve')}
              </Button>
            ) : (
              <Popconfirm
                title={t('estates.join.approveConfirm', { name: r.full_name, unit: r.unit_label })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  approve
                    .mutateAsync(r.id)
                    .then(() => message.success(t('estates.join.approved', { name: r.full_name })))
                    .catch((error: unknown) => message.error(errorMessage(error, t)))
                }
              >
                <Button size="small" type="primary" data-testid={`approve-${r.id}`}>
                  {t('estates.join.approve')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" danger data-testid={`reject-${r.id}`} onClick={() => setRejecting(r)}>
              {t('estates.join.reject')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Radio.Group
        data-testid="join-status-filter"
        optionType="button"
        value={filters.status ?? ''}
        onChange={(e) => setFilters({ status: e.target.value as JoinStatus | '', page: 1 })}
        options={[
          ...JOIN_STATUSES.map((s) => ({ value: s, label: joinStatusLabel(t, s) })),
          { value: '', label: t('estates.join.all') },
        ]}
      />
      {requests.isError ? (
        <LoadError error={requests.error} onRetry={() => requests.refetch()} />
      ) : (
        <Table<JoinRequest>
          rowKey="id"
          size="middle"
          data-testid="join-requests-table"
          columns={columns}
          dataSource={requests.data?.results ?? []}
          loading={requests.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.join.empty') }}
          onRow={(r) => ({ 'data-testid': `join-request-${r.id}` }) as Record<string, string>}
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: requests.data?.count ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      {rejecting && <RejectModal request={rejecting} onClose={() => setRejecting(null)} />}
      {matching && <MatchModal request={matching} onClose={() => setMatching(null)} />}
    </Space>
  );
}

/** The claim next to the people on record with its phone; the approver picks one or "new". */
function MatchModal({ request, onClose }: { request: JoinRequest; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [person, setPerson] = useState<number>(0); // 0: a new person (the safe default)
  const [failure, setFailure] = useState<string | null>(null);
  const approve = useEstatesMutation((choice: number | null) => approveJoinRequest(request.id, choice));

  async function submit() {
    setFailure(null);
    try {
      await approve.mutateAsync(person === 0 ? null : person);
      message.success(t('estates.join.approved', { name: request.full_name }));
      onClose();
    } catch (error) {
      setFailure(errorMessage(error, t));
    }
  }

  return (
    <Modal
      open
      title={t('estates.join.matchTitle', { name: request.full_name })}
      okText={t('estates.join.approve')}
      okButtonProps={{ 'data-testid': 'approve-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={approve.isPending}
    >
      <FormFailure message={failure} />
      <Descriptions size="small" column={1} title={t('estates.join.claim')}>
        <Descriptions.Item label={t('estates.join.applicant')}>{request.full_name}</Descriptions.Item>
        <Descriptions.Item label={t('estates.join.unit')}>{request.unit_label}</Descriptions.Item>
        <Descriptions.Item label={t('estates.join.relation')}>{relationLabel(t, request.relation)}</Descriptions.Item>
        <Descriptions.Item>{`${request.phone} · ${request.email}`}</Descriptions.Item>
      </Descriptions>
      <Radio.Group data-testid="join-candidates" value={person} onChange={(e) => setPerson(e.target.value as number)}>
        <Space orientation="vertical">
          {request.candidates.map((c) => (
            <Radio key={c.id} value={c.id} data-testid={`candidate-${c.id}`}>
              {[c.full_name, c.phone, c.unit_labels.join('、')].filter(Boolean).join(' · ')}
            </Radio>
          ))}
          <Radio value={0} data-testid="candidate-new">
            {t('estates.join.newPerson')}
          </Radio>
        </Space>
      </Radio.Group>
    </Modal>
  );
}

function RejectModal({ request, onClose }: { request: JoinRequest; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reject = useEstatesMutation((note: string) => rejectJoinRequest(request.id, note));
  const modal = useFormModal<{ note?: string }, JoinRequest>({
    submit: ({ note }) => reject.mutateAsync((note ?? '').trim()),
    reset: false,
    onSuccess: () => {
      message.success(t('estates.join.rejected', { name: request.full_name }));
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t('estates.join.rejectTitle', { name: request.full_name, unit: request.unit_label })}
      okText={t('estates.join.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'reject-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={onClose}
      confirmLoading={modal.submitting}
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" onFinish={modal.submit}>
        <Form.Item name="note" label={t('estates.join.note')} extra={t('estates.join.noteHint')} rules={[{ max: 200 }]}>
          <Input.TextArea data-testid="field-note" rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
