"""Who a phone number belongs to, in the current firm's schema only."""

from __future__ import annotations

from accounts.models import User
from core.db import current_schema

from .phones import normalize


def user_for_phone(*, phone: str) -> User | None:
    """The one active user of this firm whose phone is `phone` (canonical form). None when
    nobody has it, when several people share it (a family's one phone: they use e-mail), and
    on the platform host (platform admins never sign in by SMS)."""
    if current_schema() == "public":
        return None
    candidates = User.objects.filter(is_active=True, phone__endswith=phone[-4:])
    matches = [u for u in candidates if normalize(u.phone) == phone]
    return matches[0] if len(matches) == 1 else None
