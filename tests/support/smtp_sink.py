#!/usr/bin/python3
"""An SMTP server for the tests: accepts every message on 127.0.0.1 and
writes it to a directory, raw (N.eml) and parsed by Python's email package
(N.json: headers in order, the decoded text body, defects). Started and
stopped by the test fixture; ends by itself after --max-seconds.

  smtp_sink.py --dir DIR --ready-file FILE [--port N] [--max-seconds S]

Once listening it writes "smtp://127.0.0.1:PORT" to the ready file.
"""
import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[k, str(v)] for k, v in message.items()],
            "raw_headers": [[k, v] for k, v in message.raw_items()],
            "body": body.get_content() if body is not None else "",
            "defects": [type(d).__name__ for d in message.defects],
        }
        base = os.path.join(self.directory, "%06d-%d" % (n, os.getpid()))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(raw)
        os.rename(base + ".eml.tmp", base + ".eml")
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 OK"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    loop = asyncio.get_running_loop()
    sink = Sink(args.dir)
    server = await loop.create_server(
        lambda: SMTP(sink, enable_SMTPUTF8=True, decode_data=False),
        host="127.0.0.1", port=args.port, reuse_address=True)
    port = server.sockets[0].getsockname()[1]
    partial = args.ready_file + ".partial"
    with open(partial, "w") as f:
        f.write("smtp://127.0.0.1:%d\n" % port)
    os.rename(partial, args.ready_file)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    try:
        await asyncio.wait_for(stop, timeout=args.max_seconds)
    except asyncio.TimeoutError:
        pass
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
