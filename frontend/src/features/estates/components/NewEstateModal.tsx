import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { formFailureMessage } from '../../../app/errors';
import { useT } from '../../../i18n';
import { createEstate, useEstatesMutation } from '../api';
import type { Estate } from '../types';
import { EstateFields, toEstateWrite, type EstateFormValues } from './EstateFields';

export function NewEstateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (estate: Estate) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<EstateFormValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const create = useEstatesMutation(createEstate);

  async function submit() {
    let values: EstateFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFailure(null);
    try {
      const estate = await create.mutateAsync(toEstateWrite(values));
      form.resetFields();
      onCreated(estate);
    } catch (error) {
      setFailure(formFailureMessage(form, error, t));
    }
  }

  return (
    <Modal
      open={open}
      title={t('estates.newTitle')}
      okText={t('estates.newSubmit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={() => {
        setFailure(null);
        form.resetFields();
        onClose();
      }}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'estate-submit' } as Record<string, string>}
      width={720}
      forceRender
    >
      {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        <EstateFields />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
