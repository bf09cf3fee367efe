/**
 * 消息: the in-app inbox. A tap marks a message read and follows its link; "mark all read" clears
 * the bell.
 */
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT, type Locale } from '../../i18n';
import { INBOX_PAGE_SIZE, useInbox, useMarkRead, useUnreadCount } from './api';
import type { Notification } from './types';
import { PageTitle } from '../../components/PageTitle';
import { largeText } from '../../app/tokens';
import { meQueryKey, patchMe, useMe } from '../../app/session';

/** Urgent notices (red escalations, published statements) also by SMS, for who opts in. */
function SmsSetting() {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: me } = useMe();
  const [saving, setSaving] = useState(false);
  if (!me) return null;
  const change = async (on: boolean) => {
    setSaving(true);
    try {
      client.setQueryData(meQueryKey, await patchMe({ sms_urgent: on }));
      void message.success(on ? t('notifications.smsOn') : t('notifications.smsOff'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" data-testid="notifications-sms">
      <Flex justify="space-between" align="center" gap={12}>
        <Flex vertical>
          <Typography.Text strong>{t('notifications.smsTitle')}</Typography.Text>
          <Typography.Text type="secondary">
            {me.has_phone ? t('notifications.smsHint') : t('notifications.smsNoPhone')}
          </Typography.Text>
        </Flex>
        <Switch
          data-testid="notifications-sms-switch"
          aria-label={t('notifications.smsTitle')}
          checked={me.sms_urgent}
          disabled={!me.has_phone && !me.sms_urgent}
          loading={saving}
          onChange={(on) => void change(on)}
        />
      </Flex>
    </Card>
  );
}

/** Server titles are "中文 / English": show the half in the user's language. */
export function localised(text: string, locale: Locale): string {
  const parts = text.split(' / ');
  if (parts.length !== 2) return text;
  return locale === 'en' ? parts[1] : parts[0];
}

export default function NotificationsPage() {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  useDocumentTitle(t('notifications.title'));
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(page, unreadOnly);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const items = inbox.data?.results ?? [];

  async function open(note: Notification) {
    if (!note.read_at) {
      try {
        await markRead.mutateAsync({ ids: [note.id] });
      } catch (error) {
        message.error(errorMessage(error, t));
      }
    }
    if (note.link && note.link.startsWith('/') && !note.link.startsWith('//')) navigate(note.link);
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760, margin: '0 auto', width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('notifications.title')}</PageTitle>
        <Button
          icon={<CheckOutlined />}
          data-testid="notifications-mark-all"
          disabled={(unread.data?.unread ?? 0) === 0}
          loading={markRead.isPending && !markRead.variables?.ids}
          onClick={() =>
            markRead.mutate(
              {},
              {
                onSuccess: () => message.success(t('notifications.allRead')),
                onError: (error) => message.error(errorMessage(error, t)),
              },
            )
          }
        >
          {t('notifications.markAll')}
        </Button>
      </Flex>
      <SmsSetting />
      <Segmented<'all' | 'unread'>
        data-testid="notifications-filter"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('notifications.all') },
          { value: 'unread', label: t('notifications.unreadOnly', { count: unread.data?.unread ?? 0 }) },
        ]}
      />
      {inbox.isError ? (
        <LoadError error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : inbox.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <Flex vertical gap={8} data-testid="notifications-list">
          {items.map((note) => {
            const isUnread = !note.read_at;
            return (
              <Card
                key={note.id}
                size="small"
                hoverable
                data-testid={`notification-${note.id}`}
                data-unread={isUnread}
                onClick={() => open(note)}
                style={{ cursor: 'pointer', borderInlineStart: isUnread ? '4px solid #1677ff' : undefined }}
              >
                <Flex justify="space-between" gap={8} align="flex-start">
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Typography.Text strong={isUnread} style={largeText}>
                      {isUnread && (
                        <span
                          aria-label={t('notifications.unread')}
                          style={{
                            display: 'inline-block',
                            width: 8,
                            height: 8,
                            borderRadius: '50%',
                            background: '#1677ff',
                            marginInlineEnd: 8,
                          }}
                        />
                      )}
                      {localised(note.title, locale)}
                    </Typography.Text>
                    {note.body && (
                      <Typography.Text type="secondary" ellipsis={{ tooltip: false }}>
                        {note.body}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                      {formatDateTime(note.created_at, locale)}
                    </Typography.Text>
                  </Flex>
                  {isUnread && (
                    <Button
                      size="small"
                      type="link"
                      data-testid={`notification-read-${note.id}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        markRead.mutate({ ids: [note.id] });
                      }}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
      {(inbox.data?.count ?? 0) > INBOX_PAGE_SIZE && (
        <Pagination
          align="center"
          current={page}
          pageSize={INBOX_PAGE_SIZE}
          total={inbox.data?.count ?? 0}
          showSizeChanger={false}
          onChange={setPage}
        />
      )}
    </Flex>
  );
}
