/**
 * The firm's public-income ledger (公共收益台账): lines of one estate, newest first. Drafts are
 * posted (then never change) or deleted; a posted line is corrected by a reversing line. The
 * split rules of the estate sit beside it. Readers without `disclosure.keep` see no buttons.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMe, hasCapability } from '../../app/session';
import { errorMessage } from '../../app/errors';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useAttach, useCreateLine, useDeleteLine, useLines, usePostLine, useReverseLine, PAGE_SIZE } from './api';
import { SplitRuleCard } from './SplitRuleCard';
import { EXPENSE_CATEGORIES, INCOME_CATEGORIES, StatusTag, categoryKey, useEstate, useMoney } from './shared';
import type { Line, LineBody } from './types';

type LineValues = Omit<LineBody, 'amount'> & { amount: string };

function NewLineModal({ estate, open, onClose }: { estate: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const create = useCreateLine();
  const modal = useFormModal<LineValues, Line>({
    submit: (values) => create.mutateAsync({ ...values, estate }),
    onSuccess: () => {
      void message.success(t('disclosure.ledger.saved'));
      onClose();
    },
  });
  const kind = Form.useWatch('kind', modal.form) ?? 'income';
  const categories = kind === 'income' ? INCOME_CATEGORIES : EXPENSE_CATEGORIES;
  return (
    <Modal
      open={open}
      title={t('disclosure.ledger.new')}
      onOk={modal.submit}
      okButtonProps={{ 'data-testid': 'line-save' }}
      confirmLoading={modal.submitting}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      destroyOnHidden
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" initialValues={{ kind: 'income' }} onFinish={modal.submit}>
        <Form.Item name="kind" label={t('disclosure.field.kind')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="field-kind"
            onChange={() => modal.form.setFieldValue('category', undefined)}
            options={[
              { value: 'income', label: t('disclosure.kind.income') },
              { value: 'expense', label: t('disclosure.kind.expense') },
            ]}
          />
        </Form.Item>
        <Form.Item name="category" label={t('disclosure.field.category')} rules={[{ required: true }]}>
          <Select data-testid="field-category" options={categories.map((c) => ({ value: c, label: t(categoryKey(c)) }))} />
        </Form.Item>
        <Form.Item name="occurred_on" label={t('disclosure.field.date')} rules={[{ required: true }]}>
          <Input type="date" data-testid="field-occurred_on" />
        </Form.Item>
        <Form.Item name="amount" label={t('disclosure.field.amount')} rules={[{ required: true }]}>
          <InputNumber<string>
            stringMode
            min="0.01"
            step="0.01"
            precision={2}
            style={{ width: '100%' }}
            data-testid="field-amount"
          />
        </Form.Item>
        <Form.Item name="counterparty" label={t('disclosure.field.counterparty')}>
          <Input data-testid="field-counterparty" maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('disclosure.field.description')}>
          <Input.TextArea data-testid="field-description" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Attach a contract or a receipt to a draft (before posting: attachments are hashed with it). */
function AttachButton({ line, kind }: { line: Line; kind: 'contract' | 'receipt' }) {
  const t = useT();
  const { message } = App.useApp();
  const attach = useAttach();
  return (
    <Upload
      showUploadList={false}
      accept=".pdf,.jpg,.jpeg,.png"
      customRequest={({ file, onSuccess, onError }) =>
        attach
          .mutateAsync({ id: line.id, kind, file: file as File })
          .then((r) => onSuccess?.(r))
          .catch((e: unknown) => {
            void message.error(errorMessage(e, t));
            onError?.(e as Error);
          })
      }
    >
      <Button size="small" data-testid={`attach-${kind}-${line.id}`}>
        {t(kind === 'contract' ? 'disclosure.ledger.attachContract' : 'disclosure.ledger.attachReceipt')}
      </Button>
    </Upload>
  );
}

function Attachments({ line }: { line: Line }) {
  const t = useT();
  if (line.attachments.length === 0) return null;
  return (
    <Space size={space.xs} wrap>
      {line.attachments.map((a) => (
        <Typography.Link
          key={a.id}
          href={`/api/v1/disclosure/lines/${line.id}/attachments/${a.id}/`}
          data-testid={`attachment-${a.id}`}
        >
          {t(
            a.kind === 'contract'
              ? 'disclosure.attachment.contract'
              : a.kind === 'receipt'
                ? 'disclosure.attachment.receipt'
                : 'disclosure.attachment.other',
          )}
        </Typography.Link>
      ))}
    </Space>
  );
}

