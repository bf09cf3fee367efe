/**
 * The estate's common areas (gates, garages, gardens...): listed for everyone who sees the
 * estate; added and deleted with `estates.manage`, which also names the manager responsible for
 * each (an inspection finding there goes to them).
 */
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../app/errors';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { hasCapability, useMe } from '../../../app/session';
import { LoadError } from '../../../app/StatusPages';
import { fill, inlineForm } from '../../../app/tokens';
import { useT } from '../../../i18n';
import { requiredRule } from '../../auth/rules';
import { createCommonArea, deleteCommonArea, updateCommonArea, useCommonAreas, useEstatesMutation, useStaff } from '../api';
import type { CommonArea, Estate } from '../types';

interface AreaValues {
  name: string;
  description?: string;
}

export function CommonAreasTab({ estate }: { estate: Estate }) {
  const t = useT();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canManage = hasCapability(me, 'estates.manage');
  const areas = useCommonAreas(estate.id);
  const create = useEstatesMutation(createCommonArea);
  const remove = useEstatesMutation(deleteCommonArea);
  const update = useEstatesMutation(updateCommonArea);
  const staff = useStaff(canManage ? estate.id : null);
  const managers = (staff.data?.results ?? []).filter((a) => a.role === 'manager');
  const adding = useFormModal<AreaValues, CommonArea>({
    submit: (values) =>
      create.mutateAsync({ estate: estate.id, name: values.name.trim(), description: (values.description ?? '').trim() }),
    onSuccess: (area) => message.success(t('estates.areaAdded', { name: area.name })),
  });

  const columns: TableColumnsType<CommonArea> = [
    { title: t('estates.area.name'), dataIndex: 'name' },
    { title: t('estates.area.description'), dataIndex: 'description', render: (d?: string) => d || t('common.none') },
    {
      title: t('estates.area.manager'),
      key: 'manager',
      render: (_, area) =>
        canManage ? (
          <Select<number>
            data-testid={`area-manager-${area.id}`}
            aria-label={t('estates.area.manager')}
            placeholder={t('estates.area.firstManager')}
            allowClear
            style={{ minWidth: 160 }}
            value={area.manager ?? undefined}
            loading={staff.isPending || update.isPending}
            options={managers.map((a) => ({ value: a.user, label: a.user_name }))}
            onChange={(manager) =>
              update
                .mutateAsync({ id: area.id, manager: manager ?? null })
                .then(() => message.success(t('estates.areaManagerSaved', { name: area.name })))
                .catch((error: unknown) => message.error(errorMessage(error, t)))
            }
          />
        ) : (
          area.manager_name || t('estates.area.firstManager')
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, area) => (
        <Popconfirm
          title={t('estates.areaDeleteConfirm', { name: area.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove
              .mutateAsync(area.id)
              .then(() => message.success(t('estates.areaDeleted', { name: area.name })))
              .catch((error: unknown) => message.error(errorMessage(error, t)))
          }
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid={`delete-area-${area.id}`}>
            {t('estates.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      {canManage && (
        <Card size="small" title={t('estates.addArea')}>
          <FormFailure message={adding.failure} compact />
          <Form form={adding.form} layout="inline" onFinish={adding.finish} style={inlineForm}>
            <Form.Item name="name" rules={[requiredRule(t, 'estates.area.name'), { max: 100 }]} style={{ flex: '1 1 180px' }}>
              <Input data-testid="field-name" placeholder={t('estates.area.name')} aria-label={t('estates.area.name')} />
            </Form.Item>
            <Form.Item name="description" style={{ flex: '2 1 220px' }}>
              <Input
                data-testid="field-description"
                placeholder={t('estates.area.description')}
                aria-label={t('estates.area.description')}
              />
            </Form.Item>
            <Form.Item style={{ marginInlineEnd: 0 }}>
              <Button
                type="primary"
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={adding.submitting}
                data-testid="area-submit"
              >
                {t('estates.add')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {areas.isError ? (
        <LoadError error={areas.error} onRetry={() => areas.refetch()} />
      ) : (
        <Table<CommonArea>
          rowKey="id"
          size="middle"
          data-testid="areas-table"
          columns={columns}
          dataSource={areas.data?.results ?? []}
          loading={areas.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.noAreas') }}
        />
      )}
    </Space>
  );
}
