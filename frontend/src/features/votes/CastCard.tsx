/**
 * An owner's ballot in three steps: the vote is open on screen, pick an option, confirm. The
 * answer is a receipt code (copyable) that later proves the ballot was counted; where the vote
 * allows it the owner may change the ballot until the close.
 */
import { useState } from 'react';
import { Alert, Button, Card, Modal, Radio, Select, Space, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { largeText } from '../../app/tokens';
import { useT } from '../../i18n';
import { useCast } from './api';
import type { CastResult, Vote } from './types';

export function CastCard({ vote }: { vote: Vote }) {
  const t = useT();
  const options = (vote.options as string[]) ?? [];
  const [elector, setElector] = useState<number | undefined>(vote.mine[0]?.id);
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [receipt, setReceipt] = useState<CastResult | null>(null);
  const [editing, setEditing] = useState(false);
  const cast = useCast(vote.id);
  const canCast = vote.actions.includes('cast');
  const mine = vote.mine.find((m) => m.id === elector) ?? vote.mine[0];
  if (!mine) return null;
  const voted = mine.choice !== null;
  const showPicker = canCast && (!voted || editing) && !receipt;

  const submit = () => {
    if (choice === undefined) return;
    cast.mutate(
      { choice, elector: mine.id },
      {
        onSuccess: (r) => {
          setReceipt(r);
          setConfirming(false);
          setEditing(false);
        },
        onError: () => setConfirming(false),
      },
    );
  };

  return (
    <Card title={t('votes.cast.title')} data-testid="cast-card">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {vote.mine.length > 1 ? (
          <Select<number>
            data-testid="cast-elector"
            value={mine.id}
            onChange={(v) => {
              setElector(v);
              setReceipt(null);
              setChoice(undefined);
            }}
            options={vote.mine.map((m) => ({ value: m.id, label: `${m.unit_labels}（${m.area} ㎡）` }))}
          />
        ) : (
          <Typography.Text>{t('votes.cast.unit', { units: mine.unit_labels, area: mine.area })}</Typography.Text>
        )}
        {cast.isError && <Alert type="error" showIcon title={errorMessage(cast.error, t)} data-testid="cast-error" />}
        {receipt && (
          <Alert
            type="success"
            showIcon
            data-testid="cast-done"
            title={t('votes.cast.done')}
            description={
              <Space direction="vertical" size={4}>
                <span>{t('votes.cast.receipt')}</span>
                <Typography.Text copyable code strong style={largeText} data-testid="cast-receipt">
                  {receipt.receipt}
                </Typography.Text>
                <Typography.Text type="secondary">{t('votes.cast.receiptHint')}</Typography.Text>
              </Space>
            }
          />
        )}
        {!receipt && voted && (
          <Space direction="vertical" size={4} data-testid="cast-voted">
            <Typography.Text strong>
              {t('votes.cast.voted', { channel: t(mine.channel === 'paper' ? 'votes.channel.paper' : 'votes.channel.online') })}
            </Typography.Text>
            {mine.choice !== null && (
              <Typography.Text>{t('votes.cast.yourChoice', { option: options[mine.choice] ?? '' })}</Typography.Text>
            )}
            {mine.receipt && (
              <Space wrap size={4}>
                <span>{t('votes.cast.receipt')}</span>
                <Typography.Text copyable code data-testid="my-receipt">
                  {mine.receipt}
                </Typography.Text>
              </Space>
            )}
          </Space>
        )}
        {!voted && !canCast && !receipt && <Typography.Text type="secondary">{t('votes.cast.notVoted')}</Typography.Text>}
        {showPicker && (
          <>
            <Typography.Text strong>{t('votes.cast.pick')}</Typography.Text>
            <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as number)} style={{ width: '100%' }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {options.map((o, i) => (
                  // the larger text sits on the option's words: on the radio itself, 1.05em would be
                  // of the group's font size, which antd sets to 0 (the words came out at 0 px)
                  <Radio key={i} value={i} data-testid={`cast-option-${i}`} style={{ padding: '8px 0' }}>
                    <span style={largeText} data-testid={`cast-option-text-${i}`}>
                      {o}
                    </span>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
            <Button
              type="primary"
              size="large"
              block
              disabled={choice === undefined}
              onClick={() => setConfirming(true)}
              data-testid="cast-submit"
            >
              {t('votes.cast.submit')}
            </Button>
          </>
        )}
        {canCast && voted && !editing && vote.changeable && (
          <Button
            size="large"
            block
            onClick={() => {
              setEditing(true);
              setReceipt(null);
              setChoice(undefined);
            }}
            data-testid="cast-change"
          >
            {t('votes.cast.change')}
          </Button>
        )}
      </Space>
      <Modal
        open={confirming}
        title={t('votes.cast.confirmTitle')}
        okText={t('votes.cast.ok')}
        onOk={submit}
        confirmLoading={cast.isPending}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ size: 'large', 'data-testid': 'cast-confirm' }}
        cancelButtonProps={{ size: 'large' }}
      >
        <Typography.Paragraph style={largeText}>
          {t('votes.cast.confirmBody', { option: choice !== undefined ? (options[choice] ?? '') : '' })}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
