import pytest
from starlette.requests import Request

from vraagbaak.config import Settings
from vraagbaak.errors import ConfigurationError
from vraagbaak.service.auth import check_security_settings, has_api_key, may_call, proxy_identity


def request(headers: dict[str, str], path: str = "/api/ask", client: str = "10.0.0.9") -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in {"host": "vraagbaak.example", **headers}.items()]
    return Request({"type": "http", "method": "POST", "path": path, "scheme": "https", "headers": raw,
                    "query_string": b"", "server": ("vraagbaak.example", 443), "client": (client, 50000)})


def test_the_key_in_either_header():
    assert has_api_key(request({"X-API-Key": "geheim"}), "geheim")
    assert has_api_key(request({"Authorization": "Bearer geheim"}), "geheim")
    assert not has_api_key(request({"X-API-Key": "fout"}), "geheim")
    assert not has_api_key(request({}), "geheim")
    assert not has_api_key(request({"X-API-Key": ""}), "")


def test_browser_headers_never_replace_the_key():
    settings = Settings(api_key="geheim", require_key=True, cors_origins="https://intranet.example")
    for forged in ({"Origin": "https://intranet.example"}, {"Sec-Fetch-Site": "same-origin"}, {"Referer": "https://x"}):
        assert not may_call(request(forged), settings)
    assert may_call(request({"X-API-Key": "geheim"}), settings)


def test_without_require_key_the_widget_endpoints_are_public_and_admin_is_not():
    settings = Settings(api_key="geheim")
    assert may_call(request({}), settings) and may_call(request({}, "/api/feedback"), settings)
    assert not may_call(request({}, "/api/admin/reload"), settings)
    assert may_call(request({"X-API-Key": "geheim"}, "/api/admin/reload"), settings)


def test_a_user_named_by_a_trusted_proxy_counts_and_from_anyone_else_not():
    settings = Settings(require_key=True, trusted_proxy_header="X-Forwarded-User", trusted_proxies="10.0.0.1")
    from_proxy = request({"X-Forwarded-User": "j.jansen"}, client="10.0.0.1")
    from_elsewhere = request({"X-Forwarded-User": "j.jansen"}, client="10.0.0.9")
    assert proxy_identity(from_proxy, settings) == "j.jansen" and may_call(from_proxy, settings)
    assert proxy_identity(from_elsewhere, settings) is None and not may_call(from_elsewhere, settings)
    assert not may_call(request({}, client="10.0.0.1"), settings)  # the proxy itself, without a user


@pytest.mark.parametrize("settings,phrase", [
    (Settings(require_key=True), "niemand kan de API"),
    (Settings(trusted_proxy_header="X-Forwarded-User"), "VRAAGBAAK_TRUSTED_PROXIES"),
    (Settings(api_key="1"), "te kort \\(1 teken\\)"),  # a black-box test: "1" opened the owners' pages
    (Settings(api_key="geheim-sleutel"), "minstens 16"),
])
def test_settings_that_lock_everyone_out_or_trust_anyone_are_refused(settings, phrase):
    with pytest.raises(ConfigurationError, match=phrase):
        check_security_settings(settings)


def test_a_trusted_proxy_serves_the_api_without_owners_named():
    check_security_settings(Settings(require_key=True, trusted_proxy_header="X-Forwarded-User", trusted_proxies="10.0.0.1"))
    check_security_settings(Settings(api_key="x" * 16))
