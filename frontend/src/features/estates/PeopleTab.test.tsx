import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from './testData';
import type { Person } from './types';

const staff = makeMe({
  capabilities: ['estates.view', 'people.view', 'people.manage', 'estates.join.review'],
  roles: [{ role: 'staff', estate_id: 1, unit_id: null }],
});

function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 5,
    full_name: '刘阿姨',
    phone: '138****8000',
    email: '',
    id_number: '',
    has_account: false,
    assisted: false,
    owned_units: [{ unit_id: 101, unit_label: '1-101', since: '2012-06-30', until: null, share: '100.00' }],
    occupied_units: [],
    ...overrides,
  };
}

describe('the people section', () => {
  it('lists owners with masked phones and their units, read-only without people.manage', async () => {
    mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET people/': () =>
        page([
          person(),
          person({
            id: 6,
            full_name: '张租客',
            phone: '137****0007',
            owned_units: [],
            occupied_units: [{ unit_id: 102, unit_label: '1-102', since: null, until: null, kind: 'tenant' }],
          }),
        ]),
    });
    renderApp('/estates/1?tab=people', {
      me: makeMe({ capabilities: ['estates.view', 'people.view'], roles: [{ role: 'committee', estate_id: 1, unit_id: null }] }),
    });
    const row = await screen.findByTestId('person-row-5');
    expect(row.textContent).toContain('138****8000');
    expect(row.textContent).toContain('1-101 · 业主');
    expect(screen.getByTestId('person-row-6').textContent).toContain('1-102 · 租户');
    expect(screen.queryByTestId('record-person')).toBeNull();
    expect(screen.queryByTestId('account-person-5')).toBeNull();
    expect(screen.queryByTestId('end-link-5-101')).toBeNull();
  });

  it('creates an assisted account and shows the invitation link and QR code to hand over', async () => {
    const link = 'http://demo.localhost:8791/invite/abc123';
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET people/': () => page([person()]),
      'POST people/5/create-account/': () => ({
        status: 201,
        body: { person: person({ has_account: true, assisted: true }), invitation_link: link },
      }),
    });
    renderApp('/estates/1?tab=people', { me: staff });
    fireEvent.click(await screen.findByTestId('account-person-5'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('field-email'), { target: { value: 'liu@demo.test' } });
    fireEvent.click(within(dialog).getByTestId('field-assisted'));
    fireEvent.click(within(dialog).getByTestId('account-submit'));

    expect((await screen.findByTestId('invitation-link')).textContent).toContain(link);
    expect(screen.getByTestId('invitation-qr').querySelector('svg')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'liu@demo.test', assisted: true });
  });

  it('records a person and links them to a unit as an occupant', async () => {
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET people/': () => page([]),
      'GET units/': () =>
        page([
          {
            id: 102,
            estate: 1,
            estate_code: 'YG01',
            building: 11,
            building_name: '1',
            number: '102',
            floor: 1,
            area: '126.30',
            use: 'residential',
            owners: [],
          },
        ]),
      'POST people/': () => ({ status: 201, body: person({ id: 9, full_name: '王大爷', owned_units: [] }) }),
      'POST people/9/link-occupant/': () => ({ body: person({ id: 9, full_name: '王大爷', owned_units: [] }) }),
    });
    renderApp('/estates/1?tab=people', { me: staff });
    fireEvent.click(await screen.findByTestId('record-person'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('field-full_name'), { target: { value: '王大爷' } });
    fireEvent.change(within(dialog).getByTestId('field-phone'), { target: { value: '13912345678' } });
    const unit = within(within(dialog).getByTestId('field-unit')).getByRole('combobox');
    fireEvent.mouseDown(unit);
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].find((el) => el.textContent === '1-102');
      if (!found) throw new Error('no unit option');
      return found;
    });
    fireEvent.click(option);
    fireEvent.click(within(within(dialog).getByTestId('field-relation')).getByText('住户'));
    fireEvent.click(within(dialog).getByTestId('person-submit'));

    expect(await screen.findByText('已登记 王大爷')).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path)).toEqual(['people/', 'people/9/link-occupant/']);
    expect(posts[0].body).toEqual({ full_name: '王大爷', phone: '13912345678', email: '', id_number: '' });
    expect(posts[1].body).toEqual({ unit: 102, kind: 'occupant' });
  });
});
