/**
 * Staff record a request on a resident's behalf (phone, front desk, walk-in, paper): who called
 * and how to reach them, their unit or a common area, what happened. The timeline then says who
 * typed it and from which channel.
 */
import { useEffect, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Grid, Input, Radio, Select, Switch, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT } from '../../i18n';
import { useCommonAreas, useUnitSearch } from '../estates/api';
import type { Estate } from '../estates/types';
import { complaintsKeys, submitRequest } from './api';
import { BigChoice } from './BigChoice';
import { newClientKey } from './clientKey';
import { PhotoPicker } from './PhotoPicker';
import { CATEGORIES, KINDS, STAFF_CHANNELS, type Category, type Channel, type RequestDetail, type RequestKind } from './types';
import { categoryLabel, channelLabel, complaintsErrorMessage, kindLabel } from './ui';

interface RecordValues {
  estate?: number;
  channel: Channel;
  contact_name?: string;
  contact_phone?: string;
  requester_person?: number;
  place_type: 'unit' | 'common_area';
  unit?: number;
  common_area?: number;
  kind: RequestKind;
  category?: Category;
  emergency: boolean;
  description?: string;
}

export function RecordForResident({ open, estates, onClose }: { open: boolean; estates: Estate[]; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<RecordValues>();
  const [files, setFiles] = useState<File[]>([]);
  // one key per request recorded: a retry after a lost answer gets the request already saved
  const [clientKey, setClientKey] = useState(newClientKey);
  const record = useFormModal<RecordValues, RequestDetail>({
    form,
    // Every value, including those set without a visible field (the only estate, the caller).
    submit: () => submitRequest(recordBody(form.getFieldsValue(true) as RecordValues, files, clientKey)),
    aliases: { place: 'place_type' },
    fallback: (error) => complaintsErrorMessage(error, t),
    // the fields show their errors; refused photos have no field of their own
    describe: (error, message) => message ?? (isApiError(error) ? (error.fields.files ?? []).join(' ') || null : null),
    onSuccess: (created) => {
      queryClient.setQueryData(complaintsKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['complaints', 'list'] });
      message.success(t('complaints.submit.done', { number: created.number }));
      setFiles([]);
      setClientKey(newClientKey());
      onClose();
      navigate(`/requests/${created.id}`);
    },
  });
  const busy = record.submitting;
  const [unitSearch, setUnitSearch] = useState('');
  const estate = Form.useWatch('estate', { form, preserve: true });
  const placeType = Form.useWatch('place_type', { form, preserve: true }) ?? 'unit';
  const unitId = Form.useWatch('unit', { form, preserve: true });
  const units = useUnitSearch(open && placeType === 'unit' ? estate : undefined, unitSearch);
  const areas = useCommonAreas(open && placeType === 'common_area' ? estate : undefined);
  const chosenUnit = units.data?.results.find((u) => u.id === unitId);

  useEffect(() => {
    if (open && estates.length === 1 && form.getFieldValue('estate') === undefined) form.setFieldValue('estate', estates[0].id);
  }, [open, estates, form]);

  const required = (field: string) => ({ required: true, message: t('complaints.validation.choose', { field }) });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('complaints.desk.recordForResident')}
      size={screens.md === false ? '100%' : 560}
      destroyOnHidden={false}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={record.submit} data-testid="desk-new-submit">
            {t('complaints.submit.submit')}
          </Button>
        </Flex>
      }
    >
      <FormFailure message={record.failure} testId="desk-new-error" />
      <Form<RecordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ channel: 'phone', place_type: 'unit', kind: 'repair', category: 'repair', emergency: false }}
      >
        <Form.Item name="channel" label={t('complaints.field.channel')} rules={[required(t('complaints.field.channel'))]}>
          <BigChoice<Channel>
            testId="field-channel"
            label={t('complaints.field.channel')}
            compact
            minWidth="5.5em"
            options={STAFF_CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="contact_name"
            label={t('complaints.field.contact_name')}
            style={{ flex: '1 1 10em' }}
            rules={[required(t('complaints.field.contact_name'))]}
          >
            <Input data-testid="field-contact_name" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="contact_phone"
            label={t('complaints.field.contact_phone')}
            style={{ flex: '1 1 10em' }}
            rules={[{ pattern: /^\+?[0-9 -]{5,20}$/, message: t('validation.phone') }]}
          >
            <Input data-testid="field-contact_phone" inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Flex>
        {estates.length > 1 && (
          <Form.Item name="estate" label={t('complaints.field.estate')} rules={[required(t('complaints.field.estate'))]}>
            <Select
              data-testid="field-estate"
              options={estates.map((e) => ({ value: e.id, label: `${e.code} ${e.name}` }))}
              onChange={() => form.setFieldsValue({ unit: undefined, common_area: undefined, requester_person: undefined })}
            />
          </Form.Item>
        )}
        <Form.Item name="place_type" label={t('complaints.field.place')}>
          <Radio.Group data-testid="field-place_type" optionType="button" buttonStyle="solid">
            <Radio.Button value="unit">{t('complaints.submit.placeTheirUnit')}</Radio.Button>
            <Radio.Button value="common_area">{t('complaints.submit.placeCommon')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {placeType === 'unit' ? (
          <>
            <Form.Item name="unit" label={t('complaints.field.unit')} rules={[required(t('complaints.field.unit'))]}>
              <Select
                data-testid="field-unit"
                showSearch={{ filterOption: false, onSearch: setUnitSearch }}
                placeholder={t('complaints.desk.unitSearch')}
                loading={units.isFetching}
                disabled={!estate}
                notFoundContent={t('complaints.desk.noUnit')}
                options={(units.data?.results ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.building_name}-${u.number}${u.owners.length ? ` · ${u.owners.map((o) => o.full_name).join('、')}` : ''}`,
                }))}
                onChange={() => form.setFieldValue('requester_person', undefined)}
              />
            </Form.Item>
            {chosenUnit && chosenUnit.owners.length > 0 && (
              <Form.Item label={t('complaints.desk.whoCalled')} extra={t('complaints.desk.whoCalledHint')}>
                <Flex gap={8} wrap>
                  {chosenUnit.owners.map((o) => (
                    <Tag.CheckableTag
                      key={o.person_id}
                      checked={form.getFieldValue('requester_person') === o.person_id}
                      data-testid={`owner-${o.person_id}`}
                      style={{ border: '1px solid #d9d9d9', padding: '2px 10px' }}
                      onChange={(on) => {
                        form.setFieldsValue({
                          requester_person: on ? o.person_id : undefined,
                          contact_name: on ? o.full_name : form.getFieldValue('contact_name'),
                        });
                      }}
                    >
                      {o.full_name}
                    </Tag.CheckableTag>
                  ))}
                </Flex>
              </Form.Item>
            )}
            <Form.Item name="requester_person" hidden>
              <Input />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="common_area"
            label={t('complaints.field.common_area')}
            rules={[required(t('complaints.field.common_area'))]}
          >
            <Select
              data-testid="field-common_area"
              disabled={!estate}
              loading={areas.isFetching}
              options={(areas.data?.results ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('complaints.field.kind')} style={{ flex: '1 1 14em' }}>
            <Radio.Group
              data-testid="field-kind"
              optionType="button"
              options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('complaints.field.category')}
            style={{ flex: '1 1 10em' }}
            rules={[required(t('complaints.field.category'))]}
          >
            <Select data-testid="field-category" options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="emergency" valuePropName="checked" label={t('complaints.urgency.emergency')}>
          <Switch data-testid="field-urgency" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('complaints.field.description')}
          rules={[
            { required: true, whitespace: true, message: t('complaints.validation.description') },
            { min: 4, message: t('complaints.validation.descriptionMin', { min: 4 }) },
          ]}
        >
          <Input.TextArea data-testid="field-description" rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('complaints.field.photos')}>
          <PhotoPicker files={files} onChange={setFiles} testId="desk-files" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The multipart body of a request recorded for a resident (photos included). */
function recordBody(values: RecordValues, files: File[], clientKey: string): FormData {
  const body = new FormData();
  body.append('estate', String(values.estate));
  body.append('channel', values.channel);
  body.append('kind', values.kind);
  body.append('category', values.category as string);
  body.append('urgency', values.emergency ? 'emergency' : 'normal');
  if (values.place_type === 'unit') body.append('unit', String(values.unit));
  else body.append('common_area', String(values.common_area));
  body.append('description', (values.description ?? '').trim());
  if (values.contact_name?.trim()) body.append('contact_name', values.contact_name.trim());
  if (values.contact_phone?.trim()) body.append('contact_phone', values.contact_phone.trim());
  if (values.requester_person) body.append('requester_person', String(values.requester_person));
  for (const file of files) body.append('files', file, file.name);
  body.append('client_key', clientKey);
  return body;
}
