/**
 * An estate's responsibility list (权责清单): the list in force, the proposal waiting for the
 * other side, the editor, and the history. The firm (its admin or the estate's manager) and the
 * committee's serving members propose; only the other side agrees or declines (with a reason).
 * Residents read the list in force and its history; they never see proposals.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../app/errors';
import { gapBelow } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useDates } from '../committee/shared';
import { useAgree, useDecline, useDefaults, useOverview, usePropose } from './api';
import { PARTIES, type DutyItem, type Overview, type Revision } from './types';

const STATUS_COLOURS: Record<string, string> = {
  proposed: 'processing',
  agreed: 'success',
  declined: 'error',
  superseded: 'default',
};

function partyKey(party: string): MessageKey {
  return `duty.party.${party}` as MessageKey;
}

function sideKey(side: string): MessageKey {
  return `duty.side.${side}` as MessageKey;
}

function ItemsTable({ items, testId }: { items: DutyItem[]; testId: string }) {
  const t = useT();
  const columns: ColumnsType<DutyItem & { key: number }> = [
    { title: t('duty.field.matter'), dataIndex: 'matter' },
    {
      title: t('duty.field.party'),
      dataIndex: 'party',
      render: (party: string) => <Tag>{t(partyKey(party))}</Tag>,
    },
    { title: t('duty.field.detail'), dataIndex: 'detail' },
  ];
  return (
    <Table<DutyItem & { key: number }>
      rowKey="key"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={items.map((item, key) => ({ ...item, key }))}
      data-testid={testId}
      scroll={{ x: true }}
    />
  );
}

function PendingCard({ overview }: { overview: Overview }) {
  const t = useT();
  const dates = useDates();
  const { message } = App.useApp();
  const agree = useAgree();
  const decline = useDecline();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const pending = overview.pending as Revision;
  const fail = (error: unknown) => void message.error(errorMessage(error, t));
  return (
    <Card title={t('duty.pending.title', { number: pending.number })} style={gapBelow} data-testid="duty-pending">
      <Typography.Paragraph type="secondary">
        {t('duty.pending.by', {
          side: t(sideKey(pending.proposed_side)),
          name: pending.proposed_by_name,
          at: dates.moment(pending.proposed_at),
        })}
      </Typography.Paragraph>
      {pending.note && <Typography.Paragraph>{pending.note}</Typography.Paragraph>}
      <ItemsTable items={pending.items} testId="duty-pending-items" />
      <div style={{ marginTop: 16 }}>
        {overview.can_decide ? (
          <Space wrap>
            <Button
              type="primary"
              loading={agree.isPending}
              data-testid="duty-agree"
              onClick={() => agree.mutateAsync(pending.id).then(() => void message.success(t('duty.agreed')), fail)}
            >
              {t('duty.agree')}
            </Button>
            {declining ? (
              <Space.Compact>
                <Input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder={t('duty.field.reason')}
                  maxLength={500}
                  data-testid="field-reason"
                />
                <Button
                  danger
                  loading={decline.isPending}
                  data-testid="duty-decline-confirm"
                  onClick={() =>
                    decline.mutateAsync({ id: pending.id, reason }).then(() => {
                      setDeclining(false);
                      void message.success(t('duty.declined'));
                    }, fail)
                  }
                >
                  {t('duty.declineConfirm')}
                </Button>
              </Space.Compact>
            ) : (
              <Button danger data-testid="duty-decline" onClick={() => setDeclining(true)}>
                {t('duty.decline')}
              </Button>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="duty-waiting">
            {t('duty.pending.waiting')}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

function Editor({ overview, onDone }: { overview: Overview; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const propose = usePropose();
  const start = overview.current?.items ?? [];
  const defaults = useDefaults(start.length === 0);
  const [items, setItems] = useState<DutyItem[]>(start.length ? start : []);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const shown = items.length || touched ? items : (defaults.data ?? []);
  const update = (index: number, patch: Partial<DutyItem>) => {
    setTouched(true);
    setItems(shown.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  };
  return (
    <Card title={t('duty.editor.title')} style={gapBelow} data-testid="duty-editor">
      <Typography.Paragraph type="secondary">{t('duty.editor.hint')}</Typography.Paragraph>
      {shown.map((item, index) => (
        <Space key={index} wrap align="start" style={{ display: 'flex', marginBottom: 8 }}>
          <Input
            value={item.matter}
            onChange={(e) => update(index, { matter: e.target.value })}
            placeholder={t('duty.field.matter')}
            maxLength={100}
            style={{ width: 280 }}
            status={item.matter.trim() ? undefined : 'error'}
            data-testid={`field-matter-${index}`}
          />
          <Select<string>
            value={item.party}
            onChange={(party) => update(index, { party: party as DutyItem['party'] })}
            options={PARTIES.map((p) => ({ value: p, label: t(partyKey(p)) }))}
            style={{ width: 180 }}
            data-testid={`field-party-${index}`}
          />
          <Input
            value={item.detail ?? ''}
            onChange={(e) => update(index, { detail: e.target.value })}
            placeholder={t('duty.field.detail')}
            maxLength={500}
            style={{ width: 360 }}
            data-testid={`field-detail-${index}`}
          />
          <Button
            onClick={() => {
              setTouched(true);
              setItems(shown.filter((_, i) => i !== index));
            }}
            data-testid={`duty-remove-${index}`}
          >
            {t('duty.editor.remove')}
          </Button>
        </Space>
      ))}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button
          onClick={() => {
            setTouched(true);
            setItems([...shown, { matter: '', party: 'firm', detail: '' }]);
          }}
          data-testid="duty-add"
        >
          {t('duty.editor.add')}
        </Button>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('duty.field.note')}
          maxLength={500}
          rows={2}
          data-testid="field-note"
        />
        <Space>
          <Button
            type="primary"
            loading={propose.isPending}
            disabled={shown.length === 0 || shown.some((i) => !i.matter.trim())}
            data-testid="duty-submit"
            onClick={() =>
              propose.mutateAsync({ estate: overview.estate, items: shown, note }).then(
                () => {
                  void message.success(t('duty.proposed'));
                  onDone();
                },
                (error: unknown) => void message.error(errorMessage(error, t)),
              )
            }
          >
            {t('duty.editor.submit')}
          </Button>
          <Button onClick={onDone} data-testid="duty-cancel">
            {t('duty.editor.cancel')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function HistoryCard({ history }: { history: Revision[] }) {
  const t = useT();
  const dates = useDates();
  const columns: ColumnsType<Revision> = [
    { title: '#', dataIndex: 'number', width: 56 },
    {
      title: t('duty.field.party'),
      dataIndex: 'status',
      render: (status: string) => (
        <Tag color={STATUS_COLOURS[status] ?? 'default'}>{t(`duty.status.${status}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t('duty.field.note'),
      render: (_: unknown, r) => (
        <>
          <div>
            {t('duty.pending.by', {
              side: t(sideKey(r.proposed_side)),
              name: r.proposed_by_name,
              at: dates.moment(r.proposed_at),
            })}
          </div>
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
          {r.reason && (
            <div>
              <Typography.Text type="danger">{t('duty.history.reason', { reason: r.reason })}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
  ];
  return (
    <Card
      title={t('duty.history.title')}
      extra={<Typography.Text type="secondary">{t('duty.history.count', { count: history.length })}</Typography.Text>}
    >
      <Table<Revision>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={history}
        data-testid="duty-history"
        scroll={{ x: true }}
      />
    </Card>
  );
}

export default function ResponsibilitiesPage() {
  const t = useT();
  const dates = useDates();
  useDocumentTitle(t('duty.title'));
  const [params] = useSearchParams(); // a notification links to ?estate=
  const [estate, setEstate] = useState<number | undefined>(Number(params.get('estate')) || undefined);
  const [editing, setEditing] = useState(false);
  const overview = useOverview(estate);
  const data = overview.data;
  const current = data?.current ?? null;
  return (
    <>
      <Typography.Title level={3}>{t('duty.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('duty.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="duty-estate" />
        {data?.can_propose && !editing && (
          <Button type="primary" data-testid="duty-edit" onClick={() => setEditing(true)}>
            {current ? t('duty.edit') : t('duty.startDefault')}
          </Button>
        )}
      </Space>
      {overview.isError && <Alert type="error" showIcon style={gapBelow} title={errorMessage(overview.error, t)} />}
      {data && !data.can_propose && (
        <Typography.Paragraph type="secondary" data-testid="duty-read-only">
          {t('duty.readOnly')}
        </Typography.Paragraph>
      )}
      {data && editing && <Editor key={data.current?.id ?? 0} overview={data} onDone={() => setEditing(false)} />}
      {data?.pending && <PendingCard overview={data} />}
      {data && (
        <Card
          title={current ? t('duty.current', { number: current.number }) : t('duty.title')}
          style={gapBelow}
          data-testid="duty-current"
        >
          {current ? (
            <>
              <Typography.Paragraph type="secondary">
                {t('duty.currentMeta', {
                  side: t(sideKey(current.proposed_side)),
                  decider: current.decided_by_name ?? '',
                  at: dates.date(current.decided_at),
                })}
              </Typography.Paragraph>
              <ItemsTable items={current.items} testId="duty-current-items" />
            </>
          ) : (
            <Empty description={t('duty.none')} />
          )}
        </Card>
      )}
      {data && data.history.length > 0 && <HistoryCard history={data.history} />}
    </>
  );
}
