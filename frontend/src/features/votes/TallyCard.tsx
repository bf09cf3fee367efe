/**
 * Aggregates every reader of a vote sees (the firm too): participation against the vote's rule
 * (≥ 2/3 of area AND headcount by law, or stricter), each option's area and heads against the pass rule, and turnout per building
 * (where the committee should knock on doors). Never who voted what. A secret vote's option
 * counts are sealed until the close (the API sends none): two reads around a neighbour's ballot
 * would otherwise show their choice.
 */
import { Alert, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { useLocale, useT } from '../../i18n';
import { formatNumber, formatPercent } from '../../i18n/format';
import { ruleThreshold } from './rule';
import type { Vote, VoteTally } from './types';

function share(part: string | number, whole: string | number): number {
  const w = Number(whole);
  return w > 0 ? Number(part) / w : 0;
}

export function TallyCard({ vote, tally }: { vote: Vote; tally: VoteTally }) {
  const t = useT();
  const locale = useLocale();
  const decided = vote.status === 'published' || vote.status === 'closed';
  const options = (vote.options as string[]) ?? [];
  const special = vote.kind === 'special';
  return (
    <Card title={t(vote.status === 'published' ? 'votes.tally.result' : 'votes.tally.title')} data-testid="tally-card">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {decided && (
          <Tag
            color={tally.passed ? 'success' : 'error'}
            data-testid={tally.passed ? 'tally-passed' : 'tally-failed'}
            style={{ fontSize: '1.1em', padding: '4px 8px' }}
          >
            {tally.passed && tally.adopted !== null
              ? t('votes.tally.adopted', { option: options[tally.adopted] ?? '' })
              : t('votes.tally.failed')}
          </Tag>
        )}
        <Typography.Text type="secondary" data-testid="tally-rule">
          {tally.rule_text}
        </Typography.Text>
        <div data-testid="tally-turnout">
          <Typography.Text>
            {t('votes.tally.turnoutArea', {
              voted: formatNumber(tally.voted_area, locale),
              total: formatNumber(tally.electorate_area, locale),
            })}{' '}
            <Tag color={tally.turnout_area_met ? 'success' : 'default'}>
              {t(tally.turnout_area_met ? 'votes.tally.met' : 'votes.tally.notMet', {
                rule: ruleThreshold(vote.rule, 'turnout_area', special),
              })}
            </Tag>
          </Typography.Text>
          <Progress percent={Math.round(share(tally.voted_area, tally.electorate_area) * 1000) / 10} size="small" />
          <Typography.Text>
            {t('votes.tally.turnoutHeads', { voted: tally.voted_heads, total: tally.electorate_heads })}{' '}
            <Tag color={tally.turnout_heads_met ? 'success' : 'default'}>
              {t(tally.turnout_heads_met ? 'votes.tally.met' : 'votes.tally.notMet', {
                rule: ruleThreshold(vote.rule, 'turnout_heads', special),
              })}
            </Tag>
          </Typography.Text>
          <Progress percent={Math.round(share(tally.voted_heads, tally.electorate_heads) * 1000) / 10} size="small" />
          <Typography.Text strong data-testid={tally.quorum ? 'tally-quorum' : 'tally-no-quorum'}>
            {t(tally.quorum ? 'votes.tally.quorum' : 'votes.tally.noQuorum')}
          </Typography.Text>
        </div>
        {tally.sealed ? (
          <Alert type="info" showIcon data-testid="tally-sealed" title={t('votes.tally.sealed')} />
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey="index"
            data-testid="tally-options"
            dataSource={tally.options}
            scroll={{ x: true }}
            columns={[
              { title: t('votes.tally.option'), dataIndex: 'option' },
              {
                title: t('votes.tally.area'),
                render: (_: unknown, o) =>
                  `${formatNumber(o.area, locale)} (${formatPercent(share(o.area, tally.voted_area), locale)})`,
              },
              {
                title: t('votes.tally.heads'),
                render: (_: unknown, o) => `${o.heads} (${formatPercent(share(o.heads, tally.voted_heads), locale)})`,
              },
              {
                title: t('votes.tally.passes'),
                render: (_: unknown, o) => (o.passes ? <Tag color="success">✓</Tag> : null),
              },
            ]}
          />
        )}
        {tally.buildings.length > 0 && (
          <Descriptions
            title={t('votes.tally.buildings')}
            column={1}
            size="small"
            bordered
            data-testid="tally-buildings"
            items={tally.buildings.map((b) => ({
              key: String(b.building),
              label: b.building_name,
              children: (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <span>
                    {t('votes.tally.turnoutHeads', { voted: b.voted_heads, total: b.electorate_heads })} ·{' '}
                    {t('votes.tally.turnoutArea', {
                      voted: formatNumber(b.voted_area, locale),
                      total: formatNumber(b.electorate_area, locale),
                    })}
                  </span>
                  <Progress percent={Math.round(share(b.voted_heads, b.electorate_heads) * 1000) / 10} size="small" />
                </Space>
              ),
            }))}
          />
        )}
        {vote.result && (
          <Typography.Text type="secondary" copyable={{ text: vote.result.digest }} data-testid="tally-digest">
            {t('votes.tally.digest', { digest: `${vote.result.digest.slice(0, 16)}…` })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
