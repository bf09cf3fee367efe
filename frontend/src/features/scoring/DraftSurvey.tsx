/**
 * The firm drafts a survey from the template (the six dimensions, fixed): the period (a quarter
 * from its first day unless an end is given) and an optional title. The committee then reviews
 * and opens it; from then on the firm cannot change it.
 */
import { useState } from 'react';
import { Button, Form, Input, Modal, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT } from '../../i18n';
import { useDraftSurvey } from './api';
import { DIMENSIONS } from './types';
import { dimensionLabel } from './ui';

interface Values {
  period_start: string;
  period_end?: string;
  title?: string;
}

/** The first day of the quarter after `today` (a survey covers a quarter by default). */
export function nextQuarterStart(today: Date = new Date()): string {
  const month = Math.floor(today.getMonth() / 3) * 3 + 3;
  const year = today.getFullYear() + Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

export function DraftButton({ estate }: { estate: number }) {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const draft = useDraftSurvey();
  const modal = useFormModal<Values>({
    submit: (v) =>
      draft.mutateAsync({
        estate,
        period_start: v.period_start,
        period_end: v.period_end || null,
        title: (v.title ?? '').trim(),
      }),
    onSuccess: (survey) => {
      setOpen(false);
      navigate(`/scoring/surveys/${(survey as { id: number }).id}`);
    },
  });
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="survey-draft">
        {t('scoring.draft.new')}
      </Button>
      <Modal
        open={open}
        title={t('scoring.draft.new')}
        okText={t('scoring.draft.save')}
        cancelText={t('scoring.cancel')}
        onOk={modal.submit}
        confirmLoading={modal.submitting}
        okButtonProps={{ 'data-testid': 'survey-draft-save' }}
        onCancel={() => {
          modal.cancel();
          setOpen(false);
        }}
        destroyOnHidden
      >
        <FormFailure message={modal.failure} testId="survey-draft-error" />
        <Typography.Paragraph type="secondary" data-testid="survey-template">
          {t('scoring.draft.template', { dimensions: DIMENSIONS.map((d) => dimensionLabel(t, d)).join('、') })}
        </Typography.Paragraph>
        <Form form={modal.form} layout="vertical" initialValues={{ period_start: nextQuarterStart() }}>
          <Form.Item
            name="period_start"
            label={t('scoring.draft.start')}
            rules={[{ required: true, message: t('scoring.required') }]}
          >
            <Input type="date" data-testid="survey-draft-start" />
          </Form.Item>
          <Form.Item name="period_end" label={t('scoring.draft.end')} extra={t('scoring.draft.endHint')}>
            <Input type="date" data-testid="survey-draft-end" />
          </Form.Item>
          <Form.Item name="title" label={t('scoring.draft.title')} extra={t('scoring.draft.titleHint')}>
            <Input maxLength={100} data-testid="survey-draft-title" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
