import { act, render, screen } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { applyFieldErrors } from './formErrors';

function TestForm({ onForm }: { onForm: (form: FormInstance) => void }) {
  const [form] = Form.useForm();
  onForm(form);
  return (
    <Form form={form}>
      <Form.Item name="email" label="Email">
        <Input data-testid="field-email" />
      </Form.Item>
      <Form.Item name="password" label="Password">
        <Input data-testid="field-password" />
      </Form.Item>
    </Form>
  );
}

describe('applyFieldErrors', () => {
  it('puts server field errors under their antd form fields', async () => {
    let form!: FormInstance;
    render(<TestForm onForm={(f) => (form = f)} />);
    const error = new ApiError(400, {
      code: 'invalid',
      detail: 'bad',
      fields: {
        password: ['密码太短。', '密码太常见。'],
        token: ['链接无效。'],
        non_field_errors: ['请重试。'],
      },
    });
    let result!: ReturnType<typeof applyFieldErrors>;
    act(() => {
      result = applyFieldErrors(form, error);
    });
    expect(result.mapped).toEqual(['password']);
    expect(result.unmapped).toEqual(['链接无效。', '请重试。']);
    expect(form.getFieldError('password')).toEqual(['密码太短。', '密码太常见。']);
    expect(form.getFieldError('email')).toEqual([]);
    expect(await screen.findByText('密码太短。')).toBeTruthy();
  });

  it('can rename server fields onto form fields', () => {
    let form!: FormInstance;
    render(<TestForm onForm={(f) => (form = f)} />);
    act(() => {
      applyFieldErrors(form, new ApiError(400, { code: 'invalid', detail: '', fields: { new_password: ['太短'] } }), {
        new_password: 'password',
      });
    });
    expect(form.getFieldError('password')).toEqual(['太短']);
  });

  it('ignores anything that is not an ApiError', () => {
    let form!: FormInstance;
    render(<TestForm onForm={(f) => (form = f)} />);
    expect(applyFieldErrors(form, new Error('boom'))).toEqual({ mapped: [], unmapped: [] });
  });
});
