#!/usr/bin/env python3
"""An HTTP proxy on 127.0.0.1 that answers 503 to the first request for each
URL and forwards the rest to the Debian mirror: a mirror as flaky as the one
that once failed the suite, but every time.

    flaky-mirror.py [--down SECONDS] PORTFILE LOG [SECONDS [REFUSED]]

Writes the port it listens on to PORTFILE, one line per request to LOG
("STATUS URL"), and stops by itself after SECONDS (default 300), so a test
that dies leaves no proxy behind for long.  URLs that the regular
expression REFUSED finds are refused every time: a mirror that lost them,
to see what a download that cannot succeed says.

With --down, it is instead a mirror that refuses everything for a while,
as the one that failed the package step on a fresh machine for a minute
and a half at least: every request gets 503 until SECONDS after the first
one, and is forwarded from then on.  The outage starts at the first
request, not at start-up, so that its length is the same however long
the test took to start its client.
"""
import http.client
import http.server
import os
import re
import sys
import threading
import time
import urllib.parse

# The only host it forwards to: the mirror the suite uses, nothing else.
MIRRORS = {"deb.debian.org"}
HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization",
       "te", "trailer", "transfer-encoding", "upgrade"}

seen = set()
lock = threading.Lock()
# When the outage of --down ends (monotonic clock), once it has begun.
down_until = None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log(self, status):
        with lock:
            with open(LOG, "a") as f:
                f.write("%d %s\n" % (status, self.path))

    def answer(self, status, headers=(), body=b""):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.log(status)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.scheme != "http" or url.hostname not in MIRRORS:
            self.answer(403, body=b"not a mirror this proxy forwards to\n")
            return
        global down_until
        now = time.monotonic()
        with lock:
            if DOWN is not None:
                if down_until is None:
                    down_until = now + DOWN
                first = False
                down = now < down_until
            else:
                first = self.path not in seen
                seen.add(self.path)
                down = False
        if down:
            self.answer(503, [("Retry-After", "1")], b"mirror down\n")
            return
        if first or (REFUSED and REFUSED.search(self.path)):
            self.answer(503, [("Retry-After", "1")], b"refused once\n")
            return
        path = url.path + ("?" + url.query if url.query else "")
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        try:
            conn.request(self.command, path, headers={
                k: v for k, v in self.headers.items() if k.lower() not in HOP})
            resp = conn.getresponse()
            body = resp.read()
            self.answer(resp.status, [(k, v) for k, v in resp.getheaders()
                                      if k.lower() not in HOP | {"content-length"}], body)
        except OSError as e:
            self.answer(502, body=("%s\n" % e).encode())
        finally:
            conn.close()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


args = sys.argv[1:]
DOWN = None
if args[:1] == ["--down"]:
    DOWN = float(args[1])
    args = args[2:]
if len(args) < 2:
    sys.exit("usage: flaky-mirror.py [--down SECONDS] PORTFILE LOG [SECONDS [REFUSED]]")
PORTFILE, LOG = args[0], args[1]
seconds = float(args[2]) if len(args) > 2 else 300
REFUSED = re.compile(args[3]) if len(args) > 3 else None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Timer(seconds, server.shutdown).start()
with open(PORTFILE + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
# Renamed into place, so a reader never sees a half-written port.
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
