from starlette.requests import Request

from vraagbaak.config import Settings
from vraagbaak.service.auth import has_api_key, is_authorised


def request(headers: dict[str, str], host: str = "vraagbaak.example") -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in {"host": host, **headers}.items()]
    return Request({"type": "http", "method": "POST", "path": "/api/ask", "scheme": "https", "headers": raw,
                    "query_string": b"", "server": (host, 443)})


def test_the_key_in_either_header():
    assert has_api_key(request({"X-API-Key": "geheim"}), "geheim")
    assert has_api_key(request({"Authorization": "Bearer geheim"}), "geheim")
    assert not has_api_key(request({"X-API-Key": "fout"}), "geheim")
    assert not has_api_key(request({}), "geheim")
    assert not has_api_key(request({"X-API-Key": ""}), "")


def test_browsers_on_allowed_origins_or_the_own_page():
    settings = Settings(api_key="geheim", cors_origins="https://intranet.example")
    assert is_authorised(request({"Origin": "https://intranet.example"}), settings)
    assert not is_authorised(request({"Origin": "https://elders.example"}), settings)
    assert is_authorised(request({"Sec-Fetch-Site": "same-origin"}), settings)
    assert not is_authorised(request({"Sec-Fetch-Site": "cross-site"}), settings)
