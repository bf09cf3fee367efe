/** Raise a topic in the estate's hall, with photos (a phone form: one column, large controls). */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { PhotoPicker } from '../complaints/PhotoPicker';
import { useRaiseTopic } from './api';

interface Values {
  title: string;
  body?: string;
}

export default function RaiseTopicPage() {
  const t = useT();
  useDocumentTitle(t('topics.raise'));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const estate = Number(params.get('estate'));
  const [files, setFiles] = useState<File[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const raise = useRaiseTopic();

  function submit(values: Values): void {
    const body = new FormData();
    body.append('estate', String(estate));
    body.append('title', values.title.trim());
    body.append('body', (values.body ?? '').trim());
    for (const file of files) body.append('photos', file, file.name);
    setFailure(null);
    raise.mutate(body, {
      onSuccess: (topic) => {
        void message.success(t('topics.raised'));
        navigate(`/topics/${topic.id}`);
      },
      onError: (error) => setFailure(errorMessage(error, t)),
    });
  }

  return (
    <Flex vertical gap={16} data-testid="topic-raise-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('topics.raise')}
      </Typography.Title>
      {failure && <Alert type="error" showIcon title={failure} data-testid="topic-raise-error" />}
      <Form<Values> layout="vertical" onFinish={submit} size="large">
        <Form.Item name="title" label={t('topics.field.title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="topic-title" maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label={t('topics.field.body')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} data-testid="topic-body" maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('topics.field.photos')}>
          <PhotoPicker files={files} onChange={setFiles} testId="topic-photos" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={raise.isPending} data-testid="topic-submit">
          {t('topics.submit')}
        </Button>
      </Form>
    </Flex>
  );
}
