/**
 * The import wizard and the export. Import: download the template, choose a filled-in .xlsx or
 * .csv (it is uploaded and checked at once; nothing is written), read the preview (what would be
 * created / updated, and every row-level error), then confirm: the server applies it all or
 * nothing, now or in the background, and this screen follows its progress every second until it
 * is done or failed. Needs `estates.import`.
 */
import { useEffect, useRef, useState, type ChangeEvent, type MouseEvent } from 'react';
import { Alert, App, Button, Card, Flex, Progress, Result, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { buildUrl } from '../../../api/client';
import { errorMessage } from '../../../app/errors';
import { useT } from '../../../i18n';
import { commitImport, downloadFile, estatesKeys, exportPath, templatePath, uploadImport, useImportJob } from '../api';
import { importStatusLabel } from '../labels';
import {
  IMPORT_ENTITIES,
  type Estate,
  type ImportCounts,
  type ImportEntity,
  type ImportJob,
  type ImportProgress,
  type ImportRowError,
  type ImportStatus,
} from '../types';
import { fill, gapAbove, gapBelowSmall } from '../../../app/tokens';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
const STATUS_COLOURS: Record<ImportStatus, string> = {
  previewed: 'blue',
  queued: 'gold',
  running: 'processing',
  done: 'green',
  failed: 'red',
};

function rowErrors(job: ImportJob): ImportRowError[] {
  return Array.isArray(job.errors) ? (job.errors as ImportRowError[]) : [];
}

function summaryOf(job: ImportJob): Partial<Record<ImportEntity, ImportCounts>> & { errors_total?: number } {
  return job.summary && typeof job.summary === 'object' ? (job.summary as Record<string, never>) : {};
}

function progressOf(job: ImportJob): ImportProgress {
  const p = (job.progress ?? {}) as Partial<ImportProgress>;
  return {
    status: p.status ?? job.status,
    total_rows: p.total_rows ?? job.total_rows,
    processed_rows: p.processed_rows ?? job.processed_rows,
    percent: typeof p.percent === 'number' ? p.percent : job.status === 'done' ? 100 : 0,
  };
}

/** The estate's import and export, as the estate's "导入导出" tab shows them. */
export function ImportTab({ estate }: { estate: Estate }) {
  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <EstateImport estate={estate} />
      <ExportCard estate={estate} />
    </Space>
  );
}

/**
 * The import alone (template, upload, preview, commit, progress): the tab above and the
 * onboarding wizard's import step (features/support) use this one component.
 */
