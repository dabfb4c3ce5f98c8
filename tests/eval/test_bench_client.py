"""The benchmark's load client: one keep-alive connection, a JSON question per request, the status back."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from vraagbaak.eval.bench import _Client


def test_the_load_client_asks_over_one_connection_and_returns_each_status():
    asked, connections = [], set()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn

        def do_POST(self):  # the standard library calls it by this name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            asked.append((self.path, self.headers["Content-Type"], body["question"]))
            connections.add(self.client_address)
            status = 429 if body["question"] == "te veel" else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with _Client(server.server_address[1]) as client:
            assert [client.ask(q) for q in ("Wat doet de G40?", "te veel", "Financiën?")] == [200, 429, 200]
    finally:
        server.shutdown()
        server.server_close()
    assert asked == [("/api/ask", "application/json", q) for q in ("Wat doet de G40?", "te veel", "Financiën?")]
    assert len(connections) == 1
