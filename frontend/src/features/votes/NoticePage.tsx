/**
 * The printable notice of a vote (表决公告) for the estate's notice boards: the question, its
 * options, the rule, the voting window and a QR code that opens the vote on an owner's phone.
 */
import { useParams } from 'react-router';
import { Button, QRCode, Space, Typography } from 'antd';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useVote } from './api';

export default function NoticePage() {
  const t = useT();
  const locale = useLocale();
  const id = Number(useParams().id);
  const vote = useVote(id);
  useDocumentTitle(vote.data?.title ?? t('votes.list.title'));
  if (vote.isError) return <LoadError error={vote.error} onRetry={() => void vote.refetch()} />;
  const v = vote.data;
  if (!v) return null;
  const link = `${window.location.origin}/votes/${v.id}`;
  return (
    <div data-testid="vote-notice-page" style={{ maxWidth: 720, margin: '0 auto' }}>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {t('votes.list.title')}
      </Typography.Title>
      <Typography.Title level={3}>{v.title}</Typography.Title>
      <Typography.Paragraph>
        {t(`votes.kind.${v.kind}` as MessageKey)} · {t(`votes.matter.${v.matter}` as MessageKey)}
      </Typography.Paragraph>
      {v.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.body}</Typography.Paragraph>}
      <ol>
        {((v.options as string[]) ?? []).map((o, i) => (
          <li key={i}>{o}</li>
        ))}
      </ol>
      <Typography.Paragraph>
        {t('votes.detail.rule')}：{v.rule_text}
      </Typography.Paragraph>
      <Typography.Paragraph strong>
        {t('votes.detail.window')}：{formatDateTime(v.opens_at, locale)} – {formatDateTime(v.closes_at, locale)}
      </Typography.Paragraph>
      <Space direction="vertical" align="center" style={{ width: '100%' }}>
        <QRCode value={link} type="svg" size={220} errorLevel="M" data-testid="vote-qr" bordered={false} />
        <Typography.Text type="secondary">{link}</Typography.Text>
        <Button className="no-print" onClick={() => window.print()} data-testid="notice-print">
          {t('votes.notice.print')}
        </Button>
      </Space>
    </div>
  );
}
