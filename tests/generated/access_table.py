"""The access table: every route of the firm host × method, with the status each role gets for
the in-scope object, the out-of-scope object of the same firm (estate OUTSIDE1) and an id that
exists only in the other firm. Roles: firm admin (all estates), manager, staff and committee of
estate INSIDE1, a resident owning a unit of INSIDE1, anonymous.

Written out by hand, never computed from `accounts.capabilities`. A new route fails
`test_every_route_has_a_row` until it gets a row here.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .matrix import Row, S
from .world import PASSWORD

TODAY = timezone.localdate().isoformat()
LATER = (timezone.localdate() + timedelta(days=400)).isoformat()
SOON = (timezone.localdate() + timedelta(days=3)).isoformat()
NEW_PASSWORD = "Fresh#Matrix-2026-x"


def E(admin: str, manager: str, staff: str, committee: str, resident: str, anon: str) -> dict:
    return {
        "admin": admin,
        "manager": manager,
        "staff": staff,
        "committee": committee,
        "resident": resident,
        "anon": anon,
    }


ESTATE = {"estate": S("estate")}

ROWS: list[Row] = [
    # --- the host, login and the account ------------------------------------------------------
    Row("GET", "site/", E("200", "200", "200", "200", "200", "200")),
    Row("GET", "auth/csrf/", E("204", "204", "204", "204", "204", "204")),
    Row(
        "POST",
        "auth/login/",
        E("200", "200", "200", "200", "200", "200"),
        body={"email": "inside-staff@firm-a.test", "password": PASSWORD},
    ),
    Row(
        "POST",
        "auth/token/",
        E("200", "200", "200", "200", "200", "200"),
        body={"email": "inside-staff@firm-a.test", "password": PASSWORD},
    ),
    Row(
        "POST",
        "auth/sms/code/",
        E("204", "204", "204", "204", "204", "204"),
        body={"phone": "13912345678"},
    ),
    Row(
        "POST",
        "auth/sms/login/",
        E("400", "400", "400", "400", "400", "400"),
        body={"phone": "13912345678", "code": "000000"},
    ),
    Row("POST", "auth/logout/", E("204", "204", "204", "204", "204", "204")),
    Row("GET", "auth/me/", E("200", "200", "200", "200", "200", "401")),
    Row("GET", "auth/session/", E("200", "200", "200", "200", "200", "200")),
    Row(
        "PATCH",
        "auth/me/",
        E("200", "200", "200", "200", "200", "401"),
        body={"full_name": "改个名字"},
    ),
    Row(
        "POST",
        "auth/password-reset/",
        E("204", "204", "204", "204", "204", "204"),
        body={"email": "inside-resident@firm-a.test"},
    ),
    Row(
        "POST",
        "auth/password-reset/confirm/",
        E("400", "400", "400", "400", "400", "400"),
        body={"uid": "MTY", "token": "bad-token", "password": NEW_PASSWORD},
    ),
    Row(
        "GET",
        "auth/invitations/{token}/",
        E(
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
        ),
        params={"token": S("invitation")},
        discloses=("token:out",),
    ),
    Row(
        "POST",
        "auth/invitations/{token}/accept/",
        E(
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
        ),
        params={"token": S("invitation")},
        body={"password": NEW_PASSWORD, "full_name": "新人"},
        discloses=("token:out",),
    ),
    # --- users ---------------------------------------------------------------------------------
    Row("GET", "users/", E("200", "200", "403", "403", "403", "401")),
    Row(
        "POST",
        "users/",
        E("201", "403", "403", "403", "403", "401"),
        body={"email": "brand-new@firm-a.test", "role": "staff"},
    ),
    Row(
        "GET",
        "users/{pk}/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("user")},
    ),
    Row(
        "POST",
        "users/{pk}/deactivate/",
        E("200 | 200 404", "403", "403", "403", "403", "401"),
        params={"pk": S("user")},
    ),
    Row(
        "POST",
        "users/{pk}/reactivate/",
        E("200 | 200 404", "403", "403", "403", "403", "401"),
        params={"pk": S("user")},
    ),
    Row(
        "POST",
        "users/{pk}/resend-invitation/",
        E("200 | 200 404", "403", "403", "403", "403", "401"),
        params={"pk": S("user")},
    ),
    # --- estates -------------------------------------------------------------------------------
    Row("GET", "estates/", E("200", "200", "200", "200", "200", "401")),
    Row(
        "POST",
        "estates/",
        E("201", "403", "403", "403", "403", "401"),
        body={"name": "新 花园", "code": "NEW1", "city": "上海"},
    ),
    Row(
        "GET",
        "estates/{pk}/",
        E(
            "200 | 200 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("estate")},
    ),
    Row(
        "PATCH",
        "estates/{pk}/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("estate")},
        body={"name": "改名 花园"},
    ),
    Row(
        "DELETE",
        "estates/{pk}/",
        E("409 | 409 404", "403", "403", "403", "403", "401"),
        params={"pk": S("estate")},
    ),
    Row(
        "POST",
        "estates/{pk}/rotate-join-code/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("estate")},
    ),
    Row(
        "GET",
        "estates/{pk}/export/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("estate")},
    ),
    Row("GET", "estates/import-template/", E("200", "200", "403", "403", "403", "401")),
    Row(
        "POST",
        "estates/{pk}/imports/",
        E("201 | 201 404", "201 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("estate")},
        body={"file": "TEMPLATE"},
        multipart=True,
    ),
    Row("GET", "imports/", E("200", "200", "403", "403", "403", "401"), query=ESTATE),
    Row(
        "GET",
        "imports/{pk}/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("import")},
    ),
    Row(
        "POST",
        "imports/{pk}/commit/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("import")},
    ),
    # --- buildings, units, common areas ----------------------------------------------------------
    Row("GET", "buildings/", E("200", "200", "200", "200", "200", "401"), query=ESTATE),
    Row(
        "POST",
        "buildings/",
        E("201 | 201 400", "201 | 404 400", "403", "403", "403", "401"),
        body={"estate": S("estate"), "name": "新楼", "floors": 6},
    ),
    Row(
        "GET",
        "buildings/{pk}/",
        E(
            "200 | 200 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("building")},
    ),
    Row(
        "PATCH",
        "buildings/{pk}/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("building")},
        body={"name": "改名楼"},
    ),
    Row(
        "DELETE",
        "buildings/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("empty_building")},
    ),
    Row(
        "GET",
        "units/",
        E("200", "200", "200", "200", "200", "401"),
        query={"estate": S("estate"), "building": S("building")},
    ),
    Row(
        "POST",
        "units/",
        E("201 | 201 404", "201 | 404 404", "403", "403", "403", "401"),
        body={"building": S("building"), "number": "909", "floor": 9, "area": "70.00"},
    ),
    Row(
        "GET",
        "units/{pk}/",
        E(
            "200 | 200 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("unit")},
    ),
    Row(
        "PATCH",
        "units/{pk}/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("unit")},
        body={"area": "71.00"},
    ),
    Row(
        "DELETE",
        "units/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("empty_unit")},
    ),
    Row("GET", "common-areas/", E("200", "200", "200", "200", "200", "401"), query=ESTATE),
    Row(
        "POST",
        "common-areas/",
        E("201 | 201 400", "201 | 404 400", "403", "403", "403", "401"),
        body={"estate": S("estate"), "name": "新广场"},
    ),
    Row(
        "PATCH",
        "common-areas/{pk}/",
        E("200 | 200 404", "200 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("common_area")},
        body={"description": "晚上十点关闭"},
    ),
    Row(
        "DELETE",
        "common-areas/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("common_area")},
    ),
    # --- people ----------------------------------------------------------------------------------
    Row("GET", "people/", E("200", "200", "200", "200", "403", "401"), query=ESTATE),
    Row("GET", "people/", E("200", "200", "200", "200", "403", "401"), label="unfiltered"),
    Row(
        "POST",
        "people/",
        E("201", "201", "201", "403", "403", "401"),
        body={"full_name": "新住户", "phone": "13812345678"},
    ),
    Row(
        "GET",
        "people/{pk}/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "200 | 404 404", "403", "401"),
        params={"pk": S("person")},
    ),
    Row(
        "GET",
        "people/{pk}/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "200 | 404 404", "403", "401"),
        params={"pk": S("shared_person")},
        label="owner in two estates",
    ),
    Row(
        "PATCH",
        "people/{pk}/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("person")},
        body={"full_name": "改名"},
    ),
    Row(
        "POST",
        "people/{pk}/link-owner/",
        E(
            "200 | 200 404 | 200 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("neighbour")},
        body={"unit": S("unit2"), "share": "50.00"},
    ),
    Row(
        "POST",
        "people/{pk}/link-occupant/",
        E(
            "200 | 200 404 | 200 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("person")},
        body={"unit": S("unit2"), "kind": "tenant"},
    ),
    Row(
        "POST",
        "people/{pk}/end-link/",
        E(
            "200 | 200 404 | 200 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("person")},
        body={"unit": S("unit")},
    ),
    Row(
        "POST",
        "people/{pk}/create-account/",
        E("201 | 201 404", "201 | 404 404", "201 | 404 404", "403", "403", "401"),
        params={"pk": S("neighbour")},
        body={"email": "neighbour-account@firm-a.test", "assisted": True},
    ),
    # --- staff and committee ---------------------------------------------------------------------
    Row("GET", "staff-assignments/", E("200", "200", "200", "200", "200", "401"), query=ESTATE),
    Row(
        "POST",
        "staff-assignments/",
        E("201 | 201 404 | 201 404", "403", "403", "403", "403", "401"),
        body={"estate": S("estate"), "user": S("free_staff"), "role": "staff"},
    ),
    Row(
        "DELETE",
        "staff-assignments/{pk}/",
        E("204 | 204 404", "403", "403", "403", "403", "401"),
        params={"pk": S("staff_assignment")},
    ),
    Row("GET", "committee-memberships/", E("200", "200", "200", "200", "200", "401"), query=ESTATE),
    # --- joining ---------------------------------------------------------------------------------
    Row("GET", "join-requests/", E("200", "200", "200", "200", "403", "401"), query=ESTATE),
    Row(
        "POST",
        "join-requests/{pk}/approve/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "200 | 404 404", "403", "401"),
        params={"pk": S("join_request")},
    ),
    Row(
        "POST",
        "join-requests/{pk}/reject/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "200 | 404 404", "403", "401"),
        params={"pk": S("join_request")},
        body={"note": "不符"},
    ),
    Row(
        "GET",
        "join/{code}/",
        E(
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
            "200 | 200 404",
        ),
        params={"code": S("join_code")},
        discloses=("code:out",),
    ),
    Row(
        "POST",
        "join/{code}/",
        E(
            "201 | 404 404 | 404 404",
            "201 | 404 404 | 404 404",
            "201 | 404 404 | 404 404",
            "201 | 404 404 | 404 404",
            "201 | 404 404 | 404 404",
            "201 | 404 404 | 404 404",
        ),
        params={"code": S("join_code")},
        body={
            "unit": S("unit2"),
            "full_name": "申请人",
            "phone": "13955556666",
            "email": "joiner@example.test",
            "relation": "owner",
        },
    ),
    Row("GET", "me/home/", E("403", "403", "403", "200", "200", "401")),
    Row("GET", "me/personal-data/", E("200", "200", "200", "200", "200", "401")),
]

CONFIG_ROWS: list[Row] = [
    Row("GET", "complaints/dispatch-groups/", E("200", "200", "200", "403", "403", "401")),
    Row(
        "POST",
        "complaints/dispatch-groups/",
        E("201 | 400 400 | 400 400", "201 | 404 400 | 400 400", "403", "403", "403", "401"),
        body={"estate": S("estate"), "name": "新组", "members": [S("staff_user")]},
    ),
    Row(
        "GET",
        "complaints/dispatch-groups/{pk}/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("group")},
    ),
    Row(
        "PATCH",
        "complaints/dispatch-groups/{pk}/",
        E(
            "200 | 400 404 | 400 400 | 400 400",
            "200 | 404 404 | 404 400 | 400 400",
            "403",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("group")},
        body={"estate": S("estate"), "members": [S("staff_user")]},
    ),
    Row(
        "DELETE",
        "complaints/dispatch-groups/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("group")},
    ),
    Row("GET", "complaints/dispatch-rules/", E("200", "200", "200", "403", "403", "401")),
    Row(
        "POST",
        "complaints/dispatch-rules/",
        E("201 | 400 400 | 400 400", "201 | 404 400 | 400 400", "403", "403", "403", "401"),
        body={"estate": S("estate"), "category": "noise", "group": S("group")},
    ),
    Row(
        "GET",
        "complaints/dispatch-rules/{pk}/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("rule")},
    ),
    Row(
        "PATCH",
        "complaints/dispatch-rules/{pk}/",
        E(
            "200 | 200 404 | 400 400 | 400 400",
            "200 | 404 404 | 404 400 | 400 400",
            "403",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("rule")},
        body={"estate": S("estate"), "group": S("group")},
    ),
    Row(
        "DELETE",
        "complaints/dispatch-rules/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("rule")},
    ),
    Row("GET", "complaints/sla-policies/", E("200", "200", "200", "403", "403", "401")),
    Row(
        "POST",
        "complaints/sla-policies/",
        E("201 | 201 400", "201 | 404 400", "403", "403", "403", "401"),
        body={
            "estate": S("estate"),
            "category": "cleaning",
            "urgency": "normal",
            "response_hours": 1,
            "plan_hours": 8,
            "resolution_hours": 48,
        },
    ),
    Row(
        "GET",
        "complaints/sla-policies/{pk}/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("sla_policy")},
    ),
    Row(
        "PATCH",
        "complaints/sla-policies/{pk}/",
        E("200 | 200 404 | 200 400", "200 | 404 404 | 404 400", "403", "403", "403", "401"),
        params={"pk": S("sla_policy")},
        body={"estate": S("estate"), "response_hours": 3},
    ),
    Row(
        "DELETE",
        "complaints/sla-policies/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("sla_policy")},
    ),
    Row(
        "GET",
        "complaints/hot-topics/",
        E("200 | 200 404", "200 | 404 404", "403", "200 | 404 404", "403", "401"),
        query=ESTATE,
    ),
    Row(
        "POST",
        "complaints/hot-topics/{pk}/accept/",
        E("403", "403", "403", "200 | 404 404", "403", "401"),
        params={"pk": S("hot_topic")},
    ),
    Row(
        "POST",
        "complaints/hot-topics/{pk}/dismiss/",
        E("403", "403", "403", "200 | 404 404", "403", "401"),
        params={"pk": S("hot_topic")},
    ),
    Row(
        "POST",
        "complaints/hot-topics/refresh/",
        E("200 | 200 404", "200 | 404 404", "403", "200 | 404 404", "403", "401"),
        query=ESTATE,
    ),
    Row(
        "GET",
        "complaints/kpis/",
        E("200 | 200 404", "200 | 404 404", "403", "200 | 404 404", "403", "401"),
        query=ESTATE,
    ),
    # every estate the caller sees in full, side by side: nothing to name, nothing out of scope
    Row("GET", "complaints/kpis/estates/", E("200", "200", "403", "200", "403", "401")),
    Row("GET", "complaints/my-tasks/", E("200", "200", "200", "403", "403", "401")),
    # the desk list in Excel: an estate outside scope filters to no rows (like the list)
    Row("GET", "complaints/export/", E("200", "200", "200", "403", "403", "401"), query=ESTATE),
]

REQUEST_ROWS: list[Row] = [
    Row(
        "GET",
        "complaints/",
        E("200", "200", "200", "200", "200", "401"),
        query={"estate": S("estate"), "assignee": S("staff_user")},
    ),
    Row("GET", "complaints/", E("200", "200", "200", "200", "200", "401"), label="unfiltered"),
    Row(
        "POST",
        "complaints/",
        E(
            "201 | 400 404 | 400 400 | 400 400 | 400 400",
            "201 | 404 404 | 400 400 | 400 400 | 400 400",
            "201 | 404 404 | 400 400 | 400 400 | 400 400",
            "404 | 404 404 | 400 400 | 404 400 | 404 400",
            "201 | 404 404 | 400 400 | 201 400 | 201 400",
            "401",
        ),
        body={
            "estate": S("estate"),
            "kind": "repair",
            "category": "other",
            "unit": S("unit"),
            "description": "阳台栏杆松动需要加固",
            "channel": "app",
            "requester": S("resident_user"),
            "requester_person": S("person"),
        },
    ),
    Row(
        "GET",
        "complaints/{pk}/",
        E(
            "200 | 200 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("request")},
    ),
    Row(
        "POST",
        "complaints/{pk}/accept/",
        E(
            "200 | 400 404 | 400 404",
            "200 | 404 404 | 400 404",
            "200 | 404 404 | 400 404",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("request")},
        body={"assignee": S("staff_user"), "note": "收到"},
    ),
    Row(
        "POST",
        "complaints/bulk-assign/",
        E(
            "200 | 200 200 | 200 404",
            "200 | 200 200 | 200 404",
            "200 | 200 200 | 200 404",
            "403",
            "403",
            "401",
        ),
        body={"ids": [S("request")], "assignee": S("staff_user")},
        inert=("ids:out", "ids:other", "assignee:out"),
    ),
    Row(
        "POST",
        "complaints/{pk}/take/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request")},
    ),
    Row(
        "POST",
        "complaints/{pk}/reassign/",
        E(
            "200 | 400 404 | 400 404",
            "200 | 404 404 | 400 404",
            "200 | 404 404 | 400 404",
            "403",
            "403",
            "401",
        ),
        params={"pk": S("request_accepted")},
        body={"assignee": S("staff_user"), "note": "换人"},
    ),
    Row(
        "POST",
        "complaints/{pk}/start/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request_accepted")},
        body={},
    ),
    Row(
        "POST",
        "complaints/{pk}/depart/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request_accepted")},
    ),
    Row(
        "POST",
        "complaints/{pk}/defer/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request_in_progress")},
        body={"reason": "等配件", "until": SOON},
    ),
    Row(
        "POST",
        "complaints/{pk}/resume/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request_deferred")},
        body={},
    ),
    Row(
        "POST",
        "complaints/{pk}/resolve/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request_in_progress")},
        body={"note": "修好了"},
    ),
    Row(
        "POST",
        "complaints/{pk}/reject/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"pk": S("request")},
        body={"reason": "不属于物业范围"},
    ),
    Row(
        "POST",
        "complaints/{pk}/rate/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "403 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("request_resolved")},
        body={"rating": 5},
    ),
    Row(
        "POST",
        "complaints/{pk}/reopen/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "403 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("request_resolved")},
        body={"reason": "又坏了"},
    ),
    Row(
        "POST",
        "complaints/{pk}/chase/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "403 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("request")},
        body={"note": "请尽快"},
    ),
    Row(
        "POST",
        "complaints/{pk}/withdraw/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "403 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("request")},
        body={"reason": "不需要了"},
    ),
    Row(
        "GET",
        "complaints/{pk}/messages/",
        E(
            "200 | 200 404",
            "200 | 404 404",
            "200 | 404 404",
            "403 | 404 404",
            "200 | 404 404",
            "401",
        ),
        params={"pk": S("request")},
    ),
    Row(
        "POST",
        "complaints/{pk}/messages/",
        E(
            "201 | 201 404",
            "201 | 404 404",
            "201 | 404 404",
            "403 | 404 404",
            "201 | 404 404",
            "401",
        ),
        params={"pk": S("request")},
        body={"body": "师傅明天几点来？"},
    ),
    Row(
        "GET",
        "complaints/{pk}/attachments/{attachment_id}/",
        E(
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "401",
        ),
        params={"pk": S("attachment_request"), "attachment_id": S("attachment")},
    ),
    Row(
        "GET",
        "complaints/board/",
        E("200 | 200 404", "200 | 404 404", "403", "200 | 404 404", "403", "401"),
        query=ESTATE,
    ),
    Row(
        "POST",
        "complaints/escalations/{escalation_id}/plan/",
        E("200 | 200 404", "200 | 404 404", "200 | 404 404", "403", "403", "401"),
        params={"escalation_id": S("escalation")},
        body={"plan": "明天派人处理"},
    ),
    Row("GET", "notifications/", E("200", "200", "200", "200", "200", "401")),
    Row("GET", "notifications/unread-count/", E("200", "200", "200", "200", "200", "401")),
    Row(
        "POST",
        "notifications/mark-read/",
        E("200", "200", "200", "200", "200", "401"),
        body={"ids": [S("notification")]},
        inert=("ids:out", "ids:other"),
    ),
    # --- outside /api/v1/ ------------------------------------------------------------------------
    Row("GET", "/api/schema/", E("200", "200", "200", "200", "200", "200")),
    Row("GET", "/api/docs/", E("200", "200", "200", "200", "200", "200")),
    Row("GET", "/{spa}", E("200", "200", "200", "200", "200", "200")),
]

# --- disclosure (公共收益公示, #10): the books are kept by the firm admin and the estate's
# manager; the committee queries and signs off; everyone of the estate reads what is public
# (residents: published statements only; the ledger lines themselves are for the firm side, the
# committee and auditors) ------------------------------------------------------------------------
IN_ALL = "200 | 200 404"  # the firm admin: both of its estates
IN_ONLY = "200 | 404 404"  # scoped: only INSIDE1
KEEPERS_CREATE = E("201 | 201 404", "201 | 404 404", "403", "403", "403", "401")
KEEPERS_200 = E(IN_ALL, IN_ONLY, "403", "403", "403", "401")
READERS = E(IN_ALL, IN_ONLY, IN_ONLY, IN_ONLY, IN_ONLY, "401")
LEDGER_READERS = E(IN_ALL, IN_ONLY, IN_ONLY, IN_ONLY, "403", "401")
ALL_200 = E("200", "200", "200", "200", "200", "401")
DISCLOSURE_ROWS: list[Row] = [
    Row("GET", "disclosure/decisions/", ALL_200),
    Row(
        "POST",
        "disclosure/decisions/",
        # the template file is no PDF: a keeper who may write there is told so (400)
        E("400 | 400 404", "400 | 404 404", "403", "403", "403", "401"),
        body={"estate": S("estate"), "title": "决议", "decided_on": TODAY, "document": "TEMPLATE"},
        multipart=True,
    ),
    Row("GET", "disclosure/decisions/{pk}/", READERS, params={"pk": S("decision")}),
    Row("GET", "disclosure/decisions/{pk}/document/", READERS, params={"pk": S("decision")}),
    Row("GET", "disclosure/lines/", E("200", "200", "200", "200", "403", "401")),
    Row(
        "POST",
        "disclosure/lines/",
        KEEPERS_CREATE,
        body={
            "estate": S("estate"),
            "kind": "income",
            "category": "parking",
            "occurred_on": TODAY,
            "amount": "10.00",
        },
    ),
    Row("GET", "disclosure/lines/{pk}/", LEDGER_READERS, params={"pk": S("line")}),
    Row(
        "PATCH",
        "disclosure/lines/{pk}/",
        KEEPERS_200,
        params={"pk": S("line_draft")},
        body={"amount": "20.00"},
    ),
    Row(
        "DELETE",
        "disclosure/lines/{pk}/",
        E("204 | 204 404", "204 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("line_draft")},
    ),
    Row("POST", "disclosure/lines/{pk}/post/", KEEPERS_200, params={"pk": S("line_draft")}),
    Row(
        "POST",
        "disclosure/lines/{pk}/reverse/",
        KEEPERS_CREATE,
        params={"pk": S("line")},
        body={"description": "冲销"},
    ),
    Row(
        "POST",
        "disclosure/lines/{pk}/attachments/",
        E("400 | 400 404", "400 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("line_draft")},
        body={"kind": "receipt", "file": "TEMPLATE"},
        multipart=True,
    ),
    Row(
        "GET",
        "disclosure/lines/{pk}/attachments/{attachment_id}/",
        E(
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "200 | 404 404 | 404 404",
            "403",
            "401",
        ),
        params={"pk": S("line"), "attachment_id": S("line_attachment")},
    ),
    Row("GET", "disclosure/split-rules/", ALL_200),
    Row("GET", "disclosure/split-rules/{estate}/", READERS, params={"estate": S("estate")}),
    Row(
        "PUT",
        "disclosure/split-rules/{estate}/",
        KEEPERS_200,
        params={"estate": S("estate")},
        body={
            "firm_cost_share": "25.00",
            "owners_share": "75.00",
            "reinvestment_target": "30.00",
            "staff_cost_cap": "8.00",
            "maintenance_fund_minimum": None,
        },
    ),
    Row("GET", "disclosure/fund/", ALL_200),
    Row(
        "POST",
        "disclosure/fund/",
        KEEPERS_CREATE,
        body={
            "estate": S("estate"),
            "kind": "deposit",
            "amount": "100.00",
            "occurred_on": TODAY,
        },
    ),
    Row("GET", "disclosure/fund/balance/", READERS, query=ESTATE),
    Row("GET", "statements/", ALL_200),
    Row(
        "POST",
        "statements/",
        KEEPERS_CREATE,
        body={"estate": S("estate"), "kind": "quarterly", "period_start": "2025-01-01"},
    ),
    Row("GET", "statements/{pk}/", READERS, params={"pk": S("statement")}),
    Row("GET", "statements/{pk}/lines/", READERS, params={"pk": S("statement")}),
    Row("POST", "statements/{pk}/verify/", READERS, params={"pk": S("statement")}),
    Row("GET", "statements/{pk}/chain/", READERS, params={"pk": S("statement")}),
    Row("GET", "statements/{pk}/xlsx/", READERS, params={"pk": S("statement")}),
    Row("GET", "statements/{pk}/pdf/", READERS, params={"pk": S("statement")}),
    # the check page behind a notice's QR code: anyone, for any published statement of the firm
    Row(
        "GET",
        "disclosure/check/{pk}/",
        E(*["200 | 200 404"] * 6),
        params={"pk": S("statement")},
        query={"head": "0" * 64},
    ),
    Row("POST", "statements/{pk}/submit/", KEEPERS_200, params={"pk": S("statement_draft")}),
    Row(
        "POST",
        "statements/{pk}/queries/",
        E("403", "403", "403", "201 | 404 404", "403", "401"),
        params={"pk": S("statement_review")},
        body={"question": "为什么？"},
    ),
    Row(
        "POST",
        "statements/{pk}/queries/{query_id}/answer/",
        E("200 | 404 404 | 404 404", "200 | 404 404 | 404 404", "403", "403", "403", "401"),
        params={"pk": S("statement_review"), "query_id": S("statement_query")},
        body={"answer": "已说明"},
    ),
    Row(
        "POST",
        "statements/{pk}/sign-off/",
        # the statement in review has an open query: the committee is told so (409)
        E("403", "403", "403", "409 | 404 404", "403", "401"),
        params={"pk": S("statement_review")},
    ),
]

# --- service scoring (服务评分, #11): the firm (admin, the estate's manager) drafts surveys and
# signs weights for the firm; the estate's committee opens, closes, enters paper forms, reads
# response rates and signs weights; households answer for their own units, never a firm role;
# everyone of the estate reads surveys once open, results once closed, and the scores -------------
DEFAULT_WEIGHTS = {
    "satisfaction": 40,
    "inspection_pass": 15,
    "rectification": 15,
    "complaint_on_time": 10,
    "complaint_reopen": 5,
    "complaint_rating": 10,
    "complaint_response": 5,
}
RATINGS = {"overall": 4, "cleaning": 4, "security": 5, "greening": 3, "repairs": 4, "service": 5}
COMMITTEE_ONLY = E("403", "403", "403", IN_ONLY, "403", "401")
SCORING_ROWS: list[Row] = [
    Row("GET", "scoring/surveys/", ALL_200),
    Row(
        "POST",
        "scoring/surveys/",
        KEEPERS_CREATE,
        body={"estate": S("estate"), "period_start": "2025-01-01"},
    ),
    Row("GET", "scoring/surveys/{pk}/", READERS, params={"pk": S("survey")}),
    Row(
        "PATCH",
        "scoring/surveys/{pk}/",
        KEEPERS_200,
        params={"pk": S("survey_draft")},
        body={"title": "2024 年一季度满意度调查"},
    ),
    Row("POST", "scoring/surveys/{pk}/open/", COMMITTEE_ONLY, params={"pk": S("survey_draft")}),
    Row("POST", "scoring/surveys/{pk}/close/", COMMITTEE_ONLY, params={"pk": S("survey")}),
    Row(
        "POST",
        "scoring/surveys/{pk}/answer/",
        # the committee member owns no unit here (403); the resident answers for their own
        E("403", "403", "403", "403 | 404 404 | 403 403", "200 | 404 404 | 403 403", "401"),
        params={"pk": S("survey")},
        body={"unit": S("unit"), "ratings": RATINGS},
    ),
    Row(
        "POST",
        "scoring/surveys/{pk}/paper/",
        E("403", "403", "403", "201 | 404 404 | 400 400", "403", "401"),
        params={"pk": S("survey")},
        body={"unit": S("unit"), "ratings": RATINGS},
    ),
    Row(
        "GET",
        "scoring/surveys/{pk}/mine/",
        E("403", "403", "403", IN_ONLY, IN_ONLY, "401"),
        params={"pk": S("survey")},
    ),
    Row(
        "POST",
        "scoring/surveys/{pk}/remind/",
        E(IN_ALL, IN_ONLY, "403", IN_ONLY, "403", "401"),
        params={"pk": S("survey")},
    ),
    Row("GET", "scoring/surveys/{pk}/results/", READERS, params={"pk": S("survey_closed")}),
    Row("GET", "scoring/surveys/{pk}/response-rates/", COMMITTEE_ONLY, params={"pk": S("survey")}),
    Row("GET", "scoring/weights/", ALL_200),
    Row(
        "POST",
        "scoring/weights/",
        E("201 | 201 404", "201 | 404 404", "403", "201 | 404 404", "403", "401"),
        body={"estate": S("estate"), "weights": DEFAULT_WEIGHTS},
    ),
    Row(
        "POST",
        "scoring/weights/{pk}/sign/",
        # the firm proposed (and so signed) these: the committee's signature is missing
        E("409 | 409 404", "409 | 404 404", "403", IN_ONLY, "403", "401"),
        params={"pk": S("weights")},
    ),
    Row("GET", "scoring/weights/current/", READERS, query=ESTATE),
    Row("GET", "scoring/scores/", ALL_200),
    Row("GET", "scoring/scores/{pk}/", READERS, params={"pk": S("score")}),
    Row("GET", "scoring/scores/{pk}/export/", READERS, params={"pk": S("score")}),
    Row("GET", "scoring/alerts/", ALL_200),
    # an improvement plan: the firm (admin, the estate's manager) reports it done; only the
    # estate's committee confirms it or sends it back
    Row(
        "POST",
        "scoring/alerts/{pk}/report/",
        KEEPERS_200,
        params={"pk": S("alert_plan")},
        body={"note": "保洁每天两次，门禁已更换"},
    ),
    Row("POST", "scoring/alerts/{pk}/confirm/", COMMITTEE_ONLY, params={"pk": S("alert_reported")}),
    Row(
        "POST",
        "scoring/alerts/{pk}/send-back/",
        COMMITTEE_ONLY,
        params={"pk": S("alert_reported")},
        body={"reason": "门禁仍然坏着"},
    ),
    Row("GET", "scoring/portfolio/", E("200", "200", "403", "200", "403", "401")),
]


ALL_ROWS = ROWS + CONFIG_ROWS + REQUEST_ROWS + DISCLOSURE_ROWS + SCORING_ROWS

# --- billing: the firm's own subscription (the firm admin only) --------------------------------
# Stripe is not configured in the matrix: no catalogue price (checkout 400 naming `price`) and
# no customer yet (portal 409).
FIRM_ADMIN_ONLY = E("200", "403", "403", "403", "403", "401")
BILLING_ROWS: list[Row] = [
    Row("GET", "billing/", FIRM_ADMIN_ONLY),
    Row("GET", "billing/invoices/", FIRM_ADMIN_ONLY),
    Row("PATCH", "billing/invoicing/", FIRM_ADMIN_ONLY, body={"fapiao_title": "某某物业有限公司"}),
    Row(
        "POST",
        "billing/checkout/",
        E("400", "403", "403", "403", "403", "401"),
        body={"price": "linli_units_monthly"},
    ),
    Row("POST", "billing/portal/", E("409", "403", "403", "403", "403", "401")),
]
ALL_ROWS = ALL_ROWS + BILLING_ROWS
# --- supervision (业主监督, #9): the committee's confirmed supervisors write every supervisor
# record (no firm role can); the firm admin and the estate's manager answer and reassign
# rectifications; the firm side and the committee read templates, schedules, the board and the
# KPIs; residents read the published reports of their estate ------------------------------------
TRACKERS = E("200", "200", "200", "200", "403", "401")
TRACK_READ = E(IN_ALL, IN_ONLY, IN_ONLY, IN_ONLY, "403", "401")
COMMITTEE_ONLY = E("403", "403", "403", IN_ONLY, "403", "401")
COMMITTEE_CREATE = E("403", "403", "403", "201 | 404 404", "403", "401")
SUP_PHOTO = "200 | 404 404 | 404 404"
SUPERVISION_ROWS: list[Row] = [
    Row("GET", "supervision/library/", TRACKERS),
    Row("GET", "supervision/templates/", TRACKERS),
    Row(
        "POST",
        "supervision/templates/",
        COMMITTEE_CREATE,
        body={"estate": S("estate"), "service_line": "fire"},
    ),
    Row("GET", "supervision/templates/{pk}/", TRACK_READ, params={"pk": S("sup_template")}),
    Row(
        "POST",
        "supervision/templates/{pk}/versions/",
        COMMITTEE_CREATE,
        params={"pk": S("sup_template")},
        body={"items": [{"title": "楼道", "standard": "无杂物"}]},
    ),
    Row("GET", "supervision/schedules/", TRACKERS),
    Row(
        "POST",
        "supervision/schedules/",
        E("403", "403", "403", "201 | 404 404 | 404 404", "403", "401"),
        body={
            "estate": S("estate"),
            "template": S("sup_template"),
            "frequency": "weekly",
            "starts_on": TODAY,
        },
    ),
    Row("GET", "supervision/schedules/{pk}/", TRACK_READ, params={"pk": S("sup_schedule")}),
    Row(
        "POST",
        "supervision/schedules/{pk}/end/",
        COMMITTEE_ONLY,
        params={"pk": S("sup_schedule")},
        body={"ends_on": SOON},
    ),
    Row("GET", "supervision/rounds/", ALL_200),
    Row(
        "POST",
        "supervision/rounds/",
        E("403", "403", "403", "201 | 404 404 | 404 404", "403", "401"),
        body={"estate": S("estate"), "template": S("sup_template"), "key": "matrix-round-01"},
    ),
    Row("GET", "supervision/rounds/{pk}/", READERS, params={"pk": S("sup_round")}),
    Row("GET", "supervision/rounds/{pk}/report/", READERS, params={"pk": S("sup_round")}),
    Row(
        "POST",
        "supervision/rounds/{pk}/answers/",
        E("403", "403", "403", "200 | 404 404 | 400 400", "403", "401"),
        params={"pk": S("sup_round_open")},
        body={"item": S("sup_item"), "result": "fail", "key": "matrix-answer-01"},
    ),
    Row(
        "POST",
        "supervision/rounds/{pk}/photos/",
        # the template file is no photo: the supervisor is told so (400)
        E("403", "403", "403", "400 | 404 404 | 400 400", "403", "401"),
        params={"pk": S("sup_round_open")},
        body={"item": S("sup_item"), "key": "matrix-photo-01", "file": "TEMPLATE"},
        multipart=True,
    ),
    Row(
        "GET",
        "supervision/rounds/{pk}/photos/{photo_id}/",
        E(SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, "401"),
        params={"pk": S("sup_round"), "photo_id": S("sup_photo")},
    ),
    Row(
        "POST",
        "supervision/rounds/{pk}/submit/",
        COMMITTEE_ONLY,
        params={"pk": S("sup_round_open")},
    ),
    Row(
        "POST",
        "supervision/rounds/{pk}/addenda/",
        COMMITTEE_CREATE,
        params={"pk": S("sup_round")},
        body={"text": "补充说明"},
    ),
    Row(
        "POST",
        "supervision/rounds/{pk}/publish/",
        COMMITTEE_ONLY,
        params={"pk": S("sup_round_private")},
    ),
    Row("GET", "supervision/rectifications/", TRACKERS),
    Row("GET", "supervision/rectifications/{pk}/", TRACK_READ, params={"pk": S("sup_rect")}),
    Row(
        "POST",
        "supervision/rectifications/{pk}/answer/",
        E(IN_ALL, IN_ONLY, "403", "403", "403", "401"),
        params={"pk": S("sup_rect")},
        body={"plan": "已安排清理"},
        multipart=True,
    ),
    Row(
        "POST",
        "supervision/rectifications/{pk}/verify/",
        COMMITTEE_ONLY,
        params={"pk": S("sup_rect_answered")},
        body={"note": "已核实"},
    ),
    Row(
        "POST",
        "supervision/rectifications/{pk}/reject/",
        COMMITTEE_ONLY,
        params={"pk": S("sup_rect_answered")},
        body={"reason": "仍未清理"},
    ),
    Row(
        "POST",
        "supervision/rectifications/{pk}/reassign/",
        # another estate's manager is no assignee here (400)
        E("200 | 400 404 | 400 400", "200 | 404 404 | 400 400", "403", "403", "403", "401"),
        params={"pk": S("sup_rect")},
        body={"assignee": S("sup_manager")},
    ),
    Row(
        "GET",
        "supervision/rectifications/{pk}/photos/{photo_id}/",
        E(SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, "403", "401"),
        params={"pk": S("sup_rect_answered"), "photo_id": S("sup_evidence")},
    ),
    Row(
        "GET",
        "supervision/kpis/",
        TRACK_READ,
        query={"estate": S("estate"), "start": TODAY, "end": TODAY},
    ),
]


ALL_ROWS = ALL_ROWS + SUPERVISION_ROWS


# --- the committee's filings (备案) and roster (#9 §1): the chair (or, for a first filing, an
# owner of record) files and follows their own filings; no firm role files, reads a filing or
# records a resignation; everyone who sees the estate reads its roster and history ----------------
FILERS = E("403", "403", "403", "200", "200", "401")
FILING_BODY = {
    "estate": S("estate"),
    "number": "矩阵-备-001",
    "street_authority": "街道办事处",
    "housing_authority": "区住建委",
    "election_date": TODAY,
    "filed_on": TODAY,
    "term_start": TODAY,
    "term_end": LATER,
    "members": '[{"full_name": "矩阵主任", "email": "matrix-chair@owners.test", '
    '"position": "chair"}]',
    "receipt": "TEMPLATE",
}
COMMITTEE_ROWS: list[Row] = [
    Row("GET", "committee/filings/", FILERS),
    Row(
        "POST",
        "committee/filings/",
        # the chair's template file is no receipt scan (400); the resident's estate has a chair
        E("403", "403", "403", "400 | 404 404", "403 | 404 404", "401"),
        body=FILING_BODY,
        multipart=True,
    ),
    Row(
        "GET",
        "committee/filings/{pk}/",
        E("403", "403", "403", IN_ONLY, "404", "401"),
        params={"pk": S("filing")},
    ),
    Row("GET", "committee/rosters/{pk}/", READERS, params={"pk": S("estate")}),
    Row("GET", "committee/rosters/{pk}/history/", READERS, params={"pk": S("estate")}),
    Row(
        "POST",
        "committee/seats/{pk}/resign/",
        E("403", "403", "403", IN_ONLY, "403", "401"),
        params={"pk": S("committee")},
    ),
]
ALL_ROWS = ALL_ROWS + COMMITTEE_ROWS

# --- responsibilities (权责清单, #9 §6): the firm (admin, the estate's manager) and the
# committee's supervisors each propose; only the other side agrees or declines; everyone who
# sees the estate reads the list in force; proposals are not shown to residents ---------------
DUTY_ITEMS = [{"matter": "公共区域保洁", "party": "firm", "detail": ""}]
DUTY_DECIDE = E("403 | 403 404", "403 | 404 404", "403 | 404 404", IN_ONLY, "404", "401")
RESPONSIBILITY_ROWS: list[Row] = [
    Row("GET", "responsibilities/", READERS, query=ESTATE),
    Row(
        "POST",
        "responsibilities/",
        E(
            "201 | 201 404",
            "201 | 404 404",
            "403 | 404 404",
            "201 | 404 404",
            "403 | 404 404",
            "401",
        ),
        body={"estate": S("estate"), "items": DUTY_ITEMS},
    ),
    Row("GET", "responsibilities/defaults/", ALL_200),
    Row(
        "GET",
        "responsibilities/{pk}/",
        E(IN_ALL, IN_ONLY, IN_ONLY, IN_ONLY, "404", "401"),
        params={"pk": S("duty_revision")},
    ),
    Row("POST", "responsibilities/{pk}/agree/", DUTY_DECIDE, params={"pk": S("duty_revision")}),
    Row(
        "POST",
        "responsibilities/{pk}/decline/",
        DUTY_DECIDE,
        params={"pk": S("duty_revision")},
        body={"reason": "需要再商量"},
    ),
]
ALL_ROWS = ALL_ROWS + RESPONSIBILITY_ROWS

# --- notices (公告, #13 §7): the firm side (admin, the estate's manager) and the committee's
# supervisors publish; only the publishing side retracts, only the firm edits its own; everyone
# who sees the estate reads; read receipts for every reader ------------------------------------
NOTICE_BODY = {"estate": S("estate"), "title": "停水通知", "body": "明日停水"}
NOTICE_ROWS: list[Row] = [
    Row("GET", "notices/", ALL_200),
    Row(
        "POST",
        "notices/",
        E(
            "201 | 201 404",
            "201 | 404 404",
            "403 | 404 404",
            "201 | 404 404",
            "403 | 404 404",
            "401",
        ),
        body=NOTICE_BODY,
    ),
    Row("GET", "notices/{pk}/", READERS, params={"pk": S("notice")}),
    Row(
        "PATCH",
        "notices/{pk}/",
        E(IN_ALL, IN_ONLY, "403 | 404 404", "403 | 404 404", "403 | 404 404", "401"),
        params={"pk": S("notice")},
        body={"pinned": True},
    ),
    Row(
        "POST",
        "notices/{pk}/retract/",
        E(IN_ALL, IN_ONLY, "403 | 404 404", "403 | 404 404", "403 | 404 404", "401"),
        params={"pk": S("notice")},
        body={"reason": "已恢复"},
    ),
    Row("POST", "notices/{pk}/read/", READERS, params={"pk": S("notice")}),
]
ALL_ROWS = ALL_ROWS + NOTICE_ROWS

# --- votes (业主大会表决, #15 §2): only the estate's confirmed committee drafts, announces, opens,
# closes, publishes and enters paper ballots; only owners in the frozen electorate cast; the firm
# never votes or sees who voted what (it reads the aggregates); the world's vote is open, so the
# committee's stage changes answer 409 ----------------------------------------------------------
VOTE_BODY = {
    "title": "更换电梯",
    "options": ["同意", "反对"],
    "matter": "fund_use",
    "opens_at": (timezone.now() + timedelta(days=20)).isoformat(),
    "closes_at": (timezone.now() + timedelta(days=40)).isoformat(),
}
VOTE_STAGE = E(
    "403 | 403 404", "403 | 404 404", "403 | 404 404", "409 | 404 404", "403 | 404 404", "401"
)
VOTE_COMMITTEE_READ = E(
    "403 | 403 404", "403 | 404 404", "403 | 404 404", IN_ONLY, "403 | 404 404", "401"
)
VOTE = {"pk": S("vote")}
VOTE_ROWS: list[Row] = [
    Row("GET", "votes/", READERS, query=ESTATE),
    Row(
        "POST",
        "votes/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "201 | 404 404",
            "403 | 404 404",
            "401",
        ),
        body={"estate": S("estate"), **VOTE_BODY},
    ),
    Row("GET", "votes/{pk}/", READERS, params=VOTE),
    Row("PUT", "votes/{pk}/", VOTE_STAGE, params=VOTE, body=VOTE_BODY),
    Row("POST", "votes/{pk}/announce/", VOTE_STAGE, params=VOTE),
    Row("POST", "votes/{pk}/open/", VOTE_STAGE, params=VOTE),
    Row("POST", "votes/{pk}/close/", VOTE_STAGE, params=VOTE),
    Row("POST", "votes/{pk}/publish/", VOTE_STAGE, params=VOTE),
    Row(
        "POST",
        "votes/{pk}/cast/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "403 | 404 404",
            "201 | 404 404",
            "401",
        ),
        params=VOTE,
        body={"choice": 0},
    ),
    Row(
        "POST",
        "votes/{pk}/paper/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "400 | 404 404",
            "403 | 404 404",
            "401",
        ),
        params=VOTE,
        body={"elector": 1, "choice": 0, "scan": "TEMPLATE"},
        multipart=True,
    ),
    Row(
        "POST",
        "votes/{pk}/confirm/",
        E("403 | 403 404", "403 | 404 404", "403 | 404 404", "404", "403 | 404 404", "401"),
        params=VOTE,
        body={"ballot": 1, "accept": True},
    ),
    Row("GET", "votes/{pk}/electors/", VOTE_COMMITTEE_READ, params=VOTE),
    Row("GET", "votes/{pk}/ballots/", VOTE_COMMITTEE_READ, params=VOTE),
    Row("POST", "votes/{pk}/receipt/", READERS, params=VOTE, body={"receipt": "NOPE"}),
    Row("GET", "votes/{pk}/export/", E("404", "404", "404", "404", "404", "401"), params=VOTE),
]
ALL_ROWS = ALL_ROWS + VOTE_ROWS

# --- topics (议事厅, #15 §1): residents and the committee raise and support; the committee
# answers, hides and merges; the firm reads only. The world's topic is the resident's own ------
TOPIC = {"pk": S("topic")}
TOPIC_COMMITTEE = E(
    "403 | 403 404", "403 | 404 404", "403 | 404 404", IN_ONLY, "403 | 404 404", "401"
)
TOPIC_ROWS: list[Row] = [
    Row("GET", "topics/", READERS, query=ESTATE),
    Row(
        "POST",
        "topics/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "201 | 404 404",
            "201 | 404 404",
            "401",
        ),
        body={"estate": S("estate"), "title": "电梯常坏"},
    ),
    Row("GET", "topics/{pk}/", READERS, params=TOPIC),
    Row(
        "GET",
        "topics/{pk}/photos/{photo_id}/",
        E(SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, SUP_PHOTO, "401"),
        params={"pk": S("topic"), "photo_id": S("topic_photo")},
    ),
    # the hall's agenda threshold: every reader of the estate reads it; only its committee sets it
    Row("GET", "topics/hall/", READERS, query=ESTATE),
    Row("POST", "topics/hall/", TOPIC_COMMITTEE, body={"estate": S("estate"), "threshold": 5}),
    # the resident raised the world's topic: supporting one's own is refused (400)
    Row(
        "POST",
        "topics/{pk}/support/",
        E("403 | 403 404", "403 | 404 404", "403 | 404 404", IN_ONLY, "400 | 404 404", "401"),
        params=TOPIC,
    ),
    Row(
        "POST",
        "topics/{pk}/answer/",
        TOPIC_COMMITTEE,
        params=TOPIC,
        body={"outcome": "answered", "answer": "已安排检修"},
    ),
    Row("POST", "topics/{pk}/hide/", TOPIC_COMMITTEE, params=TOPIC, body={"reason": "广告"}),
    Row(
        "POST",
        "topics/{pk}/merge/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "400 | 404 404",
            "403 | 404 404",
            "401",
        ),
        params=TOPIC,
        body={"into": 1},
    ),
]
ALL_ROWS = ALL_ROWS + TOPIC_ROWS

# --- tracked decisions (事事有回音, #15 §3): every reader of the estate reads; the committee
# creates, confirms and sends back; the world's item is the firm's (its manager owns it), open:
# the firm posts progress and reports it done, the committee's confirm/return answer 409 --------
DECISION = {"pk": S("vote_decision")}
DECISION_COMMITTEE = E(
    "403 | 403 404", "403 | 404 404", "403 | 404 404", "409 | 404 404", "403 | 404 404", "401"
)
DECISION_ROWS: list[Row] = [
    Row("GET", "decisions/", READERS, query=ESTATE),
    # no adopted topic of that id: the committee's request is a 400 naming it
    Row(
        "POST",
        "decisions/",
        E(
            "403 | 403 404",
            "403 | 404 404",
            "403 | 404 404",
            "400 | 404 404",
            "403 | 404 404",
            "401",
        ),
        body={
            "estate": S("estate"),
            "title": "修路灯",
            "topic": 999999,
            "owner_side": "committee",
            "owner": 1,
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    ),
    Row(
        "GET",
        "decisions/owners/",
        E("403 | 403 404", "403 | 404 404", "403 | 404 404", IN_ONLY, "403 | 404 404", "401"),
        query=ESTATE,
    ),
    Row("GET", "decisions/{pk}/", READERS, params=DECISION),
    Row(
        "POST",
        "decisions/{pk}/progress/",
        E(
            "201 | 201 404",
            "201 | 404 404",
            "201 | 404 404",
            "201 | 404 404",
            "403 | 404 404",
            "401",
        ),
        params=DECISION,
        body={"body": "已询价"},
    ),
    Row(
        "POST",
        "decisions/{pk}/report/",
        E(IN_ALL, IN_ONLY, IN_ONLY, "403 | 404 404", "403 | 404 404", "401"),
        params=DECISION,
        body={"body": "已完成"},
    ),
    Row("POST", "decisions/{pk}/return/", DECISION_COMMITTEE, params=DECISION, body={"body": "x"}),
    Row("POST", "decisions/{pk}/done/", DECISION_COMMITTEE, params=DECISION, body={}),
    Row(
        "POST",
        "decisions/{pk}/link/",
        E(
            "400 | 400 404",
            "400 | 404 404",
            "400 | 404 404",
            "400 | 404 404",
            "403 | 404 404",
            "401",
        ),
        params=DECISION,
        body={"ledger_line": 999999},
    ),
]
ALL_ROWS = ALL_ROWS + DECISION_ROWS

# --- support access (#14 §5): the firm's admins read the platform's requests and decide on
# them; the world's requests are declined already (409); no other role sees them -------------
SUPPORT = {"pk": S("support_grant")}
DECIDED = E("409 | 409 404", "403", "403", "403", "403", "401")
SUPPORT_ROWS: list[Row] = [
    Row("GET", "support/grants/", E("200", "403", "403", "403", "403", "401")),
    Row("POST", "support/grants/{pk}/approve/", DECIDED, params=SUPPORT),
    Row("POST", "support/grants/{pk}/decline/", DECIDED, params=SUPPORT),
    Row("POST", "support/grants/{pk}/revoke/", DECIDED, params=SUPPORT),
    # pre-approval: only the firm's admins read and make them; the world's are ended (409)
    Row("GET", "support/preapprovals/", E("200", "403", "403", "403", "403", "401")),
    Row(
        "POST",
        "support/preapprovals/",
        E("201", "403", "403", "403", "403", "401"),
        body={"max_hours": 4, "days": 7},
    ),
    Row(
        "POST",
        "support/preapprovals/{pk}/end/",
        DECIDED,
        params={"pk": S("support_preapproval")},
    ),
    # a platform admin's ticket is redeemed here by anyone holding it: a bad one is refused
    Row(
        "POST", "support/enter/", E("403", "403", "403", "403", "403", "403"), body={"ticket": "x"}
    ),
]
ALL_ROWS = ALL_ROWS + SUPPORT_ROWS

# --- the audit log (issue #14 §5): firm admins only among the matrix's roles (an auditor reads
# their estate: tests/audit); with the other firm's estate id, still 200 and nothing of it ---
AUDIT_ROWS: list[Row] = [
    Row("GET", "audit/events/", E("200", "403", "403", "403", "403", "401")),
    Row(
        "GET",
        "audit/events/",
        E("200 | 200 200", "403", "403", "403", "403", "401"),
        query=ESTATE,
        label="filtered by estate",
    ),
    Row("GET", "audit/events/export/", E("200", "403", "403", "403", "403", "401")),
]
ALL_ROWS = ALL_ROWS + AUDIT_ROWS

# --- the firm's data export (#14 §4): firm admins only; a job of the other firm is a 404 ------
EXPORT = {"pk": S("export")}
EXPORT_ROWS: list[Row] = [
    Row("GET", "exports/", E("200", "403", "403", "403", "403", "401")),
    Row("POST", "exports/", E("201", "403", "403", "403", "403", "401")),
    Row(
        "GET", "exports/{pk}/", E("200 | 200 404", "403", "403", "403", "403", "401"), params=EXPORT
    ),
    Row(
        "GET",
        "exports/{pk}/download/",
        E("200 | 200 404", "403", "403", "403", "403", "401"),
        params=EXPORT,
    ),
]
ALL_ROWS = ALL_ROWS + EXPORT_ROWS
