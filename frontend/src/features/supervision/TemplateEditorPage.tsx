/**
 * The committee's template editor: start from the library's items of a service line (or from an
 * existing template's current version), edit title, standard, photo required and weight, then save
 * as a new template or as a new version of the chosen one (versions never change; rounds keep theirs).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Input, InputNumber, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { errorMessage } from '../../app/errors';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useTemplates } from './api';
import { SERVICE_LINES, type ServiceLine, type Template } from './types';
import { lineLabel } from './ui';

interface ItemRow {
  title: string;
  standard: string;
  photo_required: boolean;
  weight: number;
}

function rowsOf(value: unknown): ItemRow[] {
  const items = (value as { items?: unknown } | null)?.items;
  return Array.isArray(items)
    ? items.map((i: Record<string, unknown>) => ({
        title: String(i.title ?? ''),
        standard: String(i.standard ?? ''),
        photo_required: Boolean(i.photo_required),
        weight: Number(i.weight ?? 1),
      }))
    : [];
}

export default function TemplateEditorPage() {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  useDocumentTitle(t('supervision.editor.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const [line, setLine] = useState<ServiceLine>('cleaning');
  const [base, setBase] = useState<number | undefined>();
  const [name, setName] = useState('');
  const [rows, setRows] = useState<ItemRow[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const templates = useTemplates(estate);
  const list: Template[] = templates.data?.results ?? [];

  const copyLibrary = async () => {
    setProblem(null);
    try {
      const items = await api.get<ItemRow[]>('supervision/library/', { service_line: line });
      setBase(undefined);
      setRows(items.map(({ title, standard, photo_required, weight }) => ({ title, standard, photo_required, weight })));
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  const pickBase = (id: number | undefined) => {
    setBase(id);
    const found = list.find((tpl) => tpl.id === id);
    if (found) {
      setLine(found.service_line);
      setName(found.name);
      setRows(rowsOf(found.current));
    }
  };
  const change = (index: number, patch: Partial<ItemRow>) =>
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const save = async () => {
    if (estate === undefined) return;
    if (rows.length === 0 || rows.some((r) => !r.title.trim())) {
      setProblem(t('supervision.editor.itemsRequired'));
      return;
    }
    setBusy(true);
    setProblem(null);
    const items = rows.map((r) => ({ ...r, title: r.title.trim(), standard: r.standard.trim() }));
    try {
      if (base !== undefined) await api.post(`supervision/templates/${base}/versions/`, { name: name.trim(), items });
      else await api.post('supervision/templates/', { estate, service_line: line, name: name.trim(), items });
      void client.invalidateQueries({ queryKey: ['supervision', 'templates'] });
      void message.success(t('supervision.editor.saved'));
    } catch (error) {
      setProblem(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }}>
      <PageTitle>{t('supervision.editor.title')}</PageTitle>
      <Flex gap={8} wrap align="center">
        <EstatePicker value={estate} onChange={setEstate} testId="editor-estate" />
        <Select<number>
          allowClear
          data-testid="editor-base"
          aria-label={t('supervision.editor.base')}
          placeholder={t('supervision.editor.base')}
          value={base}
          onChange={pickBase}
          style={{ minWidth: 220 }}
          options={list.map((tpl) => ({ value: tpl.id, label: `${lineLabel(t, tpl.service_line)} · ${tpl.name}` }))}
        />
      </Flex>
      <Flex gap={8} wrap align="center">
        <Select<ServiceLine>
          data-testid="editor-line"
          aria-label={t('supervision.kpi.line')}
          value={line}
          disabled={base !== undefined}
          onChange={setLine}
          style={{ minWidth: 140 }}
          options={SERVICE_LINES.map((value) => ({ value, label: lineLabel(t, value) }))}
        />
        <Button data-testid="editor-copy-library" onClick={() => void copyLibrary()}>
          {t('supervision.editor.copyLibrary')}
        </Button>
        <Input
          data-testid="editor-name"
          aria-label={t('supervision.editor.name')}
          placeholder={t('supervision.editor.name')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          style={{ maxWidth: 280 }}
        />
      </Flex>
      {rows.map((row, index) => (
        <Card key={index} size="small" data-testid="editor-item">
          <Flex gap={8} wrap align="center">
            <Input
              data-testid={`editor-item-${index}-title`}
              aria-label={t('supervision.editor.itemTitle')}
              placeholder={t('supervision.editor.itemTitle')}
              value={row.title}
              maxLength={100}
              onChange={(e) => change(index, { title: e.target.value })}
              style={{ maxWidth: 220 }}
            />
            <Input
              data-testid={`editor-item-${index}-standard`}
              aria-label={t('supervision.editor.standard')}
              placeholder={t('supervision.editor.standard')}
              value={row.standard}
              maxLength={500}
              onChange={(e) => change(index, { standard: e.target.value })}
              style={{ maxWidth: 320 }}
            />
            <Checkbox
              data-testid={`editor-item-${index}-photo`}
              checked={row.photo_required}
              onChange={(e) => change(index, { photo_required: e.target.checked })}
            >
              {t('supervision.editor.photoRequired')}
            </Checkbox>
            <InputNumber
              data-testid={`editor-item-${index}-weight`}
              aria-label={t('supervision.editor.weight')}
              min={1}
              max={10}
              value={row.weight}
              onChange={(value) => change(index, { weight: value ?? 1 })}
            />
            <Button
              danger
              data-testid={`editor-item-${index}-remove`}
              onClick={() => setRows((r) => r.filter((_, i) => i !== index))}
            >
              {t('supervision.editor.remove')}
            </Button>
          </Flex>
        </Card>
      ))}
      <Flex gap={8}>
        <Button
          data-testid="editor-add"
          onClick={() => setRows((r) => [...r, { title: '', standard: '', photo_required: false, weight: 1 }])}
        >
          {t('supervision.editor.add')}
        </Button>
        <Button
          type="primary"
          data-testid="editor-save"
          loading={busy}
          disabled={estate === undefined}
          onClick={() => void save()}
        >
          {base !== undefined ? t('supervision.editor.saveVersion') : t('supervision.editor.saveNew')}
        </Button>
      </Flex>
      {problem && <Alert type="error" showIcon title={problem} data-testid="editor-error" />}
    </Flex>
  );
}
