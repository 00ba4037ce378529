#!/usr/bin/env python3
"""Deterministic datasets for the COPY benchmark (bench/run.sh), standard library only.

    gen.py --out DIR [--rows N] [--wide-rows M] [--seed S] [--tables patients,wide]
    gen.py --schema            print the CREATE TABLE statements (bench/schema.sql)

Writes, for each table, DIR/<table>_<rows>.csv (CSV with a header line) and DIR/<table>_<rows>.txt
(PostgreSQL TEXT format: tab-separated, backslash escapes, NULL as \\N), as described in the
PostgreSQL manual, "COPY", File Formats. Rows are written as they are made, so 10,000,000 rows need
no more memory than 250. The same seed and row count always give the same bytes.
"""

import argparse
import datetime
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
         "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
         "Charles", "Karen", "José", "Zoë", "François", "Ana", "Mohammed", "Wei", "Olga", "Siobhán"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
        "Jackson", "Martin", "O'Brien", "Müller", "Nguyen", "Kowalski", "Ødegaard", "Dubois"]
GENDERS = ["M", "F", "U"]
STATUSES = ["Admitted", "Discharged", "Observation", "Transferred", "Outpatient"]
CITIES = ["Boston", "Zürich", "São Paulo", "Kraków", "Montréal", "Tokyo 東京", "Reykjavík", "Cambridge"]
WORDS = ["alpha", "beta", "gamma", "delta", "dose", "mg", "bid", "prn", "note", "follow-up", "ok"]
# Text that exercises every escaping rule of both formats: delimiters, quotes, line endings,
# backslashes, tabs and multi-byte UTF-8.
TRICKY = ['said "hello", then left', "line one\nline two", "C:\\temp\\file.txt", "tab\there",
          "naïve café, crème brûlée", "carriage\r\nreturn", "50% off, \"quoted\" \\ back", "ü,ö,ä",
          "a,b,c", "plain"]

PATIENT_COLUMNS = ["PatientID", "FirstName", "LastName", "DateOfBirth", "Gender", "Status",
                   "AdmissionDate", "DischargeDate"]
WIDE_COLUMNS = ["id", "amount", "score", "note", "active", "created_at", "payload", "embedding", "qty",
                "code", "ship_date", "big_count", "price", "ratio", "label", "flag", "updated_at", "city",
                "zip", "remark"]

EPOCH = datetime.date(2000, 1, 1)


def day(offset):
    return (EPOCH + datetime.timedelta(days=offset)).isoformat()


def patients(rng, rows):
    for i in range(1, rows + 1):
        admission = rng.randrange(5475, 9131)  # 2015-01-01 .. 2024-12-31
        discharge = None if rng.random() < 0.10 else day(admission + rng.randrange(0, 31))
        yield [str(i), rng.choice(FIRST), rng.choice(LAST), day(rng.randrange(-25567, 7305)),
               rng.choice(GENDERS), rng.choice(STATUSES), day(admission), discharge]


def timestamp(rng):
    seconds = rng.randrange(0, 25 * 365 * 86400)
    value = datetime.datetime(2000, 1, 1) + datetime.timedelta(seconds=seconds)
    micros = rng.choice([0, 0, rng.randrange(1, 1000000)])
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    # PostgreSQL prints fractional seconds without trailing zeros.
    return text + (".%06d" % micros).rstrip("0") if micros else text


