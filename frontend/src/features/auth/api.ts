import { api } from '../../api/client';
import type {
  InvitationAcceptRequest,
  InvitationInfo,
  LoginRequest,
  Me,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  SmsCodeRequest,
  SmsLoginRequest,
} from '../../api/types';

export const login = (body: LoginRequest) => api.post<Me>('auth/login/', body);
export const requestSmsCode = (body: SmsCodeRequest) => api.post<void>('auth/sms/code/', body);
export const smsLogin = (body: SmsLoginRequest) => api.post<Me>('auth/sms/login/', body);
export const logout = () => api.post<void>('auth/logout/');
export const requestPasswordReset = (body: PasswordResetRequest) => api.post<void>('auth/password-reset/', body);
export const confirmPasswordReset = (body: PasswordResetConfirmRequest) => api.post<void>('auth/password-reset/confirm/', body);
export const getInvitation = (token: string) => api.get<InvitationInfo>(`auth/invitations/${encodeURIComponent(token)}/`);
export const acceptInvitation = (token: string, body: InvitationAcceptRequest) =>
  api.post<Me>(`auth/invitations/${encodeURIComponent(token)}/accept/`, body);
