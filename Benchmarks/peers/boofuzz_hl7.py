"""boofuzz (PyPI) fuzzing an HL7 v2 ORU^R01 over MLLP against medconform's gateway simulator.

The peer of the fuzzing-campaign benchmark (Scripts/bench-fuzz). The request is the valid
ORU^R01 the Swift ceiling sends (written by `medconform-bench --phase valid-oru`), cut into
static text and boofuzz `String` primitives at chosen fields, between a static MLLP start block
and static end blocks. One TCP connection for the whole run, the acknowledgement read after
each case, no web UI, no console logger, the result database reduced to what boofuzz keeps at
least. Prints one JSON object: cases, seconds, cases_per_second, how many cases got a complete
acknowledgement frame back, and the rate with the receive timeouts of unanswered cases taken
out (what boofuzz would reach if the gateway answered everything).

usage: boofuzz_hl7.py --target 127.0.0.1:PORT --message FILE [--cases 2000]
                      [--recv-timeout 1.0] [--fields MSH-10,PID-3,OBX-5]
"""
import argparse
import importlib.metadata
import json
import os
import shutil
import sys
import tempfile
import time

from boofuzz import Request, Session, Static, String, Target, TCPSocketConnection

START_BLOCK = b"\x0b"
END_BLOCKS = b"\x1c\x0d"
DEFAULT_FIELDS = "MSH-10,PID-3,OBX-5,OBX-3,OBX-6"


def field_spans(message, wanted):
    """(start, end, name) byte spans of the wanted fields, in message order. A field that is
    empty in its first segment is taken from the first segment where it has a value (OBX-5 of
    the first numeric observation rather than of the device's profile entry)."""
    found = {}
    offset = 0
    for segment in message.split(b"\r"):
        name = segment[:3].decode("ascii", "replace")
        # MSH-1 is the separator itself, so MSH-n is the (n-1)-th piece; elsewhere SEG-n is the n-th.
        shift = 1 if name == "MSH" else 0
        position = offset
        for index, text in enumerate(segment.split(b"|")):
            label = "%s-%d" % (name, index + shift)
            if index > 0 and label in wanted:
                if label not in found or (found[label][1] == found[label][0] and text):
                    found[label] = (position, position + len(text), label)
            position += len(text) + 1
        offset += len(segment) + 1
    missing = set(wanted) - set(found)
    if missing:
        raise SystemExit("fields not in the message: %s" % ", ".join(sorted(missing)))
    return sorted(found.values())


def build_request(message, wanted):
    """The ORU^R01 as a boofuzz Request: Static pieces and one fuzzable String per wanted field."""
    children = [Static(name="mllp-start", default_value=START_BLOCK)]
    cursor = 0
    for number, (start, end, label) in enumerate(field_spans(message, wanted)):
        children.append(Static(name="text-%d" % number, default_value=message[cursor:start]))
        children.append(String(name=label, default_value=message[start:end].decode("ascii")))
        cursor = end
    children.append(Static(name="text-end", default_value=message[cursor:]))
    children.append(Static(name="mllp-end", default_value=END_BLOCKS))
    return Request("oru-r01", children=children)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="host:port of the gateway simulator")
    parser.add_argument("--message", required=True, help="file with the valid ORU^R01 (CR-separated segments)")
    parser.add_argument("--cases", type=int, default=2000)
    # 1 s, the response timeout the demo profile gives its gateway suite (boofuzz's default is 5 s).
    parser.add_argument("--recv-timeout", type=float, default=1.0,
                        help="seconds to wait for an acknowledgement that does not come")
    parser.add_argument("--fields", default=DEFAULT_FIELDS)
    options = parser.parse_args()

    host, port = options.target.rsplit(":", 1)
    with open(options.message, "rb") as handle:
        message = handle.read()
    wanted = [f.strip() for f in options.fields.split(",") if f.strip()]

    answered = [0]
    unanswered = [0]

    def finish_acknowledgement(target, fuzz_data_logger, session, *args, **kwargs):
        """Completes the acknowledgement boofuzz's one recv() began, so that a long or split
        answer never spills into the next case; counts the cases left without an answer."""
        data = session.last_recv or b""
        while data and not data.endswith(END_BLOCKS):
            more = target.recv()
            if not more:
                break
            data += more
        if data.endswith(END_BLOCKS):
            answered[0] += 1
        else:
            unanswered[0] += 1

    scratch = tempfile.mkdtemp(prefix="boofuzz-hl7-")
    connection = TCPSocketConnection(host, int(port), send_timeout=5.0, recv_timeout=options.recv_timeout)
    session = Session(
        target=Target(connection=connection, max_recv_bytes=1 << 16),
        index_end=options.cases,
        web_port=None,                      # no web UI
        fuzz_loggers=[],                    # no text logger (an empty list, not None, which means stdout)
        fuzz_db_keep_only_n_pass_cases=1,   # the database only takes cases near a failure
        db_filename=os.path.join(scratch, "boofuzz.db"),
        receive_data_after_fuzz=True,       # read the acknowledgement after each fuzzed message
        receive_data_after_each_request=True,
        reuse_target_connection=True,       # one connection for the whole run
        ignore_connection_reset=True,
        restart_sleep_time=0,
        post_test_case_callbacks=[finish_acknowledgement],
    )
    session.connect(build_request(message, wanted))

    try:
        start = time.perf_counter()
        session.fuzz(max_depth=1)
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    cases = session.num_cases_actually_fuzzed
    if cases == 0:
        print("boofuzz ran no case: is the gateway listening on %s?" % options.target, file=sys.stderr)
        return 1
    # A case without an answer holds boofuzz in recv() for exactly the receive timeout.
    waiting = unanswered[0] * options.recv_timeout
    print(json.dumps({
        "cases": cases,
        "seconds": seconds,
        "cases_per_second": cases / seconds if seconds > 0 else 0.0,
        "answered": answered[0],
        "unanswered": unanswered[0],
        "recv_timeout": options.recv_timeout,
        "cases_per_second_without_timeout_waits": cases / (seconds - waiting) if seconds > waiting else None,
        "fields": wanted,
        "mutations_available": session.total_num_mutations,
        "boofuzz": importlib.metadata.version("boofuzz"),
    }))


if __name__ == "__main__":
    sys.exit(main())
