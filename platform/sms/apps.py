"""sms: text messages to mainland phones, and the one-time codes residents sign in with.

Tenant-agnostic: a provider interface `send(phone, template, params)` with a console backend
(development and tests: the message goes to the log) and an Aliyun SMS adapter (`SendSms` over
its HTTP RPC API, HMAC-SHA1 signed). Login codes live hashed in the firm's cache (every key
carries the schema), expire after 5 minutes, are single-use and die after 5 wrong attempts."""

from __future__ import annotations

from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "sms"
    verbose_name = "SMS"
