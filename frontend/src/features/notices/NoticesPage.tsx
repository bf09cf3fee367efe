/**
 * Estate notices (公告): residents read their estate's notices (opening one records the read
 * receipt); the firm side and the committee publish, see how many have read each notice, and
 * retract their own (the firm may pin its own). A committee notice offers the firm nothing; a
 * system notice (a statement, score, inspection report or vote result was published) offers
 * nobody anything but a link to its source. Each notice has a kind; the list filters by it.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { Me } from '../../api/types';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useDates } from '../committee/shared';
import { useMarkRead, useNotices, usePin, usePublish, useRetract } from './api';
import { ALL_KINDS, MANUAL_KINDS, type ManualKind, type Notice, type NoticeKind } from './types';

const SIDE_COLOUR: Record<Notice['side'], 'purple' | 'blue' | 'cyan'> = {
  committee: 'purple',
  firm: 'blue',
  system: 'cyan',
};

const PUBLISHERS = new Set(['firm_admin', 'manager', 'committee']);

function mayPublish(me: Me | null | undefined): boolean {
  return !!me?.roles.some((r) => PUBLISHERS.has(r.role));
}

function Compose({ estate, onDone }: { estate: number; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const publish = usePublish();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<ManualKind>('general');
  const [pinned, setPinned] = useState(false);
  const [expires, setExpires] = useState<Dayjs | null>(null);
  return (
    <Card title={t('notice.new')} style={gapBelow} data-testid="notice-compose">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div data-testid="field-kind">
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as ManualKind)}
            optionType="button"
            aria-label={t('notice.field.kind')}
            options={MANUAL_KINDS.map((k) => ({ value: k, label: t(`notice.kind.${k}`) }))}
          />
        </div>
        <Input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('notice.field.title')}
          maxLength={100}
          data-testid="field-title"
        />
        <Input.TextArea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder={t('notice.field.body')}
          maxLength={5000}
          rows={5}
          data-testid="field-body"
        />
        <Space wrap>
          <Checkbox checked={pinned} onChange={(e) => setPinned(e.target.checked)} data-testid="field-pinned">
            {t('notice.field.pinned')}
          </Checkbox>
          <DatePicker
            value={expires}
            onChange={setExpires}
            placeholder={t('notice.field.expiresOn')}
            data-testid="field-expires_on"
          />
        </Space>
        <Space>
          <Button
            type="primary"
            loading={publish.isPending}
            disabled={!title.trim() || !body.trim()}
            data-testid="notice-publish"
            onClick={() =>
              publish
                .mutateAsync({ estate, title, body, kind, pinned, expires_on: expires ? expires.format('YYYY-MM-DD') : null })
                .then(
                  () => {
                    void message.success(t('notice.published'));
                    onDone();
                  },
                  (error: unknown) => void message.error(errorMessage(error, t)),
                )
            }
          >
            {t('notice.publish')}
          </Button>
          <Button onClick={onDone} data-testid="notice-cancel">
            {t('notice.cancel')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function Actions({ notice }: { notice: Notice }) {
  const t = useT();
  const { message } = App.useApp();
  const retract = useRetract();
  const pin = usePin();
  const [retracting, setRetracting] = useState(false);
  const [reason, setReason] = useState('');
  const fail = (error: unknown) => void message.error(errorMessage(error, t));
  if (notice.actions.length === 0) return null;
  return (
    <Space wrap style={{ marginTop: space.sm }}>
      {notice.actions.includes('edit') && (
        <Button
          size="small"
          data-testid={`notice-pin-${notice.id}`}
          loading={pin.isPending}
          onClick={() => pin.mutateAsync({ id: notice.id, pinned: !notice.pinned }).catch(fail)}
        >
          {notice.pinned ? t('notice.unpin') : t('notice.pin')}
        </Button>
      )}
      {notice.actions.includes('retract') &&
        (retracting ? (
          <Space.Compact>
            <Input
              size="small"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('notice.field.reason')}
              maxLength={500}
              data-testid={`field-reason-${notice.id}`}
            />
            <Button
              size="small"
              danger
              loading={retract.isPending}
              data-testid={`notice-retract-confirm-${notice.id}`}
              onClick={() =>
                retract.mutateAsync({ id: notice.id, reason }).then(() => void message.success(t('notice.retractedOk')), fail)
              }
            >
              {t('notice.retractConfirm')}
            </Button>
          </Space.Compact>
        ) : (
          <Button size="small" danger data-testid={`notice-retract-${notice.id}`} onClick={() => setRetracting(true)}>
            {t('notice.retract')}
          </Button>
        ))}
    </Space>
  );
}

function Header({ notice }: { notice: Notice }) {
  const t = useT();
  const dates = useDates();
  const expired = !!notice.expires_on && notice.expires_on < new Date().toISOString().slice(0, 10);
  return (
    <Flex vertical gap={space.xs}>
      <Flex wrap gap={space.xs} align="center">
        {notice.pinned && <Tag color="red">{t('notice.pinned')}</Tag>}
        <Tag color={SIDE_COLOUR[notice.side]}>{t(`notice.side.${notice.side}` as MessageKey)}</Tag>
        <Tag data-testid={`notice-kind-${notice.id}`}>{t(`notice.kind.${notice.kind}` as MessageKey)}</Tag>
        <Typography.Text strong>{notice.title}</Typography.Text>
        {notice.retraction && <Tag>{t('notice.retracted')}</Tag>}
        {expired && <Tag>{t('notice.expired')}</Tag>}
        {!notice.read_by_me && !notice.retraction && (
          <Tag color="gold" data-testid={`notice-unread-${notice.id}`}>
            {t('notice.unread')}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
        {t('notice.meta', {
          side: t(`notice.side.${notice.side}` as MessageKey),
          name: notice.side === 'system' ? t('notice.bySystem') : (notice.author_name ?? ''),
          at: dates.moment(notice.published_at),
        })}
        {notice.expires_on ? ` · ${t('notice.expires', { date: dates.date(notice.expires_on) })}` : ''}
        {` · ${t('notice.reads', { count: notice.read_count })}`}
      </Typography.Text>
    </Flex>
  );
}

export default function NoticesPage() {
  const t = useT();
  const dates = useDates();
  useDocumentTitle(t('notice.title'));
  const me = useMe();
  const [params] = useSearchParams();
  const wanted = Number(params.get('notice')) || undefined;
  const [estate, setEstate] = useState<number | undefined>(Number(params.get('estate')) || undefined);
  const [kind, setKind] = useState<NoticeKind | undefined>();
  const [composing, setComposing] = useState(false);
  const [open, setOpen] = useState<string[]>(wanted ? [String(wanted)] : []);
  const notices = useNotices(estate, 1, 20, kind);
  const markRead = useMarkRead();
  const rows = notices.data?.results ?? [];

  const read = (ids: string[]) => {
    for (const id of ids) {
      const notice = rows.find((n) => String(n.id) === id);
      if (notice && !notice.read_by_me && !notice.retraction && !markRead.isPending) markRead.mutate(notice.id);
    }
  };
  useEffect(() => {
    if (wanted && rows.some((n) => n.id === wanted && !n.read_by_me)) read([String(wanted)]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, rows.length]);

  return (
    <>
      <Typography.Title level={3}>{t('notice.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('notice.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="notice-estate" />
        <Select<NoticeKind | ''>
          value={kind ?? ''}
          onChange={(value) => setKind(value === '' ? undefined : value)}
          style={{ minWidth: 140 }}
          aria-label={t('notice.field.kind')}
          data-testid="notice-kind-filter"
          options={[
            { value: '', label: t('notice.kind.all') },
            ...ALL_KINDS.map((k) => ({ value: k, label: t(`notice.kind.${k}`) })),
          ]}
        />
        {mayPublish(me.data) && estate !== undefined && !composing && (
          <Button type="primary" data-testid="notice-new" onClick={() => setComposing(true)}>
            {t('notice.new')}
          </Button>
        )}
      </Space>
      {notices.isError && <Alert type="error" showIcon style={gapBelow} title={errorMessage(notices.error, t)} />}
      {composing && estate !== undefined && <Compose estate={estate} onDone={() => setComposing(false)} />}
      {rows.length === 0 && !notices.isPending ? (
        <Empty description={t('notice.none')} data-testid="notice-none" />
      ) : (
        <Collapse
          activeKey={open}
          onChange={(keys) => {
            const next = Array.isArray(keys) ? keys : [keys];
            read(next.filter((k) => !open.includes(k)));
            setOpen(next);
          }}
          data-testid="notice-list"
          items={rows.map((notice) => ({
            key: String(notice.id),
            label: <Header notice={notice} />,
            children: (
              <div data-testid={`notice-body-${notice.id}`}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{notice.body}</Typography.Paragraph>
                {notice.link && (
                  <Typography.Paragraph>
                    <Link to={notice.link} data-testid={`notice-source-${notice.id}`}>
                      {t('notice.source')}
                    </Link>
                  </Typography.Paragraph>
                )}
                {notice.retraction && (
                  <Typography.Text type="secondary">
                    {t('notice.retractedBy', {
                      name: notice.retraction.by_name,
                      at: dates.moment(notice.retraction.at),
                      reason: notice.retraction.reason,
                    })}
                  </Typography.Text>
                )}
                <Actions notice={notice} />
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}
