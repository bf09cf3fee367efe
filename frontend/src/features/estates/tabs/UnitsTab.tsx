/**
 * Buildings and units: the buildings (with their unit counts) as filters, the units table with
 * search, and "add building" / "add unit" with `estates.manage`.
 */
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { hasCapability, useMe } from '../../../app/session';
import { LoadError } from '../../../app/StatusPages';
import { useT } from '../../../i18n';
import { requiredRule } from '../../auth/rules';
import { createBuilding, createUnit, PAGE_SIZE, useBuildings, useEstatesMutation, useUnits, type UnitFilters } from '../api';
import { formatArea, formatShare, unitUseLabel } from '../labels';
import { UNIT_USES, type Building, type Estate, type Unit, type UnitUse } from '../types';
import { fill } from '../../../app/tokens';

export function UnitsTab({ estate }: { estate: Estate }) {
  const t = useT();
  const { data: me } = useMe();
  const canManage = hasCapability(me, 'estates.manage');
  const [filters, setFilters] = useState<UnitFilters>({ search: '', page: 1 });
  const [adding, setAdding] = useState<'building' | 'unit' | null>(null);
  const buildings = useBuildings(estate.id);
  const units = useUnits(estate.id, filters);
  const buildingList = buildings.data?.results ?? [];

  const columns: TableColumnsType<Unit> = [
    { title: t('estates.unit.building'), dataIndex: 'building_name' },
    {
      title: t('estates.unit.number'),
      dataIndex: 'number',
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    { title: t('estates.unit.floor'), dataIndex: 'floor', align: 'right', responsive: ['sm'] },
    { title: t('estates.unit.area'), dataIndex: 'area', align: 'right', render: (a: string) => formatArea(a) },
    { title: t('estates.unit.use'), dataIndex: 'use', responsive: ['md'], render: (u: UnitUse) => unitUseLabel(t, u) },
    {
      title: t('estates.unit.owners'),
      dataIndex: 'owners',
      render: (_, unit) =>
        unit.owners.length ? (
          <Space size={[4, 4]} wrap>
            {unit.owners.map((o) => (
              <Tag key={o.person_id}>
                {o.full_name}
                {o.share && unit.owners.length > 1 ? ` ${formatShare(o.share)}` : ''}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('estates.unit.noOwner')}</Typography.Text>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Card
        size="small"
        title={t('estates.buildingsTitle', { count: buildingList.length })}
        extra={
          canManage && (
            <Button size="small" icon={<PlusOutlined />} data-testid="add-building" onClick={() => setAdding('building')}>
              {t('estates.addBuilding')}
            </Button>
          )
        }
      >
        {buildings.isError ? (
          <LoadError error={buildings.error} onRetry={() => buildings.refetch()} />
        ) : buildingList.length === 0 ? (
          <Typography.Text type="secondary">{buildings.isPending ? t('app.loading') : t('estates.noBuildings')}</Typography.Text>
        ) : (
          <Flex wrap gap={8} data-testid="buildings-list">
            {buildingList.map((b) => (
              <Button
                key={b.id}
                data-testid={`building-${b.id}`}
                type={filters.building === b.id ? 'primary' : 'default'}
                aria-pressed={filters.building === b.id}
                onClick={() => setFilters((f) => ({ ...f, building: f.building === b.id ? undefined : b.id, page: 1 }))}
              >
                {t('estates.buildingChip', { name: buildingLabel(b.name, t), units: b.unit_count, floors: b.floors ?? 0 })}
              </Button>
            ))}
          </Flex>
        )}
      </Card>
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          data-testid="units-search"
          aria-label={t('estates.unitsSearch')}
          placeholder={t('estates.unitsSearch')}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          onSearch={(search) => setFilters((f) => ({ ...f, search: search.trim(), page: 1 }))}
        />
        <Select<number | ''>
          data-testid="units-building-filter"
          aria-label={t('estates.unit.building')}
          value={filters.building ?? ''}
          style={{ flex: '0 1 180px', minWidth: 140 }}
          onChange={(building) => setFilters((f) => ({ ...f, building: building === '' ? undefined : building, page: 1 }))}
          options={[
            { value: '', label: t('estates.allBuildings') },
            ...buildingList.map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="add-unit"
            disabled={buildingList.length === 0}
            onClick={() => setAdding('unit')}
          >
            {t('estates.addUnit')}
          </Button>
        )}
      </Flex>
      {units.isError ? (
        <LoadError error={units.error} onRetry={() => units.refetch()} />
      ) : (
        <Table<Unit>
          rowKey="id"
          size="middle"
          data-testid="units-table"
          columns={columns}
          dataSource={units.data?.results ?? []}
          loading={units.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.noUnits') }}
          onRow={() => ({ 'data-testid': 'unit-row' }) as Record<string, string>}
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: units.data?.count ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      <BuildingModal estate={estate} open={adding === 'building'} onClose={() => setAdding(null)} />
      <UnitModal
        buildings={buildingList}
        defaultBuilding={filters.building}
        open={adding === 'unit'}
        onClose={() => setAdding(null)}
      />
    </Space>
  );
}

interface BuildingValues {
  name: string;
  floors?: number | null;
}

function BuildingModal({ estate, open, onClose }: { estate: Estate; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const create = useEstatesMutation(createBuilding);
  const modal = useFormModal<BuildingValues, Building>({
    submit: (values) => create.mutateAsync({ estate: estate.id, name: values.name.trim(), floors: values.floors ?? 0 }),
    onSuccess: (building) => {
      message.success(t('estates.buildingAdded', { name: building.name }));
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={t('estates.addBuilding')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'building-submit' } as Record<string, string>}
      forceRender
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" onFinish={modal.submit}>
        <Form.Item
          name="name"
          label={t('estates.building.name')}
          extra={t('estates.building.nameHint')}
          rules={[requiredRule(t, 'estates.building.name'), { max: 30 }]}
        >
          <Input data-testid="field-name" maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item name="floors" label={t('estates.building.floors')}>
          <InputNumber data-testid="field-floors" min={0} max={300} precision={0} style={fill} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

interface UnitValues {
  building: number;
  number: string;
  floor?: number | null;
  area: number;
  use: UnitUse;
}

function UnitModal({
  buildings,
  defaultBuilding,
  open,
  onClose,
}: {
  buildings: Building[];
  defaultBuilding?: number;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const create = useEstatesMutation(createUnit);
  const modal = useFormModal<UnitValues, Unit>({
    submit: (values) =>
      create.mutateAsync({
        building: values.building,
        number: values.number.trim(),
        floor: values.floor ?? 0,
        area: Number(values.area).toFixed(2),
        use: values.use,
      }),
    // the building and the use stay for the next unit
    reset: ['number', 'floor', 'area'],
    onSuccess: (unit) => {
      message.success(t('estates.unitAdded', { unit: `${unit.building_name}-${unit.number}` }));
      onClose();
    },
  });
  const form = modal.form;

  return (
    <Modal
      open={open}
      title={t('estates.addUnit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={() => {
        modal.clearFailure();
        onClose();
      }}
      afterOpenChange={(visible) => {
        if (visible && defaultBuilding && !form.getFieldValue('building')) form.setFieldValue('building', defaultBuilding);
      }}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'unit-submit' } as Record<string, string>}
      forceRender
    >
      <FormFailure message={modal.failure} />
      <Form form={form} layout="vertical" initialValues={{ use: 'residential' }} onFinish={modal.submit}>
        <Form.Item
          name="building"
          label={t('estates.unit.building')}
          rules={[{ required: true, message: t('validation.required', { field: t('estates.unit.building') }) }]}
        >
          <Select
            data-testid="field-building"
            showSearch={{ optionFilterProp: 'label' }}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="number"
            label={t('estates.unit.number')}
            rules={[requiredRule(t, 'estates.unit.number'), { max: 20 }]}
            style={{ flex: '1 1 140px' }}
          >
            <Input data-testid="field-number" maxLength={20} autoComplete="off" />
          </Form.Item>
          <Form.Item name="floor" label={t('estates.unit.floor')} style={{ flex: '1 1 100px' }}>
            <InputNumber data-testid="field-floor" min={-10} max={200} precision={0} style={fill} />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="area"
            label={t('estates.unit.area')}
            rules={[{ required: true, message: t('validation.required', { field: t('estates.unit.area') }) }]}
            style={{ flex: '1 1 140px' }}
          >
            <InputNumber data-testid="field-area" min={0.01} max={99999} precision={2} suffix="m²" style={fill} />
          </Form.Item>
          <Form.Item name="use" label={t('estates.unit.use')} style={{ flex: '1 1 140px' }}>
            <Select data-testid="field-use" options={UNIT_USES.map((u) => ({ value: u, label: unitUseLabel(t, u) }))} />
          </Form.Item>
        </Flex>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** "1" reads as 1栋 (Bldg 1); names that already say it ("3号楼", "A座") stay as they are. */
export function buildingLabel(name: string, t: ReturnType<typeof useT>): string {
  return /^[0-9A-Za-z-]+$/.test(name) ? t('estates.buildingNumbered', { name }) : name;
}
