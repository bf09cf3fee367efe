/**
 * Public income (公共收益公示) of one estate: its statements, newest first, and the
 * maintenance fund. Residents see published statements; the firm drafts; the committee reviews.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Form, Input, List, Modal, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { hasCapability, useMe } from '../../app/session';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useCreateStatement, useFund, useStatements } from './api';
import { StatusTag, useEstate, useMoney } from './shared';
import type { Statement, StatementBody, StatementDetail } from './types';

function NewStatementModal({ estate, open, onClose }: { estate: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateStatement();
  const modal = useFormModal<Omit<StatementBody, 'estate'>, StatementDetail>({
    submit: (values) => create.mutateAsync({ ...values, estate }),
    onSuccess: (statement) => navigate(`/disclosure/statements/${statement.id}`),
  });
  return (
    <Modal
      open={open}
      title={t('disclosure.statements.new')}
      onOk={modal.submit}
      okButtonProps={{ 'data-testid': 'statement-save' }}
      confirmLoading={modal.submitting}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      destroyOnHidden
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" initialValues={{ kind: 'monthly' }} onFinish={modal.submit}>
        <Form.Item name="kind" label={t('disclosure.field.statementKind')} rules={[{ required: true }]}>
          <Select
            data-testid="field-kind"
            options={(['monthly', 'quarterly'] as const).map((k) => ({ value: k, label: t(`disclosure.statementKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="period_start" label={t('disclosure.field.periodStart')} rules={[{ required: true }]}>
          <Input type="date" data-testid="field-period_start" />
        </Form.Item>
        <Form.Item name="note" label={t('disclosure.field.note')}>
          <Input.TextArea rows={2} data-testid="field-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FundCard({ estate }: { estate: number }) {
  const t = useT();
  const money = useMoney();
  const fund = useFund(estate);
  const balance = fund.data?.balance;
  return (
    <Card title={t('disclosure.fund.title')} loading={fund.isPending} data-testid="fund-card">
      <Space size={space.lg} wrap>
        <Statistic title={t('disclosure.fund.balance')} value={money(balance?.balance)} />
        <Statistic title={t('disclosure.fund.in')} value={money(balance?.in_total)} />
        <Statistic title={t('disclosure.fund.used')} value={money(balance?.used_total)} />
      </Space>
      <List
        size="small"
        data-testid="fund-movements"
        dataSource={fund.data?.movements ?? []}
        locale={{ emptyText: t('disclosure.fund.none') }}
        renderItem={(m) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <span>
                {m.occurred_on} · {t(`disclosure.fund.kind.${m.kind}` as MessageKey)} · {m.kind === 'use' ? '−' : ''}
                {money(m.amount)}
              </span>
              {m.decision_title && (
                <Typography.Text type="secondary">{t('disclosure.fund.decision', { title: m.decision_title })}</Typography.Text>
              )}
              {m.description && <Typography.Text type="secondary">{m.description}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export default function StatementsPage() {
  const t = useT();
  useDocumentTitle(t('disclosure.statements.title'));
  const { data: me } = useMe();
  const keeps = hasCapability(me, 'disclosure.keep');
  const [estate, setEstate] = useEstate();
  const [adding, setAdding] = useState(false);
  const statements = useStatements(estate);

  const columns: ColumnsType<Statement> = [
    {
      title: t('disclosure.field.period'),
      render: (_: unknown, s) => (
        <Link to={`/disclosure/statements/${s.id}`} data-testid={`statement-${s.id}`}>
          {t('disclosure.statement.period', { start: s.period_start, end: s.period_end })}
        </Link>
      ),
    },
    {
      title: t('disclosure.field.statementKind'),
      dataIndex: 'kind',
      render: (k: string) => t(`disclosure.statementKind.${k}` as MessageKey),
    },
    {
      title: t('disclosure.field.status'),
      dataIndex: 'status',
      render: (s: string) => <StatusTag status={s} kind="statement" />,
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('disclosure.statements.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('disclosure.statements.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="disclosure-estate" />
        {keeps && estate !== undefined && (
          <Button type="primary" data-testid="statement-new" onClick={() => setAdding(true)}>
            {t('disclosure.statements.new')}
          </Button>
        )}
      </Space>
      <Row gutter={[space.md, space.md]}>
        <Col xs={24} xl={16}>
          <Card>
            <Table<Statement>
              rowKey="id"
              size="small"
              data-testid="statements-table"
              loading={statements.isPending && estate !== undefined}
              dataSource={statements.data?.results ?? []}
              columns={columns}
              locale={{ emptyText: t('disclosure.statements.empty') }}
              pagination={false}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {estate !== undefined && <FundCard estate={estate} />}
        </Col>
      </Row>
      {estate !== undefined && <NewStatementModal estate={estate} open={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
