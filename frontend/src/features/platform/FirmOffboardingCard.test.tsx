import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Firm, Offboarding } from '../../api/types';
import { makeMe, mockApi, publicSite, renderApp } from '../../test/utils';

const platformAdmin = makeMe({
  email: 'root@linli.test',
  capabilities: ['platform.firms.manage'],
  roles: [{ role: 'platform_admin', estate_id: null, unit_id: null }],
  host_kind: 'public',
});

const firm: Firm = {
  id: 7,
  name: '阳光物业',
  slug: 'sunshine',
  schema_name: 'firm_sunshine',
  contact_name: '',
  contact_email: '',
  contact_phone: '',
  status: 'active',
  provisioning_status: 'ready',
  provisioning_error: '',
  domain: 'sunshine.localhost',
  url: 'http://sunshine.localhost:8000/',
  admin_email: 'boss@sunshine.test',
  created_at: '2026-11-21T04:00:00Z',
};

function record(overrides: Partial<Offboarding> = {}): Offboarding {
  return {
    id: 3,
    firm: 7,
    reason: '合同到期',
    started_by_email: 'root@linli.test',
    started_at: '2026-12-01T02:00:00Z',
    grace_until: '2099-12-31T02:00:00Z',
    status: 'ready',
    error: '',
    archived_at: '2026-12-01T02:05:00Z',
    firm_archive: { name: 'offboarding/sunshine-7/firm.zip', sha256: 'f'.repeat(64), size: 2048 },
    handovers: [
      { estate_id: 1, estate_code: 'S1', estate_name: '阳光花园', name: 's1.zip', sha256: 'a'.repeat(64), size: 1024 },
      { estate_id: 2, estate_code: 'S2', estate_name: '阳光二期', name: 's2.zip', sha256: 'b'.repeat(64), size: 1024 },
    ],
    deletion: null,
    ...overrides,
  };
}

const popconfirmOk = () => document.querySelector('.ant-popconfirm .ant-btn-primary') as HTMLElement;

describe("the firm page's offboarding card", () => {
  it('offboards the firm with a reason, follows the archives being written, then shows each estate archive, deletion waiting for the grace period', async () => {
    let started = false; // the server's state: the page reads it again after the change
    let reads = 0;
    const writing = {
      status: 'writing' as const,
      archived_at: null,
      firm_archive: null,
      handovers: [],
    };
    const { calls } = mockApi({
      'GET platform/firms/7/': () => ({ body: { ...firm, status: started ? 'suspended' : 'active' } }),
      'GET platform/firms/7/offboarding/': () => {
        if (!started) return { status: 404, body: { code: 'offboarding_not_found', detail: '没有' } };
        reads += 1; // the task writes the archives meanwhile: ready on the second read
        return { body: reads < 2 ? record(writing) : record() };
      },
      'POST platform/firms/7/offboard/': () => {
        started = true;
        return { status: 202, body: record(writing) };
      },
    });
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });

    fireEvent.click(await screen.findByTestId('offboard'));
    const confirm = await screen.findByTestId('offboard-confirm');
    expect((confirm as HTMLButtonElement).disabled).toBe(true); // a reason first
    fireEvent.change(screen.getByTestId('offboard-reason'), { target: { value: '合同到期' } });
    await waitFor(() => expect((screen.getByTestId('offboard-confirm') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('offboard-confirm'));

    // suspended at once; no archive to download and no deletion while they are being written
    await waitFor(() => expect(screen.getByTestId('offboarding-status').getAttribute('data-status')).toBe('writing'));
    expect(screen.getByTestId('offboarding-status').textContent).toBe('正在生成档案…');
    expect(screen.queryByTestId('download-firm')).toBeNull();
    expect(screen.queryByTestId('handover-S1')).toBeNull();
    expect((screen.getByTestId('offboard-delete') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('offboard-delete').textContent).toBe('档案生成后才能删除');

    // the card asks again until the task has written them
    expect(await screen.findByTestId('handover-S1')).toBeTruthy();
    expect(screen.getByTestId('offboarding-status').textContent).toBe('档案已生成');
    expect(screen.getByTestId('handover-S2').textContent).toContain('b'.repeat(64));
    expect(screen.getByTestId('download-S2').getAttribute('href')).toBe('/api/v1/platform/firms/7/offboarding/handovers/2/');
    const post = calls.find((c) => c.method === 'POST' && c.path === 'platform/firms/7/offboard/');
    expect(post?.body).toEqual({ reason: '合同到期', grace_days: 30 });
    expect((screen.getByTestId('offboard-delete') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says why writing the archives failed while the task tries again, and offers nothing to download or delete', async () => {
    const failed = record({
      status: 'failed',
      error: 'OSError: No space left on device',
      archived_at: null,
      grace_until: '2026-01-01T00:00:00Z', // even after the grace period
      firm_archive: null,
      handovers: [],
    });
    mockApi({
      'GET platform/firms/7/': () => ({ body: { ...firm, status: 'suspended' } }),
      'GET platform/firms/7/offboarding/': () => ({ body: failed }),
    });
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });
    expect((await screen.findByTestId('offboarding-status')).textContent).toBe('档案生成失败，正在重试');
    expect(screen.getByTestId('offboarding-error').textContent).toBe('OSError: No space left on device');
    expect(screen.queryByTestId('download-firm')).toBeNull();
    expect((screen.getByTestId('offboard-delete') as HTMLButtonElement).disabled).toBe(true);
  });

  it("deletes the firm's data once the grace period is over and shows the record", async () => {
    const over = { grace_until: '2026-01-01T00:00:00Z' };
    const deleted = record({
      ...over,
      deletion: {
        id: 9,
        deleted_at: '2026-12-04T08:00:00Z',
        deleted_by_email: 'root@linli.test',
        schema_name: 'firm_sunshine',
        tables: 120,
        files: 4,
      },
    });
    let gone = false;
    const { calls } = mockApi({
      'GET platform/firms/7/': () => ({ body: { ...firm, status: gone ? 'deleted' : 'suspended' } }),
      'GET platform/firms/7/offboarding/': () => ({ body: gone ? deleted : record(over) }),
      'POST platform/firms/7/offboarding/delete/': () => {
        gone = true;
        return { body: deleted };
      },
    });
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });

    const erase = await screen.findByTestId('offboard-delete');
    expect((erase as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(erase);
    await waitFor(() => expect(popconfirmOk()).toBeTruthy());
    fireEvent.click(popconfirmOk());

    expect((await screen.findByTestId('offboarding-deleted')).textContent).toContain('root@linli.test');
    expect(calls.some((c) => c.method === 'POST' && c.path === 'platform/firms/7/offboarding/delete/')).toBe(true);
    expect(screen.queryByTestId('offboard-delete')).toBeNull();
  });
});
