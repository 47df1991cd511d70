"""Peer figures for the HL7 v2 benchmark: python-hl7 (parse) and hl7apy (parse with strict
validation) over the same message files that medconform-bench reads. Prints one JSON object.

Each message is timed in a loop for a fixed wall-clock budget; the figure is the total bytes and
messages over the total time, like the Swift side.
"""
import json
import sys
import time


def load(paths):
    messages = []
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        if data[:1] == b"\x0b":  # MLLP frame: strip start block and FS CR
            data = data[1:].split(b"\x1c", 1)[0]
        text = data.decode("latin-1").replace("\r\n", "\r").replace("\n", "\r")
        messages.append(text)
    return messages


def measure(messages, work, budget):
    total_bytes = 0
    total_messages = 0
    failures = 0
    start = time.perf_counter()
    while time.perf_counter() - start < budget:
        for text in messages:
            try:
                work(text)
            except Exception:  # hl7apy rejects some vectors; the time spent still counts
                failures += 1
            total_bytes += len(text)
            total_messages += 1
    elapsed = time.perf_counter() - start
    return {
        "messages_per_second": total_messages / elapsed,
        "megabytes_per_second": total_bytes / elapsed / 1e6,
        "messages": total_messages,
        "exceptions": failures,
    }


def main():
    budget = float(sys.argv[1])
    paths = sys.argv[2:]
    messages = load(paths)
    import hl7
    from hl7apy.consts import VALIDATION_LEVEL
    from hl7apy.parser import parse_message

    def hl7apy_validate(text):
        message = parse_message(text, validation_level=VALIDATION_LEVEL.STRICT, find_groups=True)
        message.validate()

    result = {
        "python-hl7 parse": measure(messages, hl7.parse, budget),
        "hl7apy parse+validate": measure(messages, hl7apy_validate, budget),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
