/**
 * The platform's billing console: every firm's plan and status, trials ending, failed
 * payments, monthly recurring revenue; per firm, the collection method (automatic or bank
 * transfer against invoices), recording a transfer received against an open invoice, and an
 * audited extension.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Space, Statistic, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatMoney } from '../../i18n/format';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { useExtend, usePlatformAccounts, usePlatformTotals, useRecordTransfer, useSetCollection } from '../billing/api';
import { yuan } from '../billing/BillingPage';
import type { BillingInvoice, PlatformAccount } from '../billing/types';

const planOf = (account: PlatformAccount) => account.price_lookup_key || 'linli_units_monthly';

type Dialog =
  | { kind: 'invoice'; account: PlatformAccount }
  | { kind: 'transfer'; invoice: BillingInvoice }
  | { kind: 'extend'; account: PlatformAccount }
  | null;

export default function BillingConsolePage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  useDocumentTitle(t('billing.platform.title'));
  const [page, setPage] = useState(1);
  const accounts = usePlatformAccounts(page);
  const totals = usePlatformTotals();
  const setCollection = useSetCollection();
  const record = useRecordTransfer();
  const extend = useExtend();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const done = () => {
    message.success(t('billing.platform.done'));
    setDialog(null);
    form.resetFields();
    void totals.refetch();
  };
  const fail = (error: unknown) => message.error(errorMessage(error, t));

  if (accounts.isError) return <LoadError error={accounts.error} onRetry={() => void accounts.refetch()} />;

  function submit(values: { days_until_due?: number; reference?: string; note?: string; until?: Dayjs }) {
    if (!dialog) return;
    if (dialog.kind === 'invoice') {
      setCollection.mutate(
        {
          id: dialog.account.id,
          body: { collection_method: 'send_invoice', days_until_due: values.days_until_due, price: planOf(dialog.account) },
        },
        { onSuccess: done, onError: fail },
      );
    } else if (dialog.kind === 'transfer') {
      record.mutate(
        { id: dialog.invoice.id, body: { reference: values.reference ?? '', note: values.note ?? '' } },
        { onSuccess: done, onError: fail },
      );
    } else {
      extend.mutate(
        { id: dialog.account.id, body: { until: values.until?.toISOString() ?? '', note: values.note ?? '' } },
        { onSuccess: done, onError: fail },
      );
    }
  }

  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('billing.platform.title')}</PageTitle>
      <Flex gap={16} wrap>
        <Card size="small">
          <Statistic
            title={t('billing.platform.mrr')}
            value={formatMoney(yuan(totals.data?.monthly_recurring_revenue ?? 0), locale)}
            data-testid="billing-mrr"
          />
        </Card>
        <Card size="small">
          <Statistic title={t('billing.platform.trials')} value={totals.data?.trials_ending_soon ?? 0} />
        </Card>
        <Card size="small">
          <Statistic title={t('billing.platform.pastDue')} value={totals.data?.past_due ?? 0} />
        </Card>
        <Card size="small">
          <Statistic title={t('billing.platform.locked')} value={totals.data?.locked ?? 0} />
        </Card>
      </Flex>
      <Table<PlatformAccount>
        data-testid="billing-accounts"
        rowKey="id"
        size="small"
        loading={accounts.isLoading}
        dataSource={accounts.data?.results ?? []}
        locale={{ emptyText: t('billing.platform.empty') }}
        pagination={{ current: page, pageSize: 50, total: accounts.data?.count ?? 0, onChange: setPage }}
        columns={[
          { title: t('billing.platform.firm'), render: (_, a) => `${a.firm_name} (${a.firm_slug})` },
          {
            title: t('billing.status'),
            render: (_, a) => (
              <Tag data-testid={`billing-account-status-${a.id}`} color={a.locked ? 'red' : undefined}>
                {t(`billing.status.${a.status}` as MessageKey)}
              </Tag>
            ),
          },
          {
            title: t('billing.collection'),
            render: (_, a) =>
              a.collection_method === 'send_invoice'
                ? t('billing.collection.send_invoice', { days: a.days_until_due ?? 30 })
                : t('billing.collection.charge_automatically'),
          },
          { title: t('billing.units'), dataIndex: 'units_counted' },
          { title: t('billing.platform.mrr'), render: (_, a) => formatMoney(yuan(a.monthly_amount), locale) },
          {
            title: t('billing.platform.openInvoices'),
            render: (_, a) => (
              <Space direction="vertical" size={4}>
                {a.open_invoices.map((invoice) => (
                  <Space key={invoice.id}>
                    <span>
                      {invoice.number} · {formatMoney(yuan(invoice.amount_remaining), locale)} ·{' '}
                      {formatDate(invoice.due_date, locale)}
                    </span>
                    <Button
                      size="small"
                      data-testid={`billing-record-${invoice.id}`}
                      onClick={() => setDialog({ kind: 'transfer', invoice })}
                    >
                      {t('billing.platform.record')}
                    </Button>
                  </Space>
                ))}
              </Space>
            ),
          },
          {
            title: t('billing.platform.actions'),
            render: (_, a) => (
              <Space wrap>
                {a.collection_method === 'send_invoice' ? (
                  <Button
                    size="small"
                    data-testid={`billing-charge-${a.id}`}
                    onClick={() =>
                      setCollection.mutate(
                        { id: a.id, body: { collection_method: 'charge_automatically', price: planOf(a) } },
                        { onSuccess: done, onError: fail },
                      )
                    }
                  >
                    {t('billing.platform.setCharge')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    data-testid={`billing-invoice-${a.id}`}
                    onClick={() => setDialog({ kind: 'invoice', account: a })}
                  >
                    {t('billing.platform.setInvoice')}
                  </Button>
                )}
                <Button
                  size="small"
                  data-testid={`billing-extend-${a.id}`}
                  onClick={() => setDialog({ kind: 'extend', account: a })}
                >
                  {t('billing.platform.extend')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        destroyOnHidden
        title={
          dialog?.kind === 'invoice'
            ? t('billing.platform.setInvoice')
            : dialog?.kind === 'transfer'
              ? t('billing.platform.record')
              : t('billing.platform.extend')
        }
        onCancel={() => setDialog(null)}
        footer={[
          <Button key="cancel" onClick={() => setDialog(null)}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            data-testid="billing-dialog-ok"
            loading={setCollection.isPending || record.isPending || extend.isPending}
            onClick={() => form.submit()}
          >
            {t('common.save')}
          </Button>,
        ]}
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {dialog?.kind === 'invoice' && (
            <Form.Item name="days_until_due" label={t('billing.platform.days')} rules={[{ required: true }]} initialValue={30}>
              <InputNumber min={1} max={365} data-testid="field-days_until_due" />
            </Form.Item>
          )}
          {dialog?.kind === 'transfer' && (
            <Form.Item name="reference" label={t('billing.platform.reference')} rules={[{ required: true }]}>
              <Input data-testid="field-reference" />
            </Form.Item>
          )}
          {dialog?.kind === 'extend' && (
            <Form.Item name="until" label={t('billing.platform.until')} rules={[{ required: true }]}>
              <DatePicker data-testid="field-until" />
            </Form.Item>
          )}
          {dialog?.kind !== 'invoice' && (
            <Form.Item
              name="note"
              label={t('billing.platform.note')}
              rules={dialog?.kind === 'extend' ? [{ required: true }] : []}
            >
              <Input data-testid="field-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
