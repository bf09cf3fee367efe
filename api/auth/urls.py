from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("auth/csrf/", views.CsrfView.as_view(), name="auth-csrf"),
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/sms/code/", views.SmsCodeRequestView.as_view(), name="auth-sms-code"),
    path("auth/sms/login/", views.SmsLoginView.as_view(), name="auth-sms-login"),
    path("auth/me/", views.MeView.as_view(), name="auth-me"),
    path("auth/session/", views.SessionView.as_view(), name="auth-session"),
    path("auth/password-reset/", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/invitations/<str:token>/", views.InvitationView.as_view(), name="auth-invitation"),
    path(
        "auth/invitations/<str:token>/accept/",
        views.InvitationAcceptView.as_view(),
        name="auth-invitation-accept",
    ),
]
