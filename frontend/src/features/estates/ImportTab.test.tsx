import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, importJob } from './testData';
import type { ImportJob } from './types';

const manager = makeMe({
  capabilities: ['estates.view', 'estates.manage', 'estates.import', 'people.view', 'people.manage'],
  roles: [{ role: 'manager', estate_id: 1, unit_id: null }],
});

const status = () => screen.getByTestId('import-status').dataset.status;

async function upload(name = 'units.xlsx') {
  const input = (await screen.findByTestId('import-file')) as HTMLInputElement;
  expect(input.type).toBe('file');
  const file = new File(['PK fake workbook'], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  fireEvent.change(input, { target: { files: [file] } });
  return screen.findByTestId('import-preview');
}

describe('the import wizard', () => {
  it('offers the template, shows the preview errors row by row and keeps "confirm" disabled', async () => {
    const withErrors = importJob({
      errors: [
        { sheet: '房屋', row: 3, field: 'area', column: '面积', message: '面积必须大于 0。' },
        { sheet: '房屋', row: 5, field: 'building', column: '楼栋', message: '没有该楼栋。' },
      ],
      summary: { units: { created: 1, updated: 0, unchanged: 0 }, errors_total: 2 },
    });
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'POST estates/1/imports/': () => ({ status: 201, body: withErrors }),
    });
    renderApp('/estates/1?tab=import', { me: manager });
    const template = await screen.findByTestId('download-template');
    expect(template.getAttribute('href')).toBe('/api/v1/estates/import-template/');

    const preview = await upload();
    expect(calls.some((c) => c.method === 'POST' && c.path === 'estates/1/imports/')).toBe(true);
    expect(status()).toBe('previewed');
    const rows = within(preview).getAllByTestId('import-error-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('房屋');
    expect(rows[0].textContent).toContain('3');
    expect(rows[0].textContent).toContain('面积'); // the column as the workbook shows it
    expect(rows[0].textContent).not.toContain('area'); // never the field key
    expect(rows[0].textContent).toContain('面积必须大于 0。');
    expect(preview.textContent).toContain('发现 2 处错误');
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.path.endsWith('/commit/'))).toBe(false);
  });

  it('shows an upload the server refuses', async () => {
    mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'POST estates/1/imports/': () => ({
        status: 400,
        body: { code: 'import_file_invalid', detail: '文件中没有数据行。 The file has no data rows.' },
      }),
    });
    renderApp('/estates/1?tab=import', { me: manager });
    const input = (await screen.findByTestId('import-file')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([''], 'empty.csv', { type: 'text/csv' })] } });
    expect((await screen.findByTestId('import-upload-error')).textContent).toContain('文件中没有数据行。');
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('commits a clean preview and follows the progress until done', async () => {
    let polls = 0;
    const running = (percent: number): ImportJob =>
      importJob({ status: 'running', progress: { status: 'running', total_rows: 3, processed_rows: 1, percent } });
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'POST estates/1/imports/': () => ({ status: 201, body: importJob() }),
      'POST imports/7/commit/': () => ({
        body: importJob({ status: 'queued', progress: { status: 'queued', total_rows: 3, processed_rows: 0, percent: 0 } }),
      }),
      'GET imports/7/': () => {
        polls += 1;
        if (polls < 2) return { body: running(40) };
        return {
          body: importJob({
            status: 'done',
            processed_rows: 3,
            progress: { status: 'done', total_rows: 3, processed_rows: 3, percent: 100 },
          }),
        };
      },
    });
    renderApp('/estates/1?tab=import', { me: manager });
    const preview = await upload();
    expect(preview.textContent).toContain('共 3 行数据');
    const commit = screen.getByTestId('import-commit') as HTMLButtonElement;
    expect(commit.disabled).toBe(false);

    fireEvent.click(commit);
    await waitFor(() => expect(['queued', 'running']).toContain(status()));
    expect(await screen.findByTestId('import-progress')).toBeTruthy();
    await waitFor(() => expect(status()).toBe('running'));
    expect(screen.getByTestId('import-progress').textContent).toContain('40%');
    await waitFor(() => expect(status()).toBe('done'), { timeout: 8000 });
    expect(screen.getByTestId('import-preview').textContent).toContain('导入完成');
    expect(calls.filter((c) => c.path === 'imports/7/commit/')).toHaveLength(1);
    const pollsAtDone = polls;
    // done: no more polling
    await new Promise((r) => setTimeout(r, 1500));
    expect(polls).toBe(pollsAtDone);
  });
});
