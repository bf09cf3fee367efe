/**
 * The committee's ballot desk: enter a paper ballot (owner/unit, choice, scan), confirm or
 * reject another member's entry (the one who entered it cannot), see paper/online conflicts
 * (the paper ballot counts) and, for open (not secret) votes, who voted what. The electorate
 * list says who has voted (never what): where to knock on doors.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useMe } from '../../app/session';
import { errorMessage } from '../../app/errors';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useBallots, useConfirmPaper, useElectors, usePaper } from './api';
import type { BallotRow, Vote } from './types';

interface PaperForm {
  elector: number;
  choice: number;
  note: string;
}

function PaperEntry({ vote, onDone }: { vote: Vote; onDone: () => void }) {
  const t = useT();
  const electors = useElectors(vote.id, true);
  const paper = usePaper(vote.id);
  const [scan, setScan] = useState<File | null>(null);
  const options = (vote.options as string[]) ?? [];
  const form = useFormModal<PaperForm, BallotRow>({
    submit: (v) => paper.mutateAsync({ ...v, note: v.note ?? '', scan: scan as File }),
    onSuccess: () => {
      setScan(null);
      onDone();
    },
  });
  return (
    <Form form={form.form} layout="vertical" onFinish={form.submit} data-testid="paper-form">
      <FormFailure message={form.failure} />
      <Form.Item name="elector" label={t('votes.paper.elector')} rules={[{ required: true }]}>
        <Select<number>
          showSearch
          optionFilterProp="label"
          data-testid="paper-elector"
          loading={electors.isPending}
          options={(electors.data ?? []).map((e) => ({
            value: e.id,
            label: `${e.unit_labels} · ${e.names}${e.voted ? ` · ${t('votes.paper.voted')}` : ''}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="choice" label={t('votes.paper.choice')} rules={[{ required: true }]}>
        <Select<number> data-testid="paper-choice" options={options.map((o, i) => ({ value: i, label: o }))} />
      </Form.Item>
      <Form.Item label={t('votes.paper.scan')} required>
        <input
          type="file"
          accept="image/*,application/pdf"
          data-testid="paper-scan"
          aria-label={t('votes.paper.scan')}
          onChange={(e) => setScan(e.target.files?.[0] ?? null)}
        />
      </Form.Item>
      <Form.Item name="note" label={t('votes.paper.note')}>
        <Input maxLength={300} data-testid="paper-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={!scan} loading={form.submitting} data-testid="paper-save">
        {t('votes.paper.enter')}
      </Button>
    </Form>
  );
}

function Row({ row, vote, label }: { row: BallotRow; vote: Vote; label?: string }) {
  const t = useT();
  const locale = useLocale();
  const options = (vote.options as string[]) ?? [];
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text strong>
        {row.unit_labels} · {row.elector_names}
      </Typography.Text>
      <span>
        <Tag>{t(row.channel === 'paper' ? 'votes.channel.paper' : 'votes.channel.online')}</Tag>
        {row.choice !== null ? options[row.choice] : t('votes.paper.secretChoice')}
        {label ? ` · ${label}` : ''}
      </span>
      <Typography.Text type="secondary">{formatDateTime(row.cast_at, locale)}</Typography.Text>
    </Space>
  );
}

export function PaperPanel({ vote }: { vote: Vote }) {
  const t = useT();
  const { data: me } = useMe();
  const ballots = useBallots(vote.id, true);
  const confirm = useConfirmPaper(vote.id);
  const [entered, setEntered] = useState(false);
  const canEnter = vote.actions.includes('enter_paper');
  const data = ballots.data;
  return (
    <Card title={t('votes.paper.title')} data-testid="paper-panel">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {entered && (
          <Alert
            type="info"
            showIcon
            title={t('votes.paper.marked')}
            data-testid="paper-entered"
            closable
            onClose={() => setEntered(false)}
          />
        )}
        {canEnter && <PaperEntry vote={vote} onDone={() => setEntered(true)} />}
        {confirm.isError && <Alert type="error" showIcon title={errorMessage(confirm.error, t)} data-testid="paper-error" />}
        <List
          header={<Typography.Text strong>{t('votes.paper.pending')}</Typography.Text>}
          data-testid="paper-pending"
          loading={ballots.isPending}
          dataSource={data?.pending_paper ?? []}
          locale={{ emptyText: t('votes.paper.none') }}
          renderItem={(row) => (
            <List.Item
              data-testid={`pending-${row.id}`}
              actions={
                row.entered_by === me?.id
                  ? []
                  : [
                      <Button
                        key="accept"
                        type="primary"
                        loading={confirm.isPending}
                        onClick={() => confirm.mutate({ ballot: row.id, accept: true })}
                        data-testid={`paper-accept-${row.id}`}
                      >
                        {t('votes.paper.accept')}
                      </Button>,
                      <Button
                        key="reject"
                        danger
                        loading={confirm.isPending}
                        onClick={() => confirm.mutate({ ballot: row.id, accept: false })}
                        data-testid={`paper-reject-${row.id}`}
                      >
                        {t('votes.paper.reject')}
                      </Button>,
                    ]
              }
            >
              <Row row={row} vote={vote} />
            </List.Item>
          )}
        />
        {(data?.conflicts.length ?? 0) > 0 && (
          <List
            header={<Typography.Text strong>{t('votes.paper.conflicts')}</Typography.Text>}
            data-testid="paper-conflicts"
            dataSource={data?.conflicts ?? []}
            renderItem={(row) => (
              <List.Item>
                <Row row={row} vote={vote} />
              </List.Item>
            )}
          />
        )}
        {!vote.secret && (data?.named.length ?? 0) > 0 && (
          <List
            header={<Typography.Text strong>{t('votes.paper.named')}</Typography.Text>}
            data-testid="paper-named"
            dataSource={data?.named ?? []}
            renderItem={(row) => (
              <List.Item>
                <Row row={row} vote={vote} />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
