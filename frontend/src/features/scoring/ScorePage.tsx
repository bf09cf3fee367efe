/**
 * One published score and its explanation: the figure, the method version, the weights and
 * whether the platform defaults apply, every input with the counts behind it and its formula,
 * the sum that makes the score, the survey's dimensions, the trend, and how to verify it with
 * the export and `python3 tools/verify_score.py export.json` (standard library, offline).
 */
import { Alert, Button, Card, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { LoadError, NotFound } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { hasMessage, useLocale, useT } from '../../i18n';
import { exportUrl, useScore, useScores } from './api';
import { BarRow, TrendChart } from './charts';
import { ResultsPanel } from './ResultsPanel';
import { ScoreFigure, trendOf } from './ScoresPage';
import { INPUTS, type EstateScore, type InputKey, type ScoreInput } from './types';
import { inputLabel, usePeriod } from './ui';

export const VERIFY_COMMAND = 'python3 tools/verify_score.py export.json';

const cents = (value: string) => Math.round(Number(value) * 100);

/** Σ weight × score and Σ weight over the inputs that count (available, weight > 0), as the method sums them. */
export function weightedSum(score: Pick<EstateScore, 'inputs' | 'weights'>): { weighted: string; weights: number } {
  const weights = score.weights as unknown as Record<string, number>;
  let total = 0;
  let used = 0;
  for (const input of score.inputs) {
    const w = weights[input.key] ?? 0;
    if (!input.available || w <= 0 || input.score === null) continue;
    total += w * cents(input.score);
    used += w;
  }
  return { weighted: (total / 100).toFixed(2), weights: used };
}

function CountList({ input }: { input: ScoreInput }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Flex vertical gap={0} data-testid={`explain-counts-${input.key}`}>
      {Object.entries(input.counts).map(([k, v]) => {
        const key = `scoring.count.${k}`;
        const shown = v === null || v === undefined ? '—' : typeof v === 'number' ? formatNumber(v, locale, 2) : String(v);
        return (
          <Typography.Text key={k} style={{ whiteSpace: 'nowrap' }}>
            {hasMessage(key) ? t(key) : k}: {shown}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

export default function ScorePage() {
  const t = useT();
  const locale = useLocale();
  const period = usePeriod();
  const { id: raw } = useParams();
  const id = Number(raw);
  const valid = Number.isInteger(id) && id > 0;
  const score = useScore(valid ? id : 0);
  const history = useScores(score.data?.estate);
  useDocumentTitle(t('scoring.score.title'));
  if (!valid) return <NotFound />;
  if (score.isError) return <LoadError error={score.error} onRetry={() => void score.refetch()} />;
  if (!score.data) return <Skeleton active />;
  const s = score.data;
  const weights = s.weights as unknown as Record<string, number>;
  const sum = weightedSum(s);
  const inputs = [...s.inputs].sort((a, b) => INPUTS.indexOf(a.key as InputKey) - INPUTS.indexOf(b.key as InputKey));
  const reason = (i: ScoreInput) =>
    i.reason === 'no_data' || i.reason === 'supervision_absent' ? t(`scoring.reason.${i.reason}`) : i.reason;

  return (
    <Flex vertical gap={space.md} data-testid="score-page">
      <Link to={`/scoring/scores?estate=${s.estate}`} data-testid="score-back">
        <ArrowLeftOutlined aria-hidden /> {t('scoring.back')}
      </Link>
      <PageTitle>{t('scoring.score.title')}</PageTitle>
      <Card size="small">
        <Flex vertical gap={space.sm}>
          <Typography.Text type="secondary" data-testid="score-period">
            {period(s.period_start, s.period_end)}
          </Typography.Text>
          <ScoreFigure score={s} testId="score-value" />
          <Typography.Text type="secondary" data-testid="score-meta">
            {t('scoring.score.meta', { version: s.method_version, at: formatDateTime(s.published_at, locale) })}
          </Typography.Text>
          <Alert
            type={s.weights_source === 'default' ? 'warning' : 'success'}
            showIcon
            data-testid="score-weights-source"
            title={t(s.weights_source === 'default' ? 'scoring.score.defaultWeights' : 'scoring.score.agreedWeights')}
          />
          {!s.supervision_included && (
            <Alert type="info" showIcon data-testid="score-no-supervision" title={t('scoring.score.noSupervision')} />
          )}
        </Flex>
      </Card>

      <Card size="small" title={t('scoring.score.inputs')} data-testid="score-inputs">
        <Flex vertical gap={space.sm}>
          {inputs.map((i) =>
            i.available && i.score !== null ? (
              <BarRow
                key={i.key}
                label={inputLabel(t, i.key)}
                value={Number(i.score)}
                max={100}
                text={i.score}
                testId={`score-input-${i.key}`}
              />
            ) : (
              <Flex key={i.key} gap={space.sm} data-testid={`score-input-${i.key}`}>
                <Typography.Text style={{ width: '6em', flexShrink: 0 }}>{inputLabel(t, i.key)}</Typography.Text>
                <Typography.Text type="secondary">{reason(i)}</Typography.Text>
              </Flex>
            ),
          )}
        </Flex>
      </Card>

      {(history.data?.results.length ?? 0) > 1 && (
        <Card size="small" title={t('scoring.scores.trend')}>
          <TrendChart points={trendOf(history.data?.results ?? [])} label={t('scoring.scores.trend')} testId="score-trend" />
        </Card>
      )}

      <ResultsPanel surveyId={s.survey} />

      <Card size="small" title={t('scoring.explain.title')} data-testid="score-explain">
        <Flex vertical gap={space.md}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('scoring.explain.formula')}</Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            scroll={{ x: true }}
            dataSource={inputs}
            data-testid="explain-table"
            columns={[
              {
                key: 'input',
                title: t('scoring.explain.input'),
                render: (_, i) => (
                  <Flex vertical gap={2}>
                    <Typography.Text strong>{inputLabel(t, i.key)}</Typography.Text>
                    {(INPUTS as readonly string[]).includes(i.key) && (
                      <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                        {t(`scoring.formula.${i.key as InputKey}`)}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              { key: 'counts', title: t('scoring.explain.counts'), render: (_, i) => <CountList input={i} /> },
              { key: 'value', title: t('scoring.explain.value'), render: (_, i) => i.value ?? '—' },
              {
                key: 'score',
                title: t('scoring.explain.score'),
                render: (_, i) =>
                  i.available ? (
                    <span data-testid={`explain-score-${i.key}`}>{i.score}</span>
                  ) : (
                    <Tag data-testid={`explain-score-${i.key}`}>{reason(i)}</Tag>
                  ),
              },
              {
                key: 'weight',
                title: t('scoring.explain.weight'),
                render: (_, i) => <span data-testid={`explain-weight-${i.key}`}>{weights[i.key] ?? 0}</span>,
              },
            ]}
          />
          {s.score !== null && (
            <Typography.Text code data-testid="explain-sum">
              {t('scoring.explain.sum', { weighted: sum.weighted, weights: String(sum.weights), score: s.score })}
            </Typography.Text>
          )}
        </Flex>
      </Card>

      <Card size="small" title={t('scoring.verify.title')} data-testid="score-verify">
        <ol style={{ margin: 0, paddingInlineStart: '1.4em' }}>
          <li>
            <Flex vertical gap={space.xs} align="flex-start">
              <Typography.Text>{t('scoring.verify.step1')}</Typography.Text>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                href={exportUrl(s.id)}
                download={`score-${s.id}.json`}
                data-testid="score-export"
              >
                {t('scoring.verify.download')}
              </Button>
            </Flex>
          </li>
          <li>
            <Typography.Text>{t('scoring.verify.step2')}</Typography.Text>
            <Typography.Paragraph copyable={{ text: VERIFY_COMMAND }} style={{ margin: `${space.xs}px 0` }}>
              <Typography.Text code data-testid="score-verify-command">
                {VERIFY_COMMAND}
              </Typography.Text>
            </Typography.Paragraph>
          </li>
          <li>
            <Typography.Text>{t('scoring.verify.step3')}</Typography.Text>
          </li>
        </ol>
      </Card>
    </Flex>
  );
}
