"""The role -> capability map: the one place that knows who may do what.

A capability is a dotted string (`users.manage`). Views declare which capability each action
needs; `api.permissions.HasCapability` asks `capabilities_for_roles`. Scope (which estates,
which units) is applied by each domain's selectors, never here.
"""

from __future__ import annotations

from collections.abc import Iterable

from .choices import Role

PLATFORM_FIRMS_MANAGE = "platform.firms.manage"
# the platform's review queue of committee filings (备案): confirm or reject, receipt shown
PLATFORM_FILINGS_REVIEW = "platform.filings.review"
# every firm's billing: collection method, bank transfers received, extensions (audited)
PLATFORM_BILLING_MANAGE = "platform.billing.manage"
USERS_VIEW = "users.view"
USERS_MANAGE = "users.manage"
FIRM_SETTINGS = "firm.settings"
# the firm's whole data as one archive (exports): its admins only
FIRM_EXPORT = "firm.export"
# support access (domain.md): read the platform's requests, grant, decline or revoke them
SUPPORT_DECIDE = "support.decide"
# the audit log (who changed what): which events are seen is decided by audit.selectors
# (firm admin: the whole firm; auditor: the estates of the grant, within its dates)
AUDIT_VIEW = "audit.view"
# estates: which estates a person sees is decided by estates.selectors (scope), not here
ESTATES_VIEW = "estates.view"  # see the estates in one's scope
ESTATES_CREATE = "estates.create"  # create or delete whole estates
ESTATES_MANAGE = "estates.manage"  # edit an estate's setup, buildings, units, common areas
ESTATES_IMPORT = "estates.import"  # bulk import / export
ESTATES_STAFF_ASSIGN = "estates.staff.assign"
PEOPLE_VIEW = "people.view"  # owners and occupants of the estates in scope
PEOPLE_MANAGE = "people.manage"  # record people, link them to units, assisted accounts
PEOPLE_CONTACT = "people.contact"  # full phone numbers (otherwise masked)
PEOPLE_ID_NUMBER = "people.id_number"  # full ID numbers (otherwise masked)
JOIN_REVIEW = "estates.join.review"  # approve residents' unit claims
HOME_VIEW = "home.view"  # "my home": one's own units
# complaints: which requests are seen is decided by complaints.selectors (scope)
COMPLAINTS_SUBMIT = "complaints.submit"  # submit for oneself (residents) or for others (staff)
COMPLAINTS_VIEW = "complaints.view"
COMPLAINTS_HANDLE = "complaints.handle"  # accept, start, defer, resolve, reject, reassign
COMPLAINTS_CONFIGURE = "complaints.configure"  # dispatch groups, rules, SLA policies
COMPLAINTS_KPI = "complaints.kpi"
COMPLAINTS_BOARD = "complaints.board"  # the red board
HOT_TOPICS_DECIDE = "complaints.hot_topics.decide"  # the committee accepts or dismisses
NOTIFICATIONS_VIEW = "notifications.view"
# committee: the roster is read by everyone who sees the estate (ESTATES_VIEW); who may file
# and who may record a resignation is decided by committee.services (chair / owner of record)
COMMITTEE_FILE = "committee.file"  # submit a filing (备案), read one's own filings
COMMITTEE_RESIGN = "committee.resign"  # record a resignation (the chair)
# disclosure (公共收益公示): which estates and statements are seen is decided by
# disclosure.selectors (scope); the committee's powers by committee.selectors.is_supervisor
DISCLOSURE_VIEW = "disclosure.view"  # published statements, split rules, decisions, the fund
DISCLOSURE_LEDGER = "disclosure.ledger"  # the ledger lines themselves, statements under review
DISCLOSURE_KEEP = "disclosure.keep"  # keep the books: lines, decisions, rules, fund, drafting
DISCLOSURE_REVIEW = "disclosure.review"  # query and sign off statements
BILLING_MANAGE = "billing.manage"  # the firm's own subscription, checkout, portal, invoicing
# scoring (服务评分): which surveys and scores are seen is decided by scoring.selectors (scope);
# drafting by a manager grant on the estate, opening/closing by committee.selectors.is_supervisor;
# answering by an owner or occupant link to the unit, never by a firm role (scoring.services)
SCORING_VIEW = "scoring.view"  # surveys of one's estates, published results and scores
SCORING_ANSWER = "scoring.answer"  # answer for one's own household
SCORING_DRAFT = "scoring.draft"  # draft surveys, sign weights for the firm
SCORING_SUPERVISE = "scoring.supervise"  # open/close, paper entry, response rates, sign weights

# supervision (业主监督): which estates and rounds are seen is decided by supervision.selectors;
# who inspects, verifies and rejects only by committee.selectors.is_supervisor (a confirmed seat)
SUPERVISION_VIEW = "supervision.view"  # inspection rounds in scope (residents: published ones)
SUPERVISION_TRACK = "supervision.track"  # templates, schedules, the board, KPIs
SUPERVISION_INSPECT = "supervision.inspect"  # the committee's writes
SUPERVISION_RESPOND = "supervision.respond"  # the firm answers and reassigns rectifications

