import { Form, Modal } from 'antd';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
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
  const create = useEstatesMutation(createEstate);
  const modal = useFormModal<EstateFormValues, Estate>({
    submit: (values) => create.mutateAsync(toEstateWrite(values)),
    onSuccess: onCreated,
  });

  return (
    <Modal
      open={open}
      title={t('estates.newTitle')}
      okText={t('estates.newSubmit')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'estate-submit' } as Record<string, string>}
      width={720}
      forceRender
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" requiredMark="optional" onFinish={modal.submit}>
        <EstateFields />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
