from __future__ import annotations

from core.exceptions import Conflict, DomainError, NotFound, ValidationFailed


class SlugTaken(Conflict):
    code = "slug_taken"
    default_detail = "This firm address is already taken."


class InvalidFirm(ValidationFailed):
    code = "invalid"


class FirmNotFound(NotFound):
    code = "firm_not_found"
    default_detail = "No such firm."


class ProvisioningFailed(DomainError):
    code = "provisioning_failed"
    status = 500
    default_detail = "Creating the firm failed; nothing was left behind. Try again."
