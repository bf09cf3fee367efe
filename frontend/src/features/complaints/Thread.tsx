/**
 * A request's thread (留言) between its requester and the staff who handle the estate: messages
 * as bubbles (mine on the right), each with its photos; a box to write with photos while the
 * request is open (`thread === 'write'`), read-only once finished. Nobody else gets this card.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Image, Input, Skeleton, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { LoadError } from '../../app/StatusPages';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { usePostMessage, useMessages } from './api';
import { PhotoPicker } from './PhotoPicker';
import type { RequestMessage } from './types';
import { complaintsErrorMessage } from './ui';

export function Thread({ requestId, access }: { requestId: number; access: 'write' | 'read' }) {
  const t = useT();
  const messages = useMessages(requestId, true);
  return (
    <Card title={t('complaints.thread.title')} size="small" data-testid="request-thread">
      <Flex vertical gap={12}>
        {messages.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : messages.isError ? (
          <LoadError error={messages.error} onRetry={() => messages.refetch()} />
        ) : messages.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.thread.empty')} />
        ) : (
          <Flex vertical gap={10} data-testid="thread-messages">
            {messages.data.map((m) => (
              <Bubble key={m.id} message={m} />
            ))}
          </Flex>
        )}
        {access === 'write' ? (
          <Composer requestId={requestId} />
        ) : (
          <Alert type="info" showIcon title={t('complaints.thread.closed')} data-testid="thread-closed" />
        )}
      </Flex>
    </Card>
  );
}

function Bubble({ message }: { message: RequestMessage }) {
  const t = useT();
  const locale = useLocale();
  const images = message.attachments.filter((a) => a.content_type.startsWith('image/'));
  const others = message.attachments.filter((a) => !a.content_type.startsWith('image/'));
  return (
    <Flex
      vertical
      gap={4}
      data-testid="thread-message"
      data-mine={message.mine}
      style={{
        alignSelf: message.mine ? 'flex-end' : 'flex-start',
        maxWidth: '85%',
        background: message.mine ? '#e6f4ff' : '#f5f5f5',
        borderRadius: 12,
        padding: '8px 12px',
      }}
    >
      <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
        {message.mine ? t('complaints.thread.me') : message.author_name}
        {message.from_staff && !message.mine && (
          <Tag color="blue" style={{ marginInlineStart: 6 }}>
            {t('complaints.thread.staff')}
          </Tag>
        )}
        {' · '}
        {formatDateTime(message.created_at, locale)}
      </Typography.Text>
      {message.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{message.body}</Typography.Paragraph>}
      {message.attachments.length > 0 && (
        <Flex gap={6} wrap>
          <Image.PreviewGroup>
            {images.map((a, i) => (
              <Image
                key={a.id}
                src={a.url}
                width={72}
                height={72}
                alt={t('complaints.thread.photoAlt', { n: i + 1 })}
                style={{ objectFit: 'cover', borderRadius: 8 }}
              />
            ))}
          </Image.PreviewGroup>
          {others.map((a, i) => (
            <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
              {t('complaints.detail.video', { n: i + 1 })}
            </a>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

function Composer({ requestId }: { requestId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const post = usePostMessage(requestId);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  async function sendMessage() {
    const body = text.trim();
    if (!body && files.length === 0) {
      setFailure(t('complaints.thread.needText'));
      return;
    }
    setFailure(null);
    let payload: FormData | { body: string } = { body };
    if (files.length) {
      const form = new FormData();
      form.append('body', body);
      for (const file of files) form.append('files', file, file.name);
      payload = form;
    }
    try {
      await post.mutateAsync(payload);
      setText('');
      setFiles([]);
      message.success(t('complaints.thread.sent'));
    } catch (error) {
      setFailure(complaintsErrorMessage(error, t));
    }
  }

  return (
    <Flex vertical gap={8}>
      {failure && <Alert type="error" showIcon title={failure} data-testid="thread-error" />}
      <Input.TextArea
        data-testid="field-message"
        aria-label={t('complaints.thread.placeholder')}
        placeholder={t('complaints.thread.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={2}
        maxLength={2000}
      />
      <PhotoPicker files={files} onChange={setFiles} testId="message-files" />
      <Button
        type="primary"
        size="large"
        icon={<SendOutlined />}
        loading={post.isPending}
        onClick={() => void sendMessage()}
        data-testid="message-send"
        style={{ alignSelf: 'flex-end', minWidth: '8em' }}
      >
        {t('complaints.thread.send')}
      </Button>
    </Flex>
  );
}
