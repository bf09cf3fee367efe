/**
 * The owners' committee of the estate: members, positions and terms, readable by everyone who
 * sees the estate. With `estates.committee.manage`: seat a member (by e-mail: an account is
 * created and invited when there is none) and end a term early (resignation, recall).
 */
import { useState } from 'react';
import { App, Button, Flex, Form, Grid, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { hasCapability, useMe } from '../../../app/session';
import { LoadError } from '../../../app/StatusPages';
import { formatDate } from '../../../i18n/format';
import { useLocale, useT } from '../../../i18n';
import { emailRules, requiredRule, trimEmail } from '../../auth/rules';
import { addCommitteeMember, endCommitteeTerm, useCommittee, useEstatesMutation } from '../api';
import { positionLabel, todayIso } from '../labels';
import { POSITIONS, type CommitteeMembership, type CommitteePosition, type Estate } from '../types';
import { fill } from '../../../app/tokens';

/** A committee's term is usually five years (业主委员会每届任期不超过五年). */
function fiveYearsOn(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y) + 5}-${m}-${d === '29' && m === '02' ? '28' : d}`;
}

export function CommitteeTab({ estate }: { estate: Estate }) {
  const t = useT();
  const locale = useLocale();
  const { data: me } = useMe();
  const canManage = hasCapability(me, 'estates.committee.manage');
  const committee = useCommittee(estate.id);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<CommitteeMembership | null>(null);
  const narrow = Grid.useBreakpoint().sm === false;
  const term = (m: CommitteeMembership) => `${formatDate(m.term_start, locale)} – ${formatDate(m.term_end, locale)}`;
  const activeTag = (active: boolean) =>
    active ? <Tag color="green">{t('estates.committee.active')}</Tag> : <Tag>{t('estates.committee.inactive')}</Tag>;

  const columns: TableColumnsType<CommitteeMembership> = [
    {
      title: t('estates.committee.member'),
      key: 'member',
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{m.user_name || m.user_email}</Typography.Text>
          {m.user_name && (
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
              {m.user_email}
            </Typography.Text>
          )}
          {narrow && (
            <>
              <Typography.Text>{term(m)}</Typography.Text>
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Tag color="blue">{positionLabel(t, m.position)}</Tag>
                {activeTag(m.active)}
              </Space>
            </>
          )}
        </Space>
      ),
    },
    {
      title: t('estates.committee.position'),
      dataIndex: 'position',
      responsive: ['sm'],
      render: (p: CommitteePosition) => positionLabel(t, p),
    },
    { title: t('estates.committee.term'), key: 'term', responsive: ['sm'], render: (_, m) => term(m) },
    {
      title: t('estates.committee.status'),
      dataIndex: 'active',
      responsive: ['sm'],
      render: (active: boolean) => activeTag(active),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) =>
        m.active && (
          <Button size="small" danger data-testid={`end-term-${m.id}`} onClick={() => setEnding(m)}>
            {t('estates.committee.endTerm')}
          </Button>
        ),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      {canManage && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<UserAddOutlined />} data-testid="add-committee-member" onClick={() => setAdding(true)}>
            {t('estates.committee.add')}
          </Button>
        </Flex>
      )}
      {committee.isError ? (
        <LoadError error={committee.error} onRetry={() => committee.refetch()} />
      ) : (
        <Table<CommitteeMembership>
          rowKey="id"
          size="middle"
          data-testid="committee-table"
          columns={columns}
          dataSource={committee.data?.results ?? []}
          loading={committee.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.committee.empty') }}
          onRow={(m) => ({ 'data-testid': `committee-row-${m.id}` }) as Record<string, string>}
        />
      )}
      {adding && <AddMemberModal estate={estate} onClose={() => setAdding(false)} />}
      {ending && <EndTermModal membership={ending} onClose={() => setEnding(null)} />}
    </Space>
  );
}

interface MemberValues {
  email: string;
  full_name?: string;
  position: CommitteePosition;
  term_start: string;
  term_end: string;
}

function AddMemberModal({ estate, onClose }: { estate: Estate; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const add = useEstatesMutation(addCommitteeMember);
  const today = todayIso();
  const modal = useFormModal<MemberValues, CommitteeMembership>({
    submit: (values) =>
      add.mutateAsync({
        estate: estate.id,
        email: values.email.trim(),
        full_name: (values.full_name ?? '').trim(),
        position: values.position,
        term_start: values.term_start,
        term_end: values.term_end,
      }),
    reset: false,
    // No user picker here: a problem with the user is a problem with the e-mail given.
    aliases: { user: 'email' },
    onSuccess: (member) => {
      message.success(t('estates.committee.added', { name: member.user_name || member.user_email }));
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t('estates.committee.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={onClose}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'committee-submit' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('estates.committee.addHint')}</Typography.Paragraph>
      <FormFailure message={modal.failure} />
      <Form
        form={modal.form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ position: 'member', term_start: today, term_end: fiveYearsOn(today) }}
        onFinish={modal.submit}
      >
        <Form.Item
          name="email"
          label={t('estates.person.email')}
          normalize={trimEmail}
          rules={emailRules(t, 'estates.person.email')}
        >
          <Input data-testid="field-email" inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="full_name"
          label={t('estates.person.full_name')}
          extra={t('estates.committee.nameHint')}
          rules={[{ max: 100 }]}
        >
          <Input data-testid="field-full_name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="position"
          label={t('estates.committee.position')}
          rules={[requiredRule(t, 'estates.committee.position')]}
        >
          <Select data-testid="field-position" options={POSITIONS.map((p) => ({ value: p, label: positionLabel(t, p) }))} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="term_start"
            label={t('estates.committee.termStart')}
            rules={[requiredRule(t, 'estates.committee.termStart')]}
            style={{ flex: '1 1 160px' }}
          >
            <Input type="date" data-testid="field-term_start" />
          </Form.Item>
          <Form.Item
            name="term_end"
            label={t('estates.committee.termEnd')}
            dependencies={['term_start']}
            rules={[
              requiredRule(t, 'estates.committee.termEnd'),
              ({ getFieldValue }) => ({
                validator(_, value?: string) {
                  const start = getFieldValue('term_start') as string | undefined;
                  if (!value || !start || value >= start) return Promise.resolve();
                  return Promise.reject(new Error(t('estates.validation.termEnd')));
                },
              }),
            ]}
            style={{ flex: '1 1 160px' }}
          >
            <Input type="date" data-testid="field-term_end" />
          </Form.Item>
        </Flex>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

function EndTermModal({ membership, onClose }: { membership: CommitteeMembership; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const end = useEstatesMutation((on: string) => endCommitteeTerm(membership.id, on));
  const name = membership.user_name || membership.user_email;
  const modal = useFormModal<{ on: string }, CommitteeMembership>({
    submit: (values) => end.mutateAsync(values.on),
    reset: false,
    aliases: { term_end: 'on' },
    onSuccess: () => {
      message.success(t('estates.committee.ended', { name }));
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t('estates.committee.endTitle', { name })}
      okText={t('estates.committee.endTerm')}
      okButtonProps={{ danger: true, 'data-testid': 'end-term-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={onClose}
      confirmLoading={modal.submitting}
    >
      <Typography.Paragraph type="secondary">{t('estates.committee.endHint')}</Typography.Paragraph>
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" initialValues={{ on: todayIso() }} onFinish={modal.submit}>
        <Form.Item name="on" label={t('estates.committee.endOn')} rules={[requiredRule(t, 'estates.committee.endOn')]}>
          <Input type="date" data-testid="field-on" min={membership.term_start} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
