"""The HTTP protocol the service runs with: uvicorn's httptools, except that a request too malformed to reach
the app is answered in JSON with a Dutch message too, like every other error."""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from vraagbaak.service.errors import error_body

MALFORMED = json.dumps(error_body("ongeldig_verzoek", "Dit is geen geldig HTTP-verzoek.")).encode()


class JsonErrorsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        content = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([b"content-type: application/json\r\n",
                        b"content-length: " + str(len(MALFORMED)).encode("ascii") + b"\r\n",
                        b"connection: close\r\n\r\n", MALFORMED])
        self.transport.write(b"".join(content))
        self.transport.close()
