"""SMS providers. `get_backend()` returns the one `LINLI_SMS_BACKEND` names: "console" (the
default: the message goes to the log) or "aliyun" (Aliyun SMS `SendSms`, HTTP RPC API with the
HMAC-SHA1 signature, version 2017-05-25)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import quote
from urllib.request import urlopen

from django.conf import settings
from django.utils.module_loading import import_string

from .exceptions import SmsSendFailed

logger = logging.getLogger(__name__)

# What our templates say (zh-hans); a real provider sends its own approved template instead.
TEMPLATE_TEXT = {
    "login_code": "您的登录验证码为 {code}，5 分钟内有效。请勿告诉他人。",
    "urgent_notice": "{title}。详情请打开邻里查看。",
}


class SmsBackend(Protocol):
    def send(self, phone: str, template: str, params: Mapping[str, str]) -> None: ...


class ConsoleBackend:
    """Development and tests: the message goes to the log (logger `sms`), nowhere else."""

    sent: list[tuple[str, str, dict[str, str]]] = []  # the last messages, for tests

    def send(self, phone: str, template: str, params: Mapping[str, str]) -> None:
        text = TEMPLATE_TEXT.get(template, template).format(**params)
        logging.getLogger("sms").info("SMS to %s [%s]: %s", phone, template, text)
        ConsoleBackend.sent = [*ConsoleBackend.sent[-49:], (phone, template, dict(params))]


def percent_encode(value: str) -> str:
    """Aliyun's rule: UTF-8, then percent-encode everything but A-Z a-z 0-9 - _ . ~ (so a space
    is %20, never +; * is %2A; ~ stays)."""
    return quote(value.encode("utf-8"), safe="-_.~")


def rpc_signature(params: Mapping[str, str], secret: str, method: str = "GET") -> str:
    """Signature of an Aliyun RPC request: HMAC-SHA1 keyed with `secret + "&"` over
    `METHOD&%2F&percent(canonical query)`, base64."""
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items())
    )
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunBackend:
    """Aliyun SMS (dysmsapi) `SendSms`. Keys and the sign name come from the environment
    (settings LINLI_SMS_ALIYUN_*); `LINLI_SMS_TEMPLATES` maps our template names to approved
    template codes."""

    def __init__(self) -> None:
        self.endpoint = settings.LINLI_SMS_ALIYUN_ENDPOINT.rstrip("/") + "/"
        self.key_id = settings.LINLI_SMS_ALIYUN_ACCESS_KEY_ID
        self.secret = settings.LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET
        self.sign_name = settings.LINLI_SMS_ALIYUN_SIGN_NAME
        self.region = settings.LINLI_SMS_ALIYUN_REGION
        self.templates: Mapping[str, str] = settings.LINLI_SMS_TEMPLATES

    def request_params(
        self, phone: str, template: str, params: Mapping[str, str], *, nonce: str, timestamp: str
    ) -> dict[str, str]:
        query = {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "TemplateCode": self.templates.get(template, template),
            "TemplateParam": json.dumps(dict(params), ensure_ascii=False, separators=(",", ":")),
            "Timestamp": timestamp,
            "Version": "2017-05-25",
        }
        query["Signature"] = rpc_signature(query, self.secret)
        return query

    def send(self, phone: str, template: str, params: Mapping[str, str]) -> None:
        query = self.request_params(
            phone,
            template,
            params,
            nonce=str(uuid.uuid4()),
            timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        url = (
            self.endpoint
            + "?"
            + "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in query.items())
        )
        try:
            with urlopen(url, timeout=10) as response:  # noqa: S310 (https endpoint from settings)
                body = json.loads(response.read().decode("utf-8"))
        except Exception as exc:  # network, HTTP 4xx/5xx, bad JSON
            raise SmsSendFailed(str(exc)) from exc
        if body.get("Code") != "OK":
            raise SmsSendFailed(f"{body.get('Code')}: {body.get('Message')}")


BACKENDS = {"console": ConsoleBackend, "aliyun": AliyunBackend}


def get_backend() -> SmsBackend:
    name = settings.LINLI_SMS_BACKEND
    cls: type = BACKENDS.get(name) or import_string(name)
    backend: SmsBackend = cls()
    return backend
