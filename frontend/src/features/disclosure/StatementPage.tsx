/**
 * One statement (公示报表): its frozen totals, the split with its warnings, the committee's
 * queries (质询) and the firm's answers, the lines it covers, and "verify": the server
 * recomputes the estate's hash chain and compares it with the statement's head and the
 * platform's witnessed head. The chain export is what `tools/verify_ledger.py` checks offline.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  List,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { errorMessage } from '../../app/errors';
import { LoadError, NotFound } from '../../app/StatusPages';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey, type TFunction } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { isApiError } from '../../api/client';
import { useEstateChoices } from '../estates/api';
import { PAGE_SIZE, useStatement, useStatementAction, useStatementLines, useVerify } from './api';
import { StatusTag, categoryKey, useMoney } from './shared';
import type { Line, StatementDetail, Verification } from './types';

type Summary = StatementDetail['summary'];

function warningText(t: TFunction, w: { code: string; actual?: string; limit?: string }): string {
  const key = `disclosure.warning.${w.code}` as MessageKey;
  return t(key, { actual: w.actual ?? '', limit: w.limit ?? '' });
}

/** Amounts per category as horizontal bars (plain CSS, no chart library), each with its figure. */
function CategoryBars({
  rows,
  money,
  colour,
  testId,
}: {
  rows: Record<string, string>;
  money: (v: string) => string;
  colour: string;
  testId: string;
}) {
  const t = useT();
  const entries = Object.entries(rows);
  const max = Math.max(0.01, ...entries.map(([, amount]) => Number(amount)));
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid={testId}>
      {entries.map(([code, amount]) => (
        <div key={code} style={{ marginBottom: space.sm }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: space.sm }}>
            <span>{t(categoryKey(code))}</span>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{money(amount)}</span>
          </div>
          <div style={{ background: '#f0f0f0', height: 8, borderRadius: 4 }}>
            <div style={{ width: `${(Number(amount) / max) * 100}%`, background: colour, height: 8, borderRadius: 4 }} />
          </div>
        </div>
      ))}
    </div>
  );
}

function Figures({ summary }: { summary: Summary }) {
  const t = useT();
  const money = useMoney();
  if (!summary.income_total) return <Alert type="info" showIcon message={t('disclosure.statement.notFrozen')} />;
  const split = summary.split as Record<string, string | null> | null | undefined;
  return (
    <Space direction="vertical" size={space.md} style={{ width: '100%' }}>
      <Space size={space.lg} wrap data-testid="statement-totals">
        <Statistic title={t('disclosure.statement.income')} value={money(summary.income_total)} />
        <Statistic title={t('disclosure.statement.expense')} value={money(summary.expense_total)} />
        <Statistic title={t('disclosure.statement.net')} value={money(summary.net)} />
      </Space>
      {(summary.warnings ?? []).map((w) => (
        <Alert key={w.code} type="warning" showIcon data-testid={`warning-${w.code}`} message={warningText(t, w)} />
      ))}
      <Row gutter={[space.md, space.md]}>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('disclosure.kind.income')}</Typography.Title>
          <CategoryBars rows={summary.income_by_category ?? {}} money={money} colour="#52c41a" testId="income-bars" />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('disclosure.kind.expense')}</Typography.Title>
          <CategoryBars rows={summary.expense_by_category ?? {}} money={money} colour="#fa8c16" testId="expense-bars" />
        </Col>
      </Row>
      {split && (
        <Descriptions
          title={t('disclosure.statement.split')}
          column={{ xs: 1, md: 2 }}
          size="small"
          bordered
          data-testid="statement-split"
        >
          <Descriptions.Item label={t('disclosure.statement.split.firm')}>{money(split.firm_cost ?? '0')}</Descriptions.Item>
          <Descriptions.Item label={t('disclosure.statement.split.owners')}>{money(split.owners ?? '0')}</Descriptions.Item>
          <Descriptions.Item label={t('disclosure.statement.reinvestment')}>
            {money(summary.reinvestment ?? '0')} {split.reinvestment_pct != null && `(${split.reinvestment_pct}%)`}
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosure.statement.staffCost')}>
            {money(summary.staff_cost ?? '0')} {split.staff_cost_pct != null && `(${split.staff_cost_pct}%)`}
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosure.statement.fundTransfer')}>
            {money(summary.maintenance_fund_transfer ?? '0')}{' '}
            {split.maintenance_fund_pct != null && `(${split.maintenance_fund_pct}%)`}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}

function VerifyResult({ result }: { result: Verification }) {
  const t = useT();
  let message: string;
  if (result.first_mismatch) message = t('disclosure.verify.failed', { seq: result.first_mismatch.seq });
  else if (result.gap_at != null) message = t('disclosure.verify.failed', { seq: result.gap_at });
  else if (!result.statement_matches) message = t('disclosure.verify.headMismatch');
  else if (result.witness_matches === false) message = t('disclosure.verify.witnessMismatch');
  else if (result.witness_matches == null) message = t('disclosure.verify.noWitness', { count: result.checked });
  else message = t('disclosure.verify.ok', { count: result.checked });
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      data-testid={result.ok ? 'verify-ok' : 'verify-failed'}
      message={message}
      description={
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('disclosure.verify.recomputed')}>
            <Typography.Text code copyable data-testid="verify-recomputed">
              {result.recomputed_head}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosure.verify.statementHead')}>
            <Typography.Text code>{result.statement_head}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosure.verify.witnessHead')}>
            <Typography.Text code>{result.witness_head ?? '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosure.verify.from')}>
            <span data-testid="verify-from">
              {result.from_seq > 0
                ? t('disclosure.verify.fromCheckpoint', { seq: result.from_seq, count: result.checked })
                : t('disclosure.verify.fromGenesis', { count: result.checked })}
            </span>
          </Descriptions.Item>
        </Descriptions>
      }
    />
  );
}