_EVERYONE = {NOTIFICATIONS_VIEW, COMPLAINTS_VIEW, DISCLOSURE_VIEW, SCORING_VIEW, SUPERVISION_VIEW}
_STAFF_SIDE = {
    DISCLOSURE_LEDGER,
    SUPERVISION_TRACK,
    ESTATES_VIEW,
    PEOPLE_VIEW,
    PEOPLE_MANAGE,
    PEOPLE_CONTACT,
    JOIN_REVIEW,
    COMPLAINTS_SUBMIT,
    COMPLAINTS_HANDLE,
    *_EVERYONE,
}
_SUPERVISING = {COMPLAINTS_KPI, COMPLAINTS_BOARD}
SUPPORT_READS = frozenset(
    {
        USERS_VIEW,
        ESTATES_VIEW,
        PEOPLE_VIEW,
        COMPLAINTS_VIEW,
        DISCLOSURE_LEDGER,
        SUPERVISION_TRACK,
        *_SUPERVISING,
        *_EVERYONE,
    }
)
# onboarding: estates, buildings/units/common areas, the Excel import, inviting the firm's staff
# and assigning them to estates
SUPPORT_WRITES = frozenset(
    {ESTATES_CREATE, ESTATES_MANAGE, ESTATES_IMPORT, ESTATES_STAFF_ASSIGN, USERS_MANAGE}
)
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.PLATFORM_ADMIN: frozenset(
        {PLATFORM_FIRMS_MANAGE, PLATFORM_FILINGS_REVIEW, PLATFORM_BILLING_MANAGE}
    ),
    Role.FIRM_ADMIN: frozenset(
        {
            USERS_VIEW,
            USERS_MANAGE,
            FIRM_SETTINGS,
            FIRM_EXPORT,
            SUPPORT_DECIDE,
            AUDIT_VIEW,
            BILLING_MANAGE,
            ESTATES_CREATE,
            ESTATES_MANAGE,
            ESTATES_IMPORT,
            ESTATES_STAFF_ASSIGN,
            PEOPLE_ID_NUMBER,
            COMPLAINTS_CONFIGURE,
            DISCLOSURE_KEEP,
            SCORING_DRAFT,
            SUPERVISION_RESPOND,
            *_SUPERVISING,
            *_STAFF_SIDE,
        }
    ),
    Role.MANAGER: frozenset(
        {
            USERS_VIEW,
            ESTATES_MANAGE,
            ESTATES_IMPORT,
            COMPLAINTS_CONFIGURE,
            DISCLOSURE_KEEP,
            SCORING_DRAFT,
            SUPERVISION_RESPOND,
            *_SUPERVISING,
            *_STAFF_SIDE,
        }
    ),
    Role.STAFF: frozenset(_STAFF_SIDE),
    Role.COMMITTEE: frozenset(
        {
            ESTATES_VIEW,
            PEOPLE_VIEW,
            JOIN_REVIEW,
            HOME_VIEW,
            COMPLAINTS_SUBMIT,
            HOT_TOPICS_DECIDE,
            COMMITTEE_FILE,
            COMMITTEE_RESIGN,
            DISCLOSURE_LEDGER,
            DISCLOSURE_REVIEW,
            SCORING_ANSWER,
            SCORING_SUPERVISE,
            SUPERVISION_TRACK,
            SUPERVISION_INSPECT,
            *_SUPERVISING,
            *_EVERYONE,
        }
    ),
    Role.RESIDENT: frozenset(
        {ESTATES_VIEW, HOME_VIEW, COMPLAINTS_SUBMIT, COMMITTEE_FILE, SCORING_ANSWER, *_EVERYONE}
    ),
    Role.AUDITOR: frozenset({ESTATES_VIEW, DISCLOSURE_LEDGER, AUDIT_VIEW, *_EVERYONE}),
    # A platform admin acting under a running support grant (tenants.support): reads what the
    # firm's admin reads, but never full phones or ID numbers (no PEOPLE_CONTACT, no
    # PEOPLE_ID_NUMBER: estates.selectors.PeopleMasking masks them, API and exports), never
    # decides on support access, billing or settings; writes only what onboarding needs, and
    # api.permissions.HasCapability refuses every other write route (SUPPORT_WRITE_ROUTES).
    Role.SUPPORT: frozenset(SUPPORT_READS | SUPPORT_WRITES),
}

# Capabilities that only mean something on the platform (public) host, and the reverse.
PLATFORM_ONLY = frozenset({PLATFORM_FIRMS_MANAGE, PLATFORM_FILINGS_REVIEW, PLATFORM_BILLING_MANAGE})


def capabilities_for_roles(roles: Iterable[str], *, host_kind: str) -> frozenset[str]:
    """Union of the roles' capabilities, limited to what the host allows.

    A platform role found in a firm schema, or a firm role in the public schema, grants
    nothing: defence in depth behind the schema split.
    """
    caps: set[str] = set()
    for role in roles:
        caps |= ROLE_CAPABILITIES.get(role, frozenset())
    if host_kind == "public":
        return frozenset(caps & PLATFORM_ONLY)
    return frozenset(caps - PLATFORM_ONLY)
