import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp, type Handler } from '../../test/utils';
import { detail, estate, page, RESIDENT_CAPS, STAFF_CAPS } from './testData';
import { shanghaiDay } from './submit/model';

const resident = makeMe({
  id: 5,
  full_name: '刘阿姨',
  roles: [{ role: 'resident', estate_id: 1, unit_id: 1 }],
  capabilities: RESIDENT_CAPS,
});

const homeUnit = {
  id: 1,
  estate_id: 1,
  unit_label: 'YG01-1-101',
  estate_name: '阳光花园',
  estate_address: '',
  building_name: '1',
  number: '101',
  floor: 1,
  area: '89.50',
  use: 'residential',
  owners: ['刘阿姨'],
  occupants: [],
};

function residentApi(extra: Record<string, Handler> = {}) {
  return mockApi({
    'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
    'GET me/home/': () => ({ body: [homeUnit] }),
    'GET estates/': () => page([estate]),
    'GET common-areas/': () => page([{ id: 4, estate: 1, name: '中心花园', description: '' }]),
    'GET complaints/7/': () => ({ body: detail() }),
    ...extra,
  });
}

const visible = (testId: string) => screen.getByTestId(testId).style.display !== 'none';

async function fillSteps(options: { photo?: File } = {}) {
  fireEvent.click(await screen.findByTestId('field-kind-repair'));
  fireEvent.click(screen.getByTestId('field-urgency'));
  fireEvent.click(screen.getByTestId('request-next'));
  await waitFor(() => expect(visible('request-step-2')).toBe(true));
  await waitFor(() => expect(screen.getByTestId('field-unit').dataset.value).toBe('1'));
  fireEvent.change(screen.getByTestId('field-description'), { target: { value: '厨房水管漏水，地上有积水' } });
  if (options.photo) fireEvent.change(screen.getByTestId('request-files'), { target: { files: [options.photo] } });
  fireEvent.click(screen.getByTestId('request-next'));
  await waitFor(() => expect(visible('request-step-3')).toBe(true));
}

