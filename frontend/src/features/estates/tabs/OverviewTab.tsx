/**
 * An estate's setup: read by everyone who sees the estate; edited (including the response
 * clocks in `settings.sla_hours`) with `estates.manage`; deleted with `estates.create`.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Grid, Popconfirm, Space } from 'antd';
import type { DescriptionsProps } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../app/errors';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { hasCapability, useMe } from '../../../app/session';
import { formatDate } from '../../../i18n/format';
import { useLocale, useT } from '../../../i18n';
import { deleteEstate, updateEstate, useEstatesMutation } from '../api';
import { EstateFields, estateToForm, slaHoursOf, toEstateWrite, type EstateFormValues } from '../components/EstateFields';
import { formatArea } from '../labels';
import { SLA_KEYS, type Estate } from '../types';

export function OverviewTab({ estate }: { estate: Estate }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canManage = hasCapability(me, 'estates.manage');
  const canDelete = hasCapability(me, 'estates.create');
  const narrow = Grid.useBreakpoint().sm === false;
  const [editing, setEditing] = useState(false);
  const update = useEstatesMutation((body: ReturnType<typeof toEstateWrite>) => updateEstate(estate.id, body));
  const edit = useFormModal<EstateFormValues, Estate>({
    submit: (values) => update.mutateAsync(toEstateWrite(values, true)),
    reset: false,
    onSuccess: () => {
      message.success(t('common.saved'));
      setEditing(false);
    },
  });
  const remove = useEstatesMutation(() => deleteEstate(estate.id));

  const none = t('common.none');
  const date = (value: string | null) => (value ? formatDate(value, locale) : none);
  const sla = slaHoursOf(estate);
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('estates.field.code'), children: estate.code },
    { key: 'name', label: t('estates.field.name'), children: estate.name },
    { key: 'address', label: t('estates.field.address'), children: estate.address || none, span: 'filled' },
    { key: 'city', label: t('estates.field.city'), children: estate.city || none },
    { key: 'district', label: t('estates.field.district'), children: estate.district || none },
    { key: 'area', label: t('estates.field.total_floor_area'), children: formatArea(estate.total_floor_area) || none },
    { key: 'households', label: t('estates.field.household_count'), children: estate.household_count },
    { key: 'buildings', label: t('estates.buildings'), children: estate.building_count },
    { key: 'units', label: t('estates.units'), children: estate.unit_count },
    { key: 'handover', label: t('estates.field.handover_date'), children: date(estate.handover_date) },
    {
      key: 'contract',
      label: t('estates.contract'),
      children:
        estate.contract_start || estate.contract_end ? `${date(estate.contract_start)} – ${date(estate.contract_end)}` : none,
    },
    {
      key: 'sla',
      label: t('estates.sla.title'),
      span: 'filled',
      children: (
        <Space wrap size={[16, 4]} data-testid="estate-sla">
          {SLA_KEYS.map((key) => (
            <span key={key}>
              {t(`estates.sla.${key}`)}: {t('estates.sla.value', { hours: sla[key] })}
            </span>
          ))}
        </Space>
      ),
    },
  ];

  if (editing) {
    return (
      <Card title={t('estates.editTitle')} size={narrow ? 'small' : undefined}>
        <FormFailure message={edit.failure} />
        <Form
          form={edit.form}
          layout="vertical"
          initialValues={estateToForm(estate)}
          requiredMark="optional"
          onFinish={edit.submit}
        >
          <EstateFields withSla />
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={edit.submitting} data-testid="estate-save">
              {t('common.save')}
            </Button>
            <Button
              onClick={() => {
                edit.clearFailure();
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Flex>
        </Form>
      </Card>
    );
  }

  return (
    <Card
      size={narrow ? 'small' : undefined}
      title={t('estates.tab.overview')}
      extra={
        <Space wrap>
          {canManage && (
            <Button icon={<EditOutlined />} data-testid="estate-edit" onClick={() => setEditing(true)}>
              {t('estates.edit')}
            </Button>
          )}
          {canDelete && (
            <Popconfirm
              title={t('estates.deleteConfirm', { name: estate.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove
                  .mutateAsync(undefined)
                  .then(() => {
                    message.success(t('estates.deleted', { name: estate.name }));
                    navigate('/estates', { replace: true });
                  })
                  .catch((error: unknown) => message.error(errorMessage(error, t)))
              }
            >
              <Button danger icon={<DeleteOutlined />} data-testid="estate-delete">
                {t('estates.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions items={items} column={{ xs: 1, sm: 2 }} bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }} />
    </Card>
  );
}