function ReverseButton({ line }: { line: Line }) {
  const t = useT();
  const { message } = App.useApp();
  const reverse = useReverseLine();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={t('disclosure.ledger.reverseReason')}
      description={<Input data-testid="field-reverse-description" value={reason} onChange={(e) => setReason(e.target.value)} />}
      okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'reverse-confirm' }}
      onConfirm={() =>
        reverse.mutateAsync({ id: line.id, description: reason.trim() }).catch((e: unknown) => message.error(errorMessage(e, t)))
      }
    >
      <Button size="small" data-testid={`reverse-${line.seq}`}>
        {t('disclosure.ledger.reverse')}
      </Button>
    </Popconfirm>
  );
}

export default function LedgerPage() {
  const t = useT();
  useDocumentTitle(t('disclosure.ledger.title'));
  const { message } = App.useApp();
  const money = useMoney();
  const { data: me } = useMe();
  const keeps = hasCapability(me, 'disclosure.keep');
  const [estate, setEstate] = useEstate();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const lines = useLines(estate, page);
  const post = usePostLine();
  const remove = useDeleteLine();
  const fail = (e: unknown) => message.error(errorMessage(e, t));

  const columns: ColumnsType<Line> = [
    { title: t('disclosure.field.seq'), dataIndex: 'seq', width: 70, render: (seq: number | null) => seq ?? '—' },
    { title: t('disclosure.field.date'), dataIndex: 'occurred_on', width: 110 },
    {
      title: t('disclosure.field.category'),
      dataIndex: 'category',
      render: (c: string, line) => (
        <Space size={space.xs} wrap>
          <Tag color={line.kind === 'income' ? 'green' : 'orange'}>
            {t(line.kind === 'income' ? 'disclosure.kind.income' : 'disclosure.kind.expense')}
          </Tag>
          {t(categoryKey(c))}
          {line.reverses_seq != null && <Tag>{t('disclosure.ledger.reverses', { seq: line.reverses_seq })}</Tag>}
          {line.reversed_by != null && <Tag color="red">{t('disclosure.ledger.reversedBy')}</Tag>}
        </Space>
      ),
    },
    { title: t('disclosure.field.amount'), dataIndex: 'amount', align: 'right', render: (a: string) => money(a) },
    { title: t('disclosure.field.counterparty'), dataIndex: 'counterparty', responsive: ['md'] },
    { title: t('disclosure.field.attachments'), key: 'attachments', render: (_: unknown, line) => <Attachments line={line} /> },
    { title: t('disclosure.field.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} kind="line" /> },
  ];
  if (keeps) {
    columns.push({
      key: 'actions',
      render: (_: unknown, line) =>
        line.status === 'draft' ? (
          <Space size={space.xs}>
            <Button
              size="small"
              type="primary"
              data-testid={`post-${line.id}`}
              onClick={() => post.mutateAsync(line.id).then(() => message.success(t('disclosure.ledger.posted')), fail)}
            >
              {t('disclosure.ledger.post')}
            </Button>
            <AttachButton line={line} kind="contract" />
            <AttachButton line={line} kind="receipt" />
            <Button size="small" danger data-testid={`delete-${line.id}`} onClick={() => remove.mutateAsync(line.id).catch(fail)}>
              {t('disclosure.ledger.delete')}
            </Button>
          </Space>
        ) : line.reversed_by == null && line.reverses_seq == null ? (
          <ReverseButton line={line} />
        ) : null,
    });
  }

  return (
    <>
      <Typography.Title level={3}>{t('disclosure.ledger.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('disclosure.ledger.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker
          value={estate}
          onChange={(e) => {
            setEstate(e);
            setPage(1);
          }}
          testId="disclosure-estate"
        />
        {keeps && estate !== undefined && (
          <Button type="primary" data-testid="line-new" onClick={() => setAdding(true)}>
            {t('disclosure.ledger.new')}
          </Button>
        )}
      </Space>
      <Row gutter={[space.md, space.md]}>
        <Col xs={24} xl={16}>
          <Card>
            <Table<Line>
              rowKey="id"
              size="small"
              data-testid="ledger-table"
              loading={lines.isPending && estate !== undefined}
              dataSource={lines.data?.results ?? []}
              columns={columns}
              locale={{ emptyText: t('disclosure.ledger.empty') }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: lines.data?.count ?? 0,
                onChange: setPage,
                showSizeChanger: false,
              }}
              scroll={{ x: true }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {estate !== undefined && <SplitRuleCard estate={estate} editable={keeps} />}
        </Col>
      </Row>
      {estate !== undefined && <NewLineModal estate={estate} open={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