def wide(rng, rows):
    for i in range(1, rows + 1):
        note = rng.choice(TRICKY) + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 8)))
        payload = json.dumps({"id": i, "tags": [rng.choice(WORDS), rng.choice(WORDS)],
                              "text": rng.choice(TRICKY), "ok": rng.random() < 0.5},
                             ensure_ascii=False, separators=(", ", ": "))
        vector = "[" + ",".join("%.4f" % rng.uniform(-1, 1) for _ in range(16)) + "]"
        yield [
            str(rng.randrange(-2**62, 2**62)),
            "%.2f" % rng.uniform(-1e9, 1e9),
            repr(rng.uniform(-1e6, 1e6)),
            note,
            rng.choice(["t", "f"]),
            timestamp(rng),
            payload,
            vector,
            None if rng.random() < 0.05 else str(rng.randrange(-2**31, 2**31)),
            "C-%06d" % rng.randrange(0, 1000000),
            day(rng.randrange(0, 9131)),
            str(rng.randrange(0, 2**40)),
            "%.2f" % rng.uniform(0, 10000),
            repr(rng.random()),
            rng.choice(WORDS) + "," + rng.choice(WORDS),
            None if rng.random() < 0.1 else rng.choice(["t", "f"]),
            timestamp(rng),
            rng.choice(CITIES),
            str(rng.randrange(1000, 99999)),
            None if rng.random() < 0.5 else rng.choice(TRICKY),
        ]


def csv_field(value):
    # NULL is an unquoted empty field; a value holding the delimiter, quote or a line ending, or an
    # empty string, is quoted with quotes doubled (PostgreSQL manual, "COPY", CSV Format).
    if value is None:
        return ""
    if value == "" or any(c in value for c in ',"\n\r') or value == "\\.":
        return '"' + value.replace('"', '""') + '"'
    return value


TEXT_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text_field(value):
    # Backslash, tab, newline and carriage return are escaped; NULL is \N ("COPY", Text Format).
    return "\\N" if value is None else value.translate(TEXT_ESCAPES)


def write(out, name, columns, rows, generator):
    csv_path = os.path.join(out, "%s_%d.csv" % (name, rows))
    txt_path = os.path.join(out, "%s_%d.txt" % (name, rows))
    # Write under temporary names and rename at the end, so a cache never holds half a file.
    with open(csv_path + ".part", "w", encoding="utf-8", newline="") as csv_file, \
            open(txt_path + ".part", "w", encoding="utf-8", newline="") as txt_file:
        csv_file.write(",".join(columns) + "\n")
        csv_lines, txt_lines = [], []
        for row in generator:
            csv_lines.append(",".join(map(csv_field, row)))
            txt_lines.append("\t".join(map(text_field, row)))
            if len(csv_lines) == 10000:
                csv_file.write("\n".join(csv_lines) + "\n")
                txt_file.write("\n".join(txt_lines) + "\n")
                csv_lines, txt_lines = [], []
        if csv_lines:
            csv_file.write("\n".join(csv_lines) + "\n")
            txt_file.write("\n".join(txt_lines) + "\n")
    os.replace(csv_path + ".part", csv_path)
    os.replace(txt_path + ".part", txt_path)
    return csv_path, txt_path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="directory for the data files")
    parser.add_argument("--rows", type=int, default=1000000, help="patients rows (default 1000000)")
    parser.add_argument("--wide-rows", type=int, default=200000, help="wide rows (default 200000)")
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--tables", default="patients,wide", help="comma-separated: patients, wide")
    parser.add_argument("--schema", action="store_true", help="print the CREATE TABLE statements and exit")
    args = parser.parse_args()
    if args.schema:
        with open(os.path.join(HERE, "schema.sql"), encoding="utf-8") as f:
            sys.stdout.write(f.read())
        return
    if not args.out:
        parser.error("--out is required")
    os.makedirs(args.out, exist_ok=True)
    tables = set(args.tables.split(","))
    if "patients" in tables:
        # Each table has its own generator seeded from the seed and its size, so one file does not
        # change when another table's row count does.
        rng = random.Random("%d/patients/%d" % (args.seed, args.rows))
        for path in write(args.out, "patients", PATIENT_COLUMNS, args.rows, patients(rng, args.rows)):
            print(path)
    if "wide" in tables:
        rng = random.Random("%d/wide/%d" % (args.seed, args.wide_rows))
        for path in write(args.out, "wide", WIDE_COLUMNS, args.wide_rows, wide(rng, args.wide_rows)):
            print(path)


if __name__ == "__main__":
    main()
