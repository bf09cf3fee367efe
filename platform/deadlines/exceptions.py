"""Errors of the engine. Registration mistakes are programming errors, found at start-up."""

from __future__ import annotations


class KindAlreadyRegistered(RuntimeError):
    """Two registrations used the same kind or timer name."""


class UnknownKind(LookupError):
    """No clock kind or timer is registered under that name."""
