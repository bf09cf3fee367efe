/**
 * The votes of one estate (业主大会表决), newest first: owners see the announced, open and
 * published ones; the committee also its drafts and may start a new vote.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, List, Space, Typography } from 'antd';
import { useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { gapBelow, largeText } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { EstatePicker } from '../complaints/EstatePicker';
import { useVotes } from './api';
import { VoteStatusTag, isCommitteeOf } from './shared';

export default function VotesPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('votes.list.title'));
  const { data: me } = useMe();
  const [estate, setEstate] = useState<number | undefined>(undefined);
  const votes = useVotes(estate);
  const committee = isCommitteeOf(me, estate);

  return (
    <div>
      <Space wrap style={gapBelow} align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('votes.list.title')}
        </Typography.Title>
        <EstatePicker value={estate} onChange={setEstate} testId="votes-estate" />
        {committee && estate !== undefined && (
          <Link to={`/votes/new?estate=${estate}`}>
            <Button type="primary" data-testid="vote-new">
              {t('votes.list.new')}
            </Button>
          </Link>
        )}
      </Space>
      {votes.isError ? (
        <LoadError error={votes.error} onRetry={() => void votes.refetch()} />
      ) : (
        <List
          data-testid="votes-list"
          loading={votes.isPending && estate !== undefined}
          dataSource={votes.data ?? []}
          locale={{ emptyText: t('votes.list.none') }}
          renderItem={(v) => (
            <List.Item>
              <Card style={{ width: '100%' }} size="small">
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Link to={`/votes/${v.id}`} data-testid={`vote-${v.id}`} style={largeText}>
                    {v.title}
                  </Link>
                  <Space wrap size={4}>
                    <VoteStatusTag status={v.status} />
                    <Typography.Text type="secondary">{t(`votes.kind.${v.kind}` as MessageKey)}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">
                    {t('votes.list.window', {
                      opens: formatDateTime(v.opens_at, locale),
                      closes: formatDateTime(v.closes_at, locale),
                    })}
                  </Typography.Text>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
