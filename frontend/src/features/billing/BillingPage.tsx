/**
 * 账单: the firm's plan and status, the units counted and billed, the next invoice estimate,
 * the invoices (with PDF links), Checkout and Portal buttons, and the invoicing (开票) details
 * for the fapiao, which is issued outside Stripe.
 */
import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Input, Skeleton, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { applyFieldErrors } from '../../api/formErrors';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { useBillingSummary, useCheckout, useInvoices, usePortal, useSaveInvoicing } from './api';
import type { BillingInvoice, InvoicingDetails } from './types';

const FAPIAO_FIELDS = [
  'fapiao_title',
  'fapiao_tax_id',
  'fapiao_address',
  'fapiao_phone',
  'fapiao_bank',
  'fapiao_bank_account',
  'fapiao_email',
] as const satisfies readonly (keyof InvoicingDetails)[];

const INVOICE_STATUSES = new Set(['draft', 'open', 'paid', 'uncollectible', 'void']);
const LIVE = new Set(['trialing', 'active', 'past_due', 'unpaid', 'incomplete', 'paused']);
const SUMMARY_POLL_MS = 2000;

/** Stripe amounts are in fen. */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);

export default function BillingPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const justPaid = params.get('checkout') === 'done';
  useDocumentTitle(t('billing.title'));
  const summary = useBillingSummary();
  const invoices = useInvoices();
  const checkout = useCheckout();
  const portal = usePortal();
  const save = useSaveInvoicing();
  const [form] = Form.useForm<InvoicingDetails>();
  const data = summary.data;
  const waiting = justPaid && data !== undefined && !LIVE.has(data.status);
  const { refetch } = summary;

  // back from Checkout: the webhook lands within seconds; ask again until the state moves
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void refetch(), SUMMARY_POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting, refetch]);

  useEffect(() => {
    if (data) form.setFieldsValue(data.invoicing);
  }, [data, form]);

  if (summary.isError) return <LoadError error={summary.error} onRetry={() => void summary.refetch()} />;
  if (!data) return <Skeleton active />;

  const subscribed = LIVE.has(data.status);
  const fail = (error: unknown) => message.error(errorMessage(error, t));
  const planKey = (data.plan ? `billing.plan.${data.plan}` : 'billing.plan.none') as MessageKey;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960, margin: '0 auto', width: '100%' }}>
      <PageTitle>{t('billing.title')}</PageTitle>
      {justPaid && <Typography.Text data-testid="billing-checkout-done">{t('billing.checkoutDone')}</Typography.Text>}
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('billing.status')}>
            <Tag
              data-testid="billing-status"
              data-status={data.status}
              color={data.standing.locked ? 'red' : subscribed ? 'green' : 'default'}
            >
              {t(`billing.status.${data.status}` as MessageKey)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('billing.plan')}>
            <span data-testid="billing-plan">{t(planKey)}</span>
          </Descriptions.Item>
          {data.status === 'none' && data.trial_ends_at && (
            <Descriptions.Item label={t('billing.trialEnds')}>{formatDate(data.trial_ends_at, locale)}</Descriptions.Item>
          )}
          {data.current_period_end && (
            <Descriptions.Item label={data.status === 'trialing' ? t('billing.trialEnds') : t('billing.periodEnd')}>
              {formatDate(data.current_period_end, locale)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('billing.units')}>
            <div data-testid="billing-units">
              {t('billing.unitsCounted', { count: data.units_counted, at: formatDateTime(data.units_counted_at, locale) })}
            </div>
            <Typography.Text type="secondary" data-testid="billing-quantity">
              {data.quantity_sent !== null && data.quantity_sent_at
                ? t('billing.quantitySent', { count: data.quantity_sent, at: formatDateTime(data.quantity_sent_at, locale) })
                : t('billing.quantityNotSent')}
            </Typography.Text>
          </Descriptions.Item>
          {data.next_invoice_estimate !== null && (
            <Descriptions.Item label={t('billing.estimate')}>
              <span data-testid="billing-estimate">{formatMoney(yuan(data.next_invoice_estimate), locale)}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('billing.collection')}>
            {data.collection_method === 'send_invoice'
              ? t('billing.collection.send_invoice', { days: data.days_until_due ?? 30 })
              : t('billing.collection.charge_automatically')}
          </Descriptions.Item>
        </Descriptions>
        <Flex gap={8} wrap style={{ marginTop: 16 }}>
          {!subscribed &&
            data.prices.map((price) => (
              <Button
                key={price.lookup_key}
                type="primary"
                data-testid={`billing-subscribe-${price.interval}`}
                loading={checkout.isPending && checkout.variables?.price === price.lookup_key}
                onClick={() => checkout.mutate({ price: price.lookup_key }, { onError: fail })}
              >
                {price.interval === 'year' ? t('billing.subscribeYearly') : t('billing.subscribeMonthly')}
              </Button>
            ))}
          {data.has_customer && (
            <Button
              data-testid="billing-portal"
              loading={portal.isPending}
              onClick={() => portal.mutate(undefined, { onError: fail })}
            >
              {t('billing.portal')}
            </Button>
          )}
        </Flex>
      </Card>

      <Card title={t('billing.invoices')}>
        <Table<BillingInvoice>
          data-testid="billing-invoices"
          rowKey="id"
          size="small"
          pagination={false}
          loading={invoices.isLoading}
          dataSource={invoices.data?.results ?? []}
          locale={{ emptyText: t('billing.invoices.empty') }}
          columns={[
            { title: t('billing.invoice.number'), dataIndex: 'number' },
            {
              title: t('billing.invoice.amount'),
              render: (_, row) => formatMoney(yuan(row.amount_due), locale),
            },
            {
              title: t('billing.invoice.status'),
              render: (_, row) => (
                <>
                  {INVOICE_STATUSES.has(row.status) ? t(`billing.invoice.status.${row.status}` as MessageKey) : row.status}
                  {row.paid_out_of_band && <Tag style={{ marginInlineStart: 8 }}>{t('billing.invoice.paidOutOfBand')}</Tag>}
                </>
              ),
            },
            { title: t('billing.invoice.due'), render: (_, row) => formatDate(row.due_date, locale) },
            {
              title: t('billing.invoice.pdf'),
              render: (_, row) =>
                row.invoice_pdf ? (
                  <a href={row.invoice_pdf} target="_blank" rel="noreferrer" data-testid={`billing-invoice-pdf-${row.id}`}>
                    PDF
                  </a>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card title={t('billing.invoicing')}>
        <Typography.Paragraph type="secondary">{t('billing.invoicing.hint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            save.mutate(values, {
              onSuccess: () => message.success(t('billing.invoicing.saved')),
              onError: (error) => {
                if (applyFieldErrors(form, error).mapped.length === 0) fail(error);
              },
            })
          }
        >
          {FAPIAO_FIELDS.map((name) => (
            <Form.Item key={name} name={name} label={t(`billing.invoicing.${name}` as MessageKey)}>
              <Input data-testid={`field-${name}`} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="billing-invoicing-save">
            {t('billing.invoicing.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