describe('the three-step submission', () => {
  it('books a preferred visit window for a repair: a day and a slot, posted as Shanghai times', async () => {
    const { fetchMock } = residentApi({ 'POST complaints/': () => ({ status: 201, body: detail() }) });
    renderApp('/requests/new', { me: resident });
    fireEvent.click(await screen.findByTestId('field-kind-repair'));
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-2')).toBe(true), { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId('field-unit').dataset.value).toBe('1'));
    fireEvent.change(screen.getByTestId('field-description'), { target: { value: '热水器不出热水' } });
    const tomorrow = shanghaiDay(1);
    fireEvent.change(screen.getByTestId('field-visit_day'), { target: { value: tomorrow } });
    // a day without a slot does not pass
    await screen.findByTestId('field-visit_slot', {}, { timeout: 5000 });
    fireEvent.click(screen.getByTestId('request-next'));
    expect(await screen.findByText('请选择时间段', {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.click(screen.getByTestId('field-visit_slot-afternoon'));
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-3')).toBe(true), { timeout: 5000 });
    expect(screen.getByTestId('request-review').textContent).toMatch(/期望上门时间.*14:00–17:00/);
    fireEvent.click(screen.getByTestId('request-submit'));
    expect(await screen.findByTestId('request-status', {}, { timeout: 5000 })).toBeTruthy();
    const body = fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/complaints/') && init?.method === 'POST')?.[1]
      ?.body as FormData;
    expect(body.get('preferred_visit_from')).toBe(new Date(`${tomorrow}T14:00:00+08:00`).toISOString());
    expect(body.get('preferred_visit_to')).toBe(new Date(`${tomorrow}T17:00:00+08:00`).toISOString());
  });

  it('offers no visit time for a complaint', async () => {
    residentApi();
    renderApp('/requests/new', { me: resident });
    fireEvent.click(await screen.findByTestId('field-kind-complaint'));
    fireEvent.click(await screen.findByTestId('field-category-noise'));
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-2')).toBe(true));
    expect(screen.queryByTestId('field-visit_day')).toBeNull();
  });

  it('validates each step, checks photos and posts multipart with the files, then shows the detail', async () => {
    const { fetchMock, calls } = residentApi({
      'POST complaints/': () => ({ status: 201, body: detail() }),
    });
    renderApp('/requests/new', { me: resident });

    // step 1 will not pass without a kind and a category
    fireEvent.click(await screen.findByTestId('request-next'));
    expect(await screen.findByText('请选择类型')).toBeTruthy();
    expect(screen.getByText('请选择类别')).toBeTruthy();
    expect(visible('request-step-1')).toBe(true);

    fireEvent.click(screen.getByTestId('field-kind-repair'));
    // a repair suggests the repair category
    expect(screen.getByTestId('field-category').dataset.value).toBe('repair');
    fireEvent.click(screen.getByTestId('field-urgency'));
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-2')).toBe(true));

    // step 2: the only home is chosen; a description is needed
    await waitFor(() => expect(screen.getByTestId('field-unit').dataset.value).toBe('1'));
    fireEvent.click(screen.getByTestId('request-next'));
    expect(await screen.findByText('请说说发生了什么')).toBeTruthy();
    expect(visible('request-step-2')).toBe(true);

    fireEvent.change(screen.getByTestId('field-description'), { target: { value: '厨房水管漏水，地上有积水' } });
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'leak.jpg', { type: 'image/jpeg' });
    const notAPhoto = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const huge = new File([new Uint8Array(1)], 'huge.jpg', { type: 'image/jpeg' });
    Object.defineProperty(huge, 'size', { value: 11 * 1024 * 1024 });
    fireEvent.change(screen.getByTestId('request-files'), { target: { files: [photo, notAPhoto, huge] } });
    const problems = await screen.findByTestId('request-files-problems');
    expect(problems.textContent).toContain('notes.txt');
    expect(problems.textContent).toContain('超过 10 MB');
    expect(within(screen.getByTestId('request-files-thumbs')).getAllByRole('button')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-3')).toBe(true));
    const review = screen.getByTestId('request-review');
    expect(review.textContent).toContain('报修 · 维修 · 紧急');
    expect(review.textContent).toContain('YG01-1-101');
    expect(review.textContent).toContain('厨房水管漏水，地上有积水');

    fireEvent.click(screen.getByTestId('request-submit'));
    expect(await screen.findByTestId('request-status')).toBeTruthy();

    const body = fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/complaints/') && init?.method === 'POST')?.[1]
      ?.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect(body.get('estate')).toBe('1');
    expect(body.get('kind')).toBe('repair');
    expect(body.get('category')).toBe('repair');
    expect(body.get('urgency')).toBe('emergency');
    expect(body.get('unit')).toBe('1');
    expect(body.get('client_key')).toMatch(/^[0-9a-f]{32}$/);
    expect(body.get('common_area')).toBeNull();
    expect(body.get('description')).toBe('厨房水管漏水，地上有积水');
    expect(body.get('channel')).toBe('web');
    const files = body.getAll('files') as File[];
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe('leak.jpg');

    // the resident's homes (with their estates) come from one me/home/ request, never one per unit
    expect(calls.filter((c) => c.path === 'me/home/')).toHaveLength(1);
    expect(calls.some((c) => /^units\//.test(c.path))).toBe(false);
  });

  it('reports a common area of the estate', async () => {
    const { fetchMock } = residentApi({ 'POST complaints/': () => ({ status: 201, body: detail() }) });
    renderApp('/requests/new', { me: resident });
    fireEvent.click(await screen.findByTestId('field-kind-complaint'));
    fireEvent.click(screen.getByTestId('field-category-noise'));
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-2')).toBe(true));
    fireEvent.click(screen.getByTestId('field-place_type-common_area'));
    fireEvent.click(await screen.findByTestId('field-common_area-4'));
    fireEvent.change(screen.getByTestId('field-description'), { target: { value: '花园晚上太吵了' } });
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-3')).toBe(true));
    expect(screen.getByTestId('request-review').textContent).toContain('中心花园');
    fireEvent.click(screen.getByTestId('request-submit'));
    await screen.findByTestId('request-status');
    const body = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')?.[1]?.body as FormData;
    expect(body.get('common_area')).toBe('4');
    expect(body.get('unit')).toBeNull();
    expect(body.get('estate')).toBe('1');
    expect(body.get('urgency')).toBe('normal');
  });

  it('says plainly when the resident already reported it (409) and links the earlier requests', async () => {
    residentApi({
      'POST complaints/': () => ({
        status: 409,
        body: {
          code: 'near_duplicate',
          detail: '您已提交过内容相近的诉求。 You already reported…',
          fields: {},
          duplicates: ['YG01-000003', 'YG01-000005'],
        },
      }),
    });
    renderApp('/requests/new', { me: resident });
    await fillSteps();
    fireEvent.click(screen.getByTestId('request-submit'));
    const alert = await screen.findByTestId('submit-error');
    expect(alert.textContent).toContain('您已经报过内容相近的事（YG01-000003、YG01-000005）');
    expect(within(alert).getByText('YG01-000005').getAttribute('href')).toBe('/requests?search=YG01-000005');
    expect(visible('request-step-3')).toBe(true);
  });

  it('says plainly when the daily limit is reached (429)', async () => {
    residentApi({
      'POST complaints/': () => ({
        status: 429,
        body: { code: 'daily_limit', detail: '今天提交的诉求已达上限。', fields: {}, limit: 10 },
      }),
    });
    renderApp('/requests/new', { me: resident });
    await fillSteps();
    fireEvent.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('submit-error')).textContent).toContain(
      '今天提交的报事已达上限。如有紧急情况，请直接致电物业服务中心。',
    );
  });

  it('puts a refused photo back on the step with the photos', async () => {
    residentApi({
      'POST complaints/': () => ({
        status: 400,
        body: {
          code: 'upload_rejected',
          detail: '附件不符合要求。',
          fields: { files: ['leak.jpg: 只支持 JPG/PNG/WEBP/HEIC 照片和 MP4/MOV 视频。'] },
        },
      }),
    });
    renderApp('/requests/new', { me: resident });
    await fillSteps({ photo: new File([new Uint8Array([1, 2, 3])], 'leak.jpg', { type: 'image/jpeg' }) });
    fireEvent.click(screen.getByTestId('request-submit'));
    await waitFor(() => expect(visible('request-step-2')).toBe(true));
    expect(await screen.findByText('leak.jpg: 只支持 JPG/PNG/WEBP/HEIC 照片和 MP4/MOV 视频。')).toBeTruthy();
  });

  it('lets staff (no homes) report a common area and points them to the desk for residents', async () => {
    const { calls } = residentApi({ 'POST complaints/': () => ({ status: 201, body: detail() }) });
    renderApp('/requests/new', {
      me: makeMe({ id: 3, roles: [{ role: 'staff', estate_id: 1, unit_id: null }], capabilities: STAFF_CAPS }),
    });
    expect((await screen.findByText('代居民登记')).closest('a')?.getAttribute('href')).toBe('/desk?record=1');
    fireEvent.click(screen.getByTestId('field-kind-repair'));
    fireEvent.click(screen.getByTestId('request-next'));
    await waitFor(() => expect(visible('request-step-2')).toBe(true));
    expect(screen.queryByTestId('field-place_type')).toBeNull();
    expect(await screen.findByTestId('field-common_area-4')).toBeTruthy();
    expect(calls.some((c) => c.path === 'me/home/')).toBe(false);
  });

  it('tells a resident without a claimed home where to start instead of showing the form', async () => {
    residentApi({ 'GET me/home/': () => ({ body: [] }), 'GET estates/': () => page([]) });
    renderApp('/requests/new', { me: resident });
    expect(await screen.findByText('还没有可以报事的房屋')).toBeTruthy();
    expect(screen.getByText('请先在“我的家”认证房屋，或致电物业服务中心。')).toBeTruthy();
    expect(screen.queryByTestId('request-step-1')).toBeNull();
  });
});
