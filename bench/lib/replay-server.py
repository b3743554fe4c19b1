"""A Docker API stand-in that answers at once with recorded bytes, to time the docker CLI alone.

usage: replay-server.py SOCKET PING_HEADERS LIST_HEADERS LIST_BODY
HEAD/GET /_ping get PING_HEADERS (a recorded response head, no body); every other request gets
LIST_HEADERS + LIST_BODY, sent with a Content-Length whatever the recorded framing was.
"""
import os
import re
import socket
import sys
import threading

sock_path, ping_file, head_file, body_file = sys.argv[1:5]


def head(path, length):
    lines = [l for l in open(path, 'rb').read().split(b'\r\n') if l]
    kept = [l for l in lines if not re.match(rb'(?i)(content-length|transfer-encoding):', l)]
    return b'\r\n'.join(kept + [b'Content-Length: %d' % length]) + b'\r\n\r\n'


body = open(body_file, 'rb').read()
PING = head(ping_file, 0)
LIST = head(head_file, len(body)) + body


def serve(conn):
    buf = b''
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            buf += data
            while b'\r\n\r\n' in buf:
                request, buf = buf.split(b'\r\n\r\n', 1)
                conn.sendall(PING if b' /_ping ' in request.split(b'\r\n')[0] else LIST)


if os.path.exists(sock_path):
    os.unlink(sock_path)
server = socket.socket(socket.AF_UNIX)
server.bind(sock_path)
server.listen(64)
while True:
    c, _ = server.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
