"""The Aliyun SMS adapter against a local stand-in of dysmsapi: the stand-in recomputes the
HMAC-SHA1 signature from the request it received, with its own code, and answers as Aliyun
does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from sms.backends import AliyunBackend, ConsoleBackend, get_backend, percent_encode
from sms.exceptions import SmsSendFailed

KEY_ID = "testId"
SECRET = "testSecret"
UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def _encode(text: str) -> str:
    """Aliyun's percent-encoding, written out byte by byte (independent of the adapter's)."""
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


def _expected_signature(params: dict[str, str], secret: str) -> str:
    canonical = "&".join(f"{_encode(k)}={_encode(params[k])}" for k in sorted(params))
    string_to_sign = "GET&%2F&" + _encode(canonical)
    mac = hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode()


class StandIn(BaseHTTPRequestHandler):
    received: list[dict[str, str]] = []
    raw_queries: list[str] = []

    def do_GET(self) -> None:
        raw = self.path.split("?", 1)[1]
        StandIn.raw_queries.append(raw)
        params = {}
        for pair in raw.split("&"):
            key, value = pair.split("=", 1)
            # Aliyun never sends '+' for a space: the query must use %20
            params[unquote(key)] = unquote(value)
        StandIn.received.append(params)
        signature = params.pop("Signature")
        if signature == _expected_signature(params, SECRET) and "+" not in raw:
            body = {"Code": "OK", "Message": "OK", "BizId": "9006197469364984^0", "RequestId": "r"}
            status = 200
        else:
            body = {
                "Code": "SignatureDoesNotMatch",
                "Message": "Specified signature is not matched",
            }
            status = 400
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stand_in(settings) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandIn.received, StandIn.raw_queries = [], []
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.LINLI_SMS_BACKEND = "aliyun"
    settings.LINLI_SMS_ALIYUN_ENDPOINT = url
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_ID = KEY_ID
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET = SECRET
    settings.LINLI_SMS_ALIYUN_SIGN_NAME = "阳光 物业*~"  # a space, a '*' and a '~' on purpose
    settings.LINLI_SMS_TEMPLATES = {"login_code": "SMS_71390007"}
    yield url
    server.shutdown()
    server.server_close()


def test_percent_encoding_follows_aliyun_rules() -> None:
    assert percent_encode("a b*c~d/e+f") == "a%20b%2Ac~d%2Fe%2Bf"
    assert percent_encode("阿") == "%E9%98%BF"
    assert percent_encode('{"code":"1"}') == "%7B%22code%22%3A%221%22%7D"


def test_a_signed_send_sms_is_accepted_by_the_stand_in(stand_in) -> None:
    backend = get_backend()
    assert isinstance(backend, AliyunBackend)
    backend.send("13800138000", "login_code", {"code": "042917"})
    [params] = StandIn.received
    assert params["Action"] == "SendSms"
    assert params["Version"] == "2017-05-25"
    assert params["SignatureMethod"] == "HMAC-SHA1"
    assert params["SignatureVersion"] == "1.0"
    assert params["AccessKeyId"] == KEY_ID
    assert params["PhoneNumbers"] == "13800138000"
    assert params["SignName"] == "阳光 物业*~"
    assert params["TemplateCode"] == "SMS_71390007"
    assert json.loads(params["TemplateParam"]) == {"code": "042917"}
    assert "%20" in StandIn.raw_queries[0] and "%2A" in StandIn.raw_queries[0]


def test_a_wrong_secret_is_refused_and_reported(stand_in, settings) -> None:
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET = "notTheSecret"
    with pytest.raises(SmsSendFailed):
        get_backend().send("13800138000", "login_code", {"code": "042917"})
    assert len(StandIn.received) == 1


def test_an_unreachable_provider_is_a_send_failure(settings) -> None:
    settings.LINLI_SMS_BACKEND = "aliyun"
    settings.LINLI_SMS_ALIYUN_ENDPOINT = "http://127.0.0.1:9/"
    with pytest.raises(SmsSendFailed):
        get_backend().send("13800138000", "login_code", {"code": "042917"})


def test_the_signature_matches_aliyuns_documented_example(settings) -> None:
    """The worked example in Aliyun's SMS API signature documentation."""
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_ID = "testId"
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET = "testSecret"
    settings.LINLI_SMS_ALIYUN_SIGN_NAME = "阿里云短信测试专用"
    settings.LINLI_SMS_TEMPLATES = {}
    backend = AliyunBackend()
    params = backend.request_params(
        "15300000001",
        "SMS_71390007",
        {"customer": "test"},
        nonce="45e25e9b-0a6f-4070-8c85-2956eda1b466",
        timestamp="2017-07-12T02:42:19Z",
    )
    params.pop("Signature")
    params.update(Format="XML", OutId="123")
    from sms.backends import rpc_signature

    assert rpc_signature(params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_the_console_is_the_default_backend() -> None:
    assert isinstance(get_backend(), ConsoleBackend)
