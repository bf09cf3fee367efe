/**
 * The estate's score weights (评分权重): the set in force and whether it is the platform's
 * default or one both sides signed; the pending proposal with each side's signature and a
 * "签署" for the side that has not signed; a new proposal (whole numbers summing to 100, the
 * proposer's signature included); the earlier proposals. Either side may propose.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Skeleton, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useProposeWeights, useSignWeights, useWeightHistory, useWeightsInForce } from './api';
import { DEFAULT_WEIGHTS, INPUTS, type WeightAgreement, type Weights } from './types';
import { inputLabel } from './ui';

type Side = 'firm' | 'committee';

function Signatures({ agreement }: { agreement: WeightAgreement }) {
  const t = useT();
  const locale = useLocale();
  const line = (side: Side, at: string | null) =>
    at
      ? t('scoring.weights.signed', { side: t(`scoring.side.${side}`), at: formatDateTime(at, locale) })
      : t('scoring.weights.unsigned', { side: t(`scoring.side.${side}`) });
  return (
    <Flex vertical gap={2}>
      <Typography.Text data-testid="weights-sig-firm" type={agreement.firm_signed_at ? undefined : 'warning'}>
        {line('firm', agreement.firm_signed_at)}
      </Typography.Text>
      <Typography.Text data-testid="weights-sig-committee" type={agreement.committee_signed_at ? undefined : 'warning'}>
        {line('committee', agreement.committee_signed_at)}
      </Typography.Text>
    </Flex>
  );
}

function ProposeForm({ estate, start }: { estate: number; start: Weights }) {
  const t = useT();
  const { message } = App.useApp();
  const propose = useProposeWeights();
  const [values, setValues] = useState<Weights>(start);
  const sum = INPUTS.reduce((a, k) => a + (values[k] ?? 0), 0);
  return (
    <Flex vertical gap={space.sm} data-testid="weights-propose">
      {propose.isError && <Alert type="error" showIcon title={errorMessage(propose.error, t)} data-testid="weights-error" />}
      {INPUTS.map((k) => (
        <Flex key={k} align="center" gap={space.sm}>
          <Typography.Text style={{ width: '8em' }}>{inputLabel(t, k)}</Typography.Text>
          <InputNumber
            min={0}
            max={100}
            precision={0}
            value={values[k]}
            aria-label={inputLabel(t, k)}
            data-testid={`weights-field-${k}`}
            onChange={(v) => setValues((w) => ({ ...w, [k]: typeof v === 'number' ? v : 0 }))}
          />
        </Flex>
      ))}
      <Typography.Text type={sum === 100 ? 'secondary' : 'danger'} data-testid="weights-sum">
        {t('scoring.weights.sum', { sum })}
        {sum !== 100 && ` · ${t('scoring.weights.sumBad')}`}
      </Typography.Text>
      <Button
        type="primary"
        disabled={sum !== 100}
        loading={propose.isPending}
        data-testid="weights-propose-submit"
        style={{ alignSelf: 'flex-start' }}
        onClick={() =>
          propose.mutate({ estate, weights: values }, { onSuccess: () => void message.success(t('scoring.weights.proposed')) })
        }
      >
        {t('scoring.weights.proposeSubmit')}
      </Button>
    </Flex>
  );
}

export default function WeightsPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  useDocumentTitle(t('scoring.weights.title'));
  const { data: me } = useMe();
  const mySide: Side = hasCapability(me, 'scoring.draft') ? 'firm' : 'committee';
  const [estate, setEstate] = useState<number | undefined>();
  const current = useWeightsInForce(estate);
  const history = useWeightHistory(estate);
  const sign = useSignWeights();
  const c = current.data;
  const pending = c?.pending ?? null;
  const mineSigned = pending ? (mySide === 'firm' ? pending.firm_signed_at : pending.committee_signed_at) : null;

  return (
    <Flex vertical gap={space.md} style={{ maxWidth: 880 }}>
      <PageTitle>{t('scoring.weights.title')}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('scoring.weights.intro')}
      </Typography.Paragraph>
      <EstatePicker value={estate} onChange={setEstate} testId="scoring-estate" />
      {current.isError ? (
        <LoadError error={current.error} onRetry={() => void current.refetch()} />
      ) : !c ? (
        <Skeleton active />
      ) : (
        <>
          <Card
            size="small"
            title={t('scoring.weights.inForce')}
            extra={
              <Tag color={c.source === 'agreed' ? 'green' : 'default'} data-testid="weights-source">
                {t(c.source === 'agreed' ? 'scoring.weights.source.agreed' : 'scoring.weights.source.default')}
              </Tag>
            }
          >
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              data-testid="weights-in-force"
              dataSource={INPUTS.map((k) => ({ key: k, weight: c.weights[k], fallback: DEFAULT_WEIGHTS[k] }))}
              columns={[
                { key: 'input', title: t('scoring.explain.input'), render: (_, r) => inputLabel(t, r.key) },
                {
                  key: 'weight',
                  title: t('scoring.explain.weight'),
                  render: (_, r) => <span data-testid={`weights-now-${r.key}`}>{r.weight}</span>,
                },
                { key: 'default', title: t('scoring.weights.source.default'), dataIndex: 'fallback' },
              ]}
            />
          </Card>

          {pending && (
            <Card size="small" title={t('scoring.weights.pending')} data-testid="weights-pending">
              <Flex vertical gap={space.sm}>
                <Typography.Text>
                  {t('scoring.weights.proposedBy', { side: t(`scoring.side.${pending.proposed_by_side}`) })}
                </Typography.Text>
                <Flex wrap gap={space.sm}>
                  {INPUTS.map((k) => (
                    <Tag key={k} data-testid={`weights-pending-${k}`}>
                      {inputLabel(t, k)} {pending.weights[k]}
                    </Tag>
                  ))}
                </Flex>
                <Signatures agreement={pending} />
                {sign.isError && (
                  <Alert type="error" showIcon title={errorMessage(sign.error, t)} data-testid="weights-sign-error" />
                )}
                {!mineSigned && (
                  <Button
                    type="primary"
                    loading={sign.isPending}
                    data-testid="weights-sign"
                    style={{ alignSelf: 'flex-start' }}
                    onClick={() =>
                      sign.mutate(pending.id, { onSuccess: () => void message.success(t('scoring.weights.signedOk')) })
                    }
                  >
                    {t('scoring.weights.sign')}
                  </Button>
                )}
              </Flex>
            </Card>
          )}

          <Card size="small" title={t('scoring.weights.propose')}>
            {estate !== undefined && <ProposeForm key={`${estate}-${c.agreement ?? 0}`} estate={estate} start={c.weights} />}
          </Card>

          <Card size="small" title={t('scoring.weights.history')}>
            {(history.data?.results.length ?? 0) === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                scroll={{ x: true }}
                data-testid="weights-history"
                dataSource={history.data?.results ?? []}
                columns={[
                  { key: 'at', title: '', render: (_, a) => formatDateTime(a.created_at, locale) },
                  {
                    key: 'status',
                    title: '',
                    render: (_, a) =>
                      a.status === 'agreed' || a.status === 'pending' || a.status === 'superseded' ? (
                        <Tag>{t(`scoring.weights.status.${a.status}`)}</Tag>
                      ) : (
                        a.status
                      ),
                  },
                  ...INPUTS.map((k) => ({
                    key: k,
                    title: inputLabel(t, k),
                    render: (_: unknown, a: WeightAgreement) => a.weights[k],
                  })),
                ]}
              />
            )}
          </Card>
        </>
      )}
    </Flex>
  );
}
