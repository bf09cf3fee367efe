/**
 * The committee's inspection schedule (巡查计划): weekly, monthly or one-off rounds of a checklist
 * over named areas, with the next due day; the committee creates and ends them (the server
 * refuses anyone else), the firm reads them. Reminders go out from the server.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { errorMessage } from '../../app/errors';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { EstatePicker } from '../complaints/EstatePicker';
import { useTemplates } from './api';
import type { PaginatedSchedules, Schedule } from './types';

const FREQUENCIES = ['weekly', 'monthly', 'once'] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function NewSchedule({ estate, onDone }: { estate: number; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const templates = useTemplates(estate);
  const [template, setTemplate] = useState<number | undefined>();
  const [frequency, setFrequency] = useState<(typeof FREQUENCIES)[number]>('weekly');
  const [areas, setAreas] = useState('');
  const [starts, setStarts] = useState<Dayjs | null>(null);
  const [ends, setEnds] = useState<Dayjs | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<Schedule>('supervision/schedules/', {
        estate,
        template,
        frequency,
        areas: areas
          .split(/[,，、]/)
          .map((a) => a.trim())
          .filter(Boolean),
        starts_on: starts ? starts.format('YYYY-MM-DD') : today(),
        ends_on: ends ? ends.format('YYYY-MM-DD') : null,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['supervision', 'schedules'] });
      void message.success(t('supervision.schedules.created'));
      onDone();
    },
    onError: (error: unknown) => void message.error(errorMessage(error, t)),
  });
  return (
    <Card size="small" title={t('supervision.schedules.new')} data-testid="schedule-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select<number>
          value={template}
          onChange={setTemplate}
          placeholder={t('supervision.schedules.template')}
          options={(templates.data?.results ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          style={{ minWidth: 240 }}
          data-testid="field-template"
        />
        <Select<(typeof FREQUENCIES)[number]>
          value={frequency}
          onChange={setFrequency}
          options={FREQUENCIES.map((f) => ({ value: f, label: t(`supervision.frequency.${f}` as MessageKey) }))}
          style={{ minWidth: 160 }}
          data-testid="field-frequency"
        />
        <Input
          value={areas}
          onChange={(e) => setAreas(e.target.value)}
          placeholder={t('supervision.schedules.areas')}
          data-testid="field-areas"
        />
        <Space wrap>
          <DatePicker
            value={starts}
            onChange={setStarts}
            placeholder={t('supervision.schedules.startsOn')}
            data-testid="field-starts_on"
          />
          <DatePicker
            value={ends}
            onChange={setEnds}
            placeholder={t('supervision.schedules.endsOn')}
            data-testid="field-ends_on"
          />
        </Space>
        <Button
          type="primary"
          disabled={template === undefined}
          loading={create.isPending}
          onClick={() => create.mutate()}
          data-testid="schedule-create"
        >
          {t('supervision.schedules.create')}
        </Button>
      </Space>
    </Card>
  );
}

function ScheduleCard({ schedule, canEnd }: { schedule: Schedule; canEnd: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const end = useMutation({
    mutationFn: () => api.post<Schedule>(`supervision/schedules/${schedule.id}/end/`, { ends_on: today() }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['supervision', 'schedules'] });
      void message.success(t('supervision.schedules.ended'));
    },
    onError: (error: unknown) => void message.error(errorMessage(error, t)),
  });
  const next = schedule.next_due ? String(schedule.next_due) : '';
  return (
    <Card size="small" data-testid="schedule-row" data-schedule={schedule.id}>
      <Flex gap={8} wrap align="center">
        <Tag color="blue">{t(`supervision.frequency.${schedule.frequency}` as MessageKey)}</Tag>
        <Typography.Text strong>{schedule.template_name}</Typography.Text>
        {(schedule.areas as string[]).map((area) => (
          <Tag key={area}>{area}</Tag>
        ))}
      </Flex>
      <Flex gap={16} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" data-testid="schedule-next">
          {next ? t('supervision.schedules.next', { date: formatDate(next, locale) }) : t('supervision.schedules.noNext')}
        </Typography.Text>
        {canEnd && next && (
          <Button size="small" loading={end.isPending} onClick={() => end.mutate()} data-testid={`schedule-end-${schedule.id}`}>
            {t('supervision.schedules.end')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

export default function SchedulesPage({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  useDocumentTitle(t('supervision.schedules.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const schedules = useQuery({
    queryKey: ['supervision', 'schedules', estate ?? 0],
    queryFn: ({ signal }) => api.get<PaginatedSchedules>('supervision/schedules/', { estate, page_size: 100 }, signal),
    enabled: estate !== undefined,
  });
  const rows = schedules.data?.results ?? [];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3}>{t('supervision.schedules.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision.schedules.intro')}</Typography.Paragraph>
      <Space wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="supervision-schedules-estate" />
        {canEdit && estate !== undefined && !adding && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="schedule-new">
            {t('supervision.schedules.new')}
          </Button>
        )}
      </Space>
      {adding && estate !== undefined && <NewSchedule estate={estate} onDone={() => setAdding(false)} />}
      {schedules.data && rows.length === 0 ? (
        <Empty description={t('supervision.schedules.none')} />
      ) : (
        rows.map((schedule) => <ScheduleCard key={schedule.id} schedule={schedule} canEnd={canEdit} />)
      )}
    </Flex>
  );
}
