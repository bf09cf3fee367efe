"""accounts: who someone is and what they may do.

Owns the e-mail-login `User` (firm users in their firm's schema, platform admins in the public
schema), `RoleGrant` (a role with its scope: estate, unit, validity dates), invitations,
password reset, and the role -> capability map in `capabilities.py`: the one place that knows
who may do what."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"
