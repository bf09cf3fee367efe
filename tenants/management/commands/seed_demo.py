"""`manage.py seed_demo`: the demo platform admin and a demo firm with sample people.
Idempotent: re-running keeps what exists and resets the demo passwords."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from accounts.choices import Role
from accounts.models import User
from accounts.services import password_set, platform_admin_ensure, user_create
from complaints.demo import demo_requests_ensure
from estates.demo import demo_portfolio_ensure
from tenants.models import Firm
from tenants.services import FirmInput, firm_onboard, url_for_firm

DEMO_PASSWORD = "LinliDemo#2026"
PLATFORM_ADMIN = "admin@linli.local"
DEMO_FIRMS: list[dict[str, Any]] = [
    {
        "name": "阳光物业服务有限公司",
        "slug": "demo",
        "domain": "demo.linli.local",
        "people": [
            ("firm_admin", "王建国", Role.FIRM_ADMIN),
            ("manager", "李秀英", Role.MANAGER),
            ("staff", "张师傅", Role.STAFF),
            ("committee", "陈志强", Role.COMMITTEE),
            ("resident", "刘阿姨", Role.RESIDENT),
        ],
    },
]


class Command(BaseCommand):
    help = "Create the demo platform admin and demo firm (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with schema_context("public"):
            platform_admin_ensure(
                email=PLATFORM_ADMIN, password=DEMO_PASSWORD, full_name="平台管理员"
            )
        lines = [
            f"  平台管理 Platform console  {settings.SITE_SCHEME}://{settings.BASE_DOMAIN}"
            f"{':' + settings.SITE_PORT if settings.SITE_PORT else ''}/",
            f"      {PLATFORM_ADMIN} / {DEMO_PASSWORD}",
        ]
        for spec in DEMO_FIRMS:
            firm = Firm.objects.filter(slug=spec["slug"]).first()
            admin_email = f"{spec['people'][0][0]}@{spec['domain']}"
            if firm is None:
                firm = firm_onboard(
                    data=FirmInput(
                        name=spec["name"],
                        slug=spec["slug"],
                        admin_email=admin_email,
                        admin_name=spec["people"][0][1],
                        contact_name=spec["people"][0][1],
                        contact_phone="021-55550000",
                    ),
                    provision="now",
                )
            lines.append(f"  {firm.name}  {url_for_firm(firm)}")
            with schema_context(firm.schema_name):
                users: dict[str, User] = {}
                for local, name, role in spec["people"]:
                    email = f"{local}@{spec['domain']}"
                    user = User.objects.filter(email=email).first()
                    if user is None:
                        user = user_create(
                            email=email, full_name=name, role=role, phone="13800138000"
                        )
                    password_set(user=user, password=DEMO_PASSWORD)
                    users[local] = user
                    lines.append(f"      {role:<11} {email} / {DEMO_PASSWORD}")
                estates = demo_portfolio_ensure(people=users)
                made = demo_requests_ensure(estate=estates[0], people=users)
                lines.append(
                    "      小区 Estates: " + ", ".join(f"{e.code} {e.name}" for e in estates)
                )
                if made:
                    lines.append(f"      报事 Requests: {made} demo requests in {estates[0].code}")
        self.stdout.write(self.style.SUCCESS("Demo data ready. 演示账号 Demo logins:"))
        self.stdout.write("\n".join(lines))