export function EstateImport({ estate }: { estate: Estate }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  const [preview, setPreview] = useState<ImportJob | null>(null);
  const job = useImportJob(preview?.id ?? null, preview ?? undefined);
  const current = job.data ?? preview;
  const status = current?.status;

  // Once a run ends, the estate's counts, units and people have changed.
  const finished = status === 'done' || status === 'failed';
  useEffect(() => {
    if (status === 'done')
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'estates' && q.queryKey[1] !== 'import' });
  }, [status, queryClient]);

  async function upload(chosen: File) {
    setUploading(true);
    setUploadError(null);
    setPreview(null);
    try {
      const created = await uploadImport(estate.id, chosen);
      queryClient.setQueryData(estatesKeys.importJob(created.id), created);
      setPreview(created);
    } catch (error) {
      setUploadError(errorMessage(error, t));
    } finally {
      setUploading(false);
    }
  }

  function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    if (chosen) void upload(chosen);
  }

  async function commit() {
    if (!current) return;
    setCommitting(true);
    try {
      const started = await commitImport(current.id);
      queryClient.setQueryData(estatesKeys.importJob(started.id), started);
    } catch (error) {
      message.error(errorMessage(error, t));
      void job.refetch();
    } finally {
      setCommitting(false);
    }
  }

  function reset() {
    setPreview(null);
    setFile(null);
    setUploadError(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  async function downloadTemplate(event: MouseEvent) {
    event.preventDefault();
    try {
      await downloadFile(templatePath, 'linli-import-template.xlsx');
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Card title={t('estates.import.title')}>
        <ol style={{ paddingInlineStart: '1.4em', margin: 0 }}>
          <li style={gapBelowSmall}>
            <Typography.Text>{t('estates.import.step1')} </Typography.Text>
            <a
              href={buildUrl(templatePath)}
              download="linli-import-template.xlsx"
              data-testid="download-template"
              onClick={(e) => void downloadTemplate(e)}
            >
              <FileExcelOutlined /> {t('estates.import.template')}
            </a>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('estates.import.templateHint')}
            </Typography.Paragraph>
          </li>
          <li style={gapBelowSmall}>
            <Typography.Text>{t('estates.import.step2')}</Typography.Text>
            <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
              {/* A real file input (browser tests set files on it); the button opens it. */}
              <input
                ref={fileInput}
                id="import-file"
                type="file"
                accept={ACCEPT}
                data-testid="import-file"
                onChange={onFileChosen}
                aria-label={t('estates.import.choose')}
                style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', pointerEvents: 'none' }}
              />
              <Button
                icon={<CloudUploadOutlined />}
                loading={uploading}
                disabled={committing || status === 'queued' || status === 'running'}
                data-testid="import-choose"
                onClick={() => fileInput.current?.click()}
              >
                {file ? t('estates.import.chooseAgain') : t('estates.import.choose')}
              </Button>
              {file && (
                <Typography.Text type="secondary" data-testid="import-filename">
                  {file.name}
                </Typography.Text>
              )}
            </Flex>
          </li>
          <li>
            <Typography.Text>{t('estates.import.step3')}</Typography.Text>
          </li>
        </ol>
        {uploading && <Alert type="info" showIcon title={t('estates.import.checking')} style={gapAbove} role="status" />}
        {uploadError && (
          <Alert type="error" showIcon title={uploadError} role="alert" style={gapAbove} data-testid="import-upload-error" />
        )}
      </Card>

      {current && (
        <ImportPanel job={current} committing={committing} finished={finished} onCommit={() => void commit()} onReset={reset} />
      )}
    </Space>
  );
}

function ExportCard({ estate }: { estate: Estate }) {
  const t = useT();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);

  async function download() {
    setDownloading(true);
    try {
      await downloadFile(exportPath(estate.id), `${estate.code}-units.xlsx`);
    } catch (error) {
      message.error(errorMessage(error, t));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card title={t('estates.export.title')}>
      <Typography.Paragraph type="secondary">{t('estates.export.hint')}</Typography.Paragraph>
      <Button icon={<DownloadOutlined />} loading={downloading} data-testid="export-estate" onClick={() => void download()}>
        {t('estates.export.button')}
      </Button>
    </Card>
  );
}

function ImportPanel({
  job,
  committing,
  finished,
  onCommit,
  onReset,
}: {
  job: ImportJob;
  committing: boolean;
  finished: boolean;
  onCommit: () => void;
  onReset: () => void;
}) {
  const t = useT();
  const errors = rowErrors(job);
  const summary = summaryOf(job);
  const errorsTotal = summary.errors_total ?? errors.length;
  const progress = progressOf(job);
  const hasErrors = errors.length > 0 || errorsTotal > 0;
  const running = job.status === 'queued' || job.status === 'running';

  const countColumns: TableColumnsType<{ entity: ImportEntity } & ImportCounts> = [
    { title: t('estates.import.entity'), dataIndex: 'entity', render: (e: ImportEntity) => t(`estates.import.entity.${e}`) },
    { title: t('estates.import.created'), dataIndex: 'created', align: 'right' },
    { title: t('estates.import.updated'), dataIndex: 'updated', align: 'right' },
    { title: t('estates.import.unchanged'), dataIndex: 'unchanged', align: 'right' },
  ];
  const counts = IMPORT_ENTITIES.map((entity) => ({
    entity,
    created: summary[entity]?.created ?? 0,
    updated: summary[entity]?.updated ?? 0,
    unchanged: summary[entity]?.unchanged ?? 0,
  }));

  const errorColumns: TableColumnsType<ImportRowError & { key: number }> = [
    { title: t('estates.import.sheet'), dataIndex: 'sheet', responsive: ['sm'], render: (s: string) => s || t('common.none') },
    { title: t('estates.import.row'), dataIndex: 'row', align: 'right', render: (r: number | null) => r ?? t('common.none') },
    {
      title: t('estates.import.field'),
      dataIndex: 'column',
      render: (c: string) => (c ? <Typography.Text style={{ whiteSpace: 'nowrap' }}>{c}</Typography.Text> : t('common.none')),
    },
    // The message is what matters: it wraps rather than push the table sideways on a phone.
    {
      title: t('estates.import.message'),
      dataIndex: 'message',
      render: (m: string) => <span style={{ wordBreak: 'break-word' }}>{m}</span>,
    },
  ];

  return (
    <Card
      data-testid="import-preview"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('estates.import.previewTitle')}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {job.filename}
          </Typography.Text>
        </Flex>
      }
      extra={
        <span data-testid="import-status" data-status={job.status} aria-live="polite">
          <Tag color={STATUS_COLOURS[job.status]}>{importStatusLabel(t, job.status)}</Tag>
        </span>
      }
    >
      <Space orientation="vertical" size="middle" style={fill}>
        <Typography.Text data-testid="import-rows">{t('estates.import.rows', { count: job.total_rows })}</Typography.Text>
        {job.status !== 'previewed' && (
          <Progress
            data-testid="import-progress"
            percent={progress.percent}
            status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
            aria-label={t('estates.import.progress')}
          />
        )}
        {job.status === 'done' && (
          <Result
            status="success"
            title={t('estates.import.done')}
            subTitle={t('estates.import.doneHint')}
            style={{ padding: 16 }}
          />
        )}
        {job.status === 'failed' && <Alert type="error" showIcon title={t('estates.import.failed')} role="alert" />}
        <Table
          rowKey="entity"
          size="small"
          data-testid="import-summary"
          columns={countColumns}
          dataSource={counts}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
        {hasErrors && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('estates.import.errorsFound', { count: errorsTotal })}
              description={
                errorsTotal > errors.length
                  ? t('estates.import.errorsShown', { count: errors.length })
                  : t('estates.import.fixAndRetry')
              }
            />
            <Table
              rowKey="key"
              size="small"
              data-testid="import-errors"
              columns={errorColumns}
              dataSource={errors.map((e, i) => ({ ...e, key: i }))}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              onRow={() => ({ 'data-testid': 'import-error-row' }) as Record<string, string>}
            />
          </>
        )}
        <Flex gap={8} wrap>
          {job.status === 'previewed' && (
            <Button type="primary" data-testid="import-commit" disabled={hasErrors} loading={committing} onClick={onCommit}>
              {t('estates.import.commit')}
            </Button>
          )}
          {(job.status === 'previewed' || finished) && (
            <Button data-testid="import-reset" onClick={onReset} disabled={running}>
              {finished ? t('estates.import.another') : t('estates.import.cancel')}
            </Button>
          )}
        </Flex>
        {job.status === 'previewed' && !hasErrors && (
          <Typography.Text type="secondary">{t('estates.import.commitHint')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