function Queries({ statement }: { statement: StatementDetail }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const act = useStatementAction(statement.id);
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  const canAsk = statement.actions.includes('query');
  const canAnswer = statement.actions.includes('answer');
  return (
    <Card title={t('disclosure.query.title')} data-testid="queries">
      <List
        dataSource={statement.queries}
        locale={{ emptyText: t('disclosure.query.none') }}
        renderItem={(q) => (
          <List.Item data-testid={`query-${q.id}`}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{q.question}</Typography.Text>
              <Typography.Text type="secondary">
                {t('disclosure.query.by', { name: q.raised_by_name, time: formatDateTime(q.raised_at, locale) })}
              </Typography.Text>
              {q.answered_at ? (
                <Typography.Paragraph data-testid={`answer-${q.id}`}>
                  {t('disclosure.query.answer')}：{q.answer}
                </Typography.Paragraph>
              ) : canAnswer ? (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    data-testid={`field-answer-${q.id}`}
                    placeholder={t('disclosure.query.answerPlaceholder')}
                    value={answers[q.id] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })}
                  />
                  <Button
                    data-testid={`answer-send-${q.id}`}
                    disabled={!(answers[q.id] ?? '').trim()}
                    onClick={() =>
                      act.mutateAsync({ path: `queries/${q.id}/answer/`, body: { answer: answers[q.id].trim() } }).catch(fail)
                    }
                  >
                    {t('disclosure.query.answer')}
                  </Button>
                </Space.Compact>
              ) : (
                <Tag>{t('disclosure.query.unanswered')}</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
      {canAsk && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            rows={2}
            data-testid="field-question"
            placeholder={t('disclosure.query.question')}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
          />
          <Button
            data-testid="query-send"
            disabled={!question.trim()}
            onClick={() =>
              act.mutateAsync({ path: 'queries/', body: { question: question.trim() } }).then(() => setQuestion(''), fail)
            }
          >
            {t('disclosure.query.ask')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function Lines({ statement }: { statement: StatementDetail }) {
  const t = useT();
  const money = useMoney();
  const [page, setPage] = useState(1);
  const lines = useStatementLines(statement.id, page, true);
  const columns: ColumnsType<Line> = [
    { title: t('disclosure.field.seq'), dataIndex: 'seq', width: 70 },
    { title: t('disclosure.field.date'), dataIndex: 'occurred_on', width: 110 },
    {
      title: t('disclosure.field.category'),
      dataIndex: 'category',
      render: (c: string, line) => (
        <Space size={space.xs} wrap>
          {t(categoryKey(c))}
          {line.reverses_seq != null && <Tag>{t('disclosure.ledger.reverses', { seq: line.reverses_seq })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('disclosure.field.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (a: string, line) => (line.kind === 'expense' ? `−${money(a)}` : money(a)),
    },
    { title: t('disclosure.field.counterparty'), dataIndex: 'counterparty', responsive: ['md'] },
  ];
  return (
    <Card title={t('disclosure.statement.lines', { count: lines.data?.count ?? 0 })}>
      <Table<Line>
        rowKey="id"
        size="small"
        data-testid="statement-lines"
        loading={lines.isPending}
        dataSource={lines.data?.results ?? []}
        columns={columns}
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
  );
}

export default function StatementPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const statement = useStatement(id);
  const estates = useEstateChoices();
  const act = useStatementAction(id);
  const verify = useVerify(id);
  const s = statement.data;
  const estateName = estates.data?.find((e) => e.id === s?.estate)?.name ?? '';
  const kindLabel = s ? t(`disclosure.statementKind.${s.kind}` as MessageKey) : '';
  useDocumentTitle(
    s ? t('disclosure.statement.title', { estate: estateName, kind: kindLabel }) : t('disclosure.statements.title'),
  );
  const fail = (e: unknown) => message.error(errorMessage(e, t));

  if (statement.isError) {
    return isApiError(statement.error) && statement.error.status === 404 ? (
      <NotFound />
    ) : (
      <LoadError error={statement.error} onRetry={() => void statement.refetch()} />
    );
  }
  if (!s) return <Card loading />;
  return (
    <>
      <Typography.Title level={3} data-testid="statement-title">
        {t('disclosure.statement.title', { estate: estateName, kind: kindLabel })}
      </Typography.Title>
      <Space style={gapBelow} wrap>
        <Typography.Text>{t('disclosure.statement.period', { start: s.period_start, end: s.period_end })}</Typography.Text>
        <StatusTag status={s.status} kind="statement" />
        {s.published_at ? (
          <Typography.Text type="secondary">
            {t('disclosure.statement.publishedAt', { time: formatDateTime(s.published_at, locale) })}
          </Typography.Text>
        ) : s.publish_due_at ? (
          <Typography.Text type="secondary">
            {t('disclosure.statement.publishDue', { time: formatDateTime(s.publish_due_at, locale) })}
          </Typography.Text>
        ) : null}
      </Space>
      <Space style={gapBelow} wrap>
        {s.actions.includes('submit') && (
          <Button
            type="primary"
            data-testid="statement-submit"
            loading={act.isPending}
            onClick={() => act.mutateAsync({ path: 'submit/' }).catch(fail)}
          >
            {t('disclosure.statement.submit')}
          </Button>
        )}
        {s.actions.includes('sign_off') && (
          <Popconfirm
            title={t('disclosure.statement.signOffConfirm')}
            okButtonProps={{ 'data-testid': 'sign-off-confirm' }}
            onConfirm={() => act.mutateAsync({ path: 'sign-off/' }).catch(fail)}
          >
            <Button type="primary" data-testid="statement-sign-off">
              {t('disclosure.statement.signOff')}
            </Button>
          </Popconfirm>
        )}
        {s.actions.includes('verify') && (
          <Button data-testid="statement-verify" loading={verify.isPending} onClick={() => verify.mutateAsync().catch(fail)}>
            {t('disclosure.statement.verify')}
          </Button>
        )}
        {s.head_seq != null && (
          <>
            <Typography.Link href={`/api/v1/statements/${s.id}/pdf/`} data-testid="statement-pdf">
              {t('disclosure.statement.pdf')}
            </Typography.Link>
            <Typography.Link href={`/api/v1/statements/${s.id}/xlsx/`} data-testid="statement-xlsx">
              {t('disclosure.statement.xlsx')}
            </Typography.Link>
            <Typography.Link href={`/api/v1/statements/${s.id}/chain/`} data-testid="statement-chain">
              {t('disclosure.statement.download')}
            </Typography.Link>
          </>
        )}
      </Space>
      {verify.data && (
        <div style={gapBelow}>
          <VerifyResult result={verify.data} />
        </div>
      )}
      {s.head_hash && (
        <Typography.Paragraph type="secondary">
          {t('disclosure.field.head')}:{' '}
          <Typography.Text code data-testid="statement-head">
            {s.head_hash}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <Row gutter={[space.md, space.md]}>
        <Col xs={24} xl={16}>
          <Card>
            <Figures summary={s.summary} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Queries statement={s} />
        </Col>
        <Col span={24}>
          <Lines statement={s} />
        </Col>
      </Row>
    </>
  );
}
