import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form, Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { FormFailure, useFormModal, type FormModalOptions } from './useFormModal';

interface Values {
  name: string;
}

function NameForm(props: Omit<FormModalOptions<Values, string>, 'submit'> & { write: (values: Values) => Promise<string> }) {
  const { write, ...options } = props;
  const modal = useFormModal<Values, string>({ submit: write, ...options });
  return (
    <>
      <FormFailure message={modal.failure} testId="failure" />
      <Form form={modal.form} initialValues={{ name: '' }}>
        <Form.Item name="name" rules={[{ required: true, message: 'name please' }]}>
          <Input data-testid="name" />
        </Form.Item>
      </Form>
      <Button data-testid="ok" loading={modal.submitting} onClick={modal.submit}>
        ok
      </Button>
      <Button data-testid="cancel" onClick={modal.cancel}>
        cancel
      </Button>
    </>
  );
}

function mount(props: Parameters<typeof NameForm>[0]) {
  return render(<NameForm {...props} />);
}

const typeName = (value: string) => fireEvent.change(screen.getByTestId('name'), { target: { value } });

describe('useFormModal', () => {
  it('writes nothing while a field is invalid and names the invalid fields', async () => {
    const write = vi.fn(async () => 'ok');
    const onInvalid = vi.fn();
    mount({ write, onInvalid });
    fireEvent.click(screen.getByTestId('ok'));
    expect(await screen.findByText('name please')).toBeTruthy();
    expect(write).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledWith(['name']);
    expect(screen.queryByTestId('failure')).toBeNull();
  });

  it('puts field errors under their field and the rest in the alert, until cancelled', async () => {
    const write = vi.fn(async () => {
      throw new ApiError(400, { code: 'invalid', detail: 'bad', fields: { name: ['名称已被使用'], other: ['别的问题'] } });
    });
    mount({ write });
    typeName('阳光');
    fireEvent.click(screen.getByTestId('ok'));
    expect(await screen.findByText('名称已被使用')).toBeTruthy();
    expect((await screen.findByTestId('failure')).textContent).toContain('别的问题');
    expect(write).toHaveBeenCalledWith({ name: '阳光' });

    fireEvent.click(screen.getByTestId('cancel'));
    await waitFor(() => expect(screen.queryByTestId('failure')).toBeNull());
    expect((screen.getByTestId('name') as HTMLInputElement).value).toBe('');
  });

  it('says nothing in the alert when every error sits under a field (aliases included)', async () => {
    const write = vi.fn(async () => {
      throw new ApiError(400, { code: 'invalid', detail: 'bad', fields: { title: ['太短'] } });
    });
    mount({ write, aliases: { title: 'name' } });
    typeName('a');
    fireEvent.click(screen.getByTestId('ok'));
    expect(await screen.findByText('太短')).toBeTruthy();
    expect(screen.queryByTestId('failure')).toBeNull();
  });

  it('words a failure without fields with the fallback, or says nothing when the fallback says null', async () => {
    const stale = new ApiError(409, { code: 'stale', detail: 'changed', fields: {} });
    const write = vi.fn(async () => {
      throw stale;
    });
    const fallback = vi.fn((error: unknown) => (error === stale ? '别人刚改过' : null));
    const { unmount } = mount({ write, fallback });
    typeName('a');
    fireEvent.click(screen.getByTestId('ok'));
    expect((await screen.findByTestId('failure')).textContent).toContain('别人刚改过');
    unmount();

    mount({ write, fallback: () => null });
    typeName('a');
    await act(async () => {
      fireEvent.click(screen.getByTestId('ok'));
    });
    await waitFor(() => expect(write).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId('failure')).toBeNull();
  });

  it('resets the form after a write and hands over the result', async () => {
    const onSuccess = vi.fn();
    mount({ write: async (values) => `saved ${values.name}`, onSuccess });
    typeName('翠湖');
    fireEvent.click(screen.getByTestId('ok'));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith('saved 翠湖', { name: '翠湖' }));
    expect((screen.getByTestId('name') as HTMLInputElement).value).toBe('');
  });

  it('keeps the values when told not to reset', async () => {
    const onSuccess = vi.fn();
    mount({ write: async () => 'ok', onSuccess, reset: false });
    typeName('翠湖');
    fireEvent.click(screen.getByTestId('ok'));
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect((screen.getByTestId('name') as HTMLInputElement).value).toBe('翠湖');
  });
});
