import { Form, Modal } from 'antd';
import { FormFailure, useFormModal, type FormModal } from '../../../app/useFormModal';
import { useT } from '../../../i18n';
import { createEstate, useEstatesMutation } from '../api';
import type { Estate } from '../types';
import { EstateFields, toEstateWrite, type EstateFormValues } from './EstateFields';

/**
 * The "new estate" form's state and write (the estates screen's modal and the onboarding
 * wizard's inline form share it): validate `EstateFields`, create, call `onCreated`.
 */
export function useNewEstateForm(onCreated: (estate: Estate) => void): FormModal<EstateFormValues> {
  const create = useEstatesMutation(createEstate);
  return useFormModal<EstateFormValues, Estate>({
    submit: (values) => create.mutateAsync(toEstateWrite(values)),
    onSuccess: onCreated,
  });
}

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
  const modal = useNewEstateForm(onCreated);

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
