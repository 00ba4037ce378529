#!/usr/bin/env python3
"""Side-by-side COPY throughput: a throwaway PostgreSQL 15 against IrisPgWire (Release, embedded store).

    bench/run.sh [--rows N] [--rounds R] [--small-runs K] [--wide-rows M] [--no-build]

Every operation runs through psql on both servers, PostgreSQL first then IrisPgWire, operation by
operation and round by round, so machine noise hits both alike. See bench/README.md for what each
figure means.
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PG_BIN = "/usr/lib/postgresql/15/bin"
HOST_PROJECT = os.path.join(ROOT, "src", "IrisPgWire.Host")
HOST_DLL = os.path.join(HOST_PROJECT, "bin", "Release", "net10.0", "IrisPgWire.Host.dll")
SMALL_ROWS = 250


def fail(message):
    raise SystemExit("bench: " + message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def label(rows):
    if rows % 1000000 == 0:
        return "%dm" % (rows // 1000000)
    if rows % 1000 == 0:
        return "%dk" % (rows // 1000)
    return str(rows)


def dataset(rows, wide_rows):
    """The data files for this row count, generated once and kept under bench/.data/."""
    directory = os.path.join(HERE, ".data")
    files = {
        "patients_csv": os.path.join(directory, "patients_%d.csv" % rows),
        "patients_txt": os.path.join(directory, "patients_%d.txt" % rows),
        "small_csv": os.path.join(directory, "patients_%d.csv" % SMALL_ROWS),
        "wide_csv": os.path.join(directory, "wide_%d.csv" % wide_rows),
        "wide_txt": os.path.join(directory, "wide_%d.txt" % wide_rows),
    }
    gen = [sys.executable, os.path.join(HERE, "gen.py"), "--out", directory]
    if not os.path.exists(files["patients_csv"]) or not os.path.exists(files["patients_txt"]):
        log("generating %d patients rows" % rows)
        subprocess.run(gen + ["--rows", str(rows), "--tables", "patients"], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(files["small_csv"]):
        subprocess.run(gen + ["--rows", str(SMALL_ROWS), "--tables", "patients"], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(files["wide_csv"]) or not os.path.exists(files["wide_txt"]):
        log("generating %d wide rows" % wide_rows)
        subprocess.run(gen + ["--wide-rows", str(wide_rows), "--tables", "wide"], check=True, stdout=subprocess.DEVNULL)
    return files


def log(message):
    print("bench: " + message, file=sys.stderr, flush=True)


def vm_rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def children(pid):
    """Direct children of pid: one read of /proc/PID/task/PID/children where the kernel has it."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(child) for child in f.read().split()]
    except FileNotFoundError:
        pass
    # Otherwise every process's parent, from /proc/*/stat (field 4).
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        # The command name is in parentheses and may hold spaces; fields after it are plain.
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


class Server:
    """One of the two servers: how to reach it and how to read its memory."""

    def __init__(self, name, port):
        self.name = name
        self.port = port

    def psql(self, *args):
        return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
                "-U", "postgres", "-d", "postgres"] + list(args)

    def rss_kb(self):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError


class Postgres(Server):
    def __init__(self, base):
        super().__init__("PG", free_port())
        self.dir = os.path.join(base, "pg")
        os.makedirs(self.dir)
        self.data = os.path.join(self.dir, "data")
        self.postmaster = None
        as_postgres = []
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root.
            shutil.chown(base, "postgres")
            shutil.chown(self.dir, "postgres")
            as_postgres = ["runuser", "-u", "postgres", "--"]
        self.as_postgres = as_postgres
        subprocess.run(as_postgres + [PG_BIN + "/initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                                      "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        options = "-p %d -k %s -c listen_addresses=127.0.0.1" % (self.port, self.dir)
        subprocess.run(as_postgres + [PG_BIN + "/pg_ctl", "-D", self.data, "-o", options, "-l",
                                      os.path.join(self.dir, "log"), "-w", "start"],
                       check=True, stdout=subprocess.DEVNULL, start_new_session=True)
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            self.postmaster = int(f.readline())

    def rss_kb(self):
        # The backend serving psql is a child of the postmaster; the largest child is reported.
        return max((vm_rss_kb(pid) for pid in children(self.postmaster)), default=0)

    def stop(self):
        if self.postmaster is not None:
            subprocess.run(self.as_postgres + [PG_BIN + "/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.postmaster = None


class Ours(Server):
    def __init__(self, base):
        super().__init__("ours", free_port())
        self.data = os.path.join(base, "iris")
        os.makedirs(self.data)
        self.log_path = os.path.join(base, "irispgwire.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(["dotnet", HOST_DLL, "--port", str(self.port), "--data-dir", self.data,
                                         "--log-level", "Warning"],
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                fail("IrisPgWire exited at start (%s); its log: %s" % (self.process.returncode, self.log_text()))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    fail("IrisPgWire did not listen on port %d within 30 s" % self.port)
                time.sleep(0.1)

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def rss_kb(self):
        return vm_rss_kb(self.process.pid)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class PeakRss:
    """Samples a server's resident memory every 10 ms while an operation runs."""

    def __init__(self, server):
        self.server = server
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while True:
            self.peak = max(self.peak, self.server.rss_kb())
            if self._stop.wait(0.01):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.server.rss_kb())


def run(server, command, stdin=None, capture=False):
    """Runs psql; a failure is fatal and shows psql's error."""
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        result = subprocess.run(command, stdin=source, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        if isinstance(server, Ours) and server.process is not None and server.process.poll() is not None:
            detail += "\nIrisPgWire exited (%s); its log:\n%s" % (server.process.returncode, server.log_text())
        fail("%s: %s failed: %s" % (server.name, " ".join(command[-2:]), detail))
    return result.stdout.decode("utf-8") if capture else None


def timed(server, command, stdin=None):
    """Seconds one psql run takes, on a monotonic clock, with the server's peak RSS (kB) meanwhile."""
    with PeakRss(server) as rss:
        start = time.perf_counter()
        run(server, command, stdin)
        elapsed = time.perf_counter() - start
    return elapsed, rss.peak


def count(server, table):
    return int(run(server, server.psql("-tA", "-c", "SELECT count(*) FROM %s" % table), capture=True).strip())


def check_count(server, table, expected, op):
    got = count(server, table)
    if got != expected:
        fail("%s: after %s, %s has %d rows, expected %d" % (server.name, op, table, got, expected))


class Operation:
    def __init__(self, name, rows, path, setup, command, stdin, expect=None):
        self.name, self.rows, self.path = name, rows, path
        self.setup, self.command, self.stdin, self.expect = setup, command, stdin, expect
        self.bytes = os.path.getsize(path)
        self.seconds = {"PG": [], "ours": []}
        self.rss = {"PG": 0, "ours": 0}


def operations(files, rows, wide_rows):
    big = label(rows)
    csv_in = "COPY {t} FROM STDIN (FORMAT csv, HEADER)"
    txt_in = "COPY {t} FROM STDIN (FORMAT text)"
    csv_out = "COPY {t} TO STDOUT (FORMAT csv)"
    txt_out = "COPY {t} TO STDOUT (FORMAT text)"
    return [
        Operation("copy_from_csv_" + big, rows, files["patients_csv"], "TRUNCATE patients", csv_in.format(t="patients"), True, ("patients", rows)),
        Operation("copy_from_text_" + big, rows, files["patients_txt"], "TRUNCATE patients", txt_in.format(t="patients"), True, ("patients", rows)),
        Operation("copy_to_csv_" + big, rows, files["patients_csv"], None, csv_out.format(t="patients"), False),
        Operation("copy_to_text_" + big, rows, files["patients_txt"], None, txt_out.format(t="patients"), False),
        Operation("wide_from_csv", wide_rows, files["wide_csv"], "TRUNCATE wide", csv_in.format(t="wide"), True, ("wide", wide_rows)),
        Operation("wide_from_text", wide_rows, files["wide_txt"], "TRUNCATE wide", txt_in.format(t="wide"), True, ("wide", wide_rows)),
        Operation("wide_to_csv", wide_rows, files["wide_csv"], None, csv_out.format(t="wide"), False),
        Operation("wide_to_text", wide_rows, files["wide_txt"], None, txt_out.format(t="wide"), False),
    ]


def small_load(server, path, runs):
    """The 250-row load end to end: a fresh psql each time (connect, COPY, disconnect); the median run."""
    run(server, server.psql("-c", "TRUNCATE patients"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(server, server.psql("-c", "COPY patients FROM STDIN (FORMAT csv, HEADER)"), path)
        times.append(time.perf_counter() - start)
    check_count(server, "patients", SMALL_ROWS * runs, "the %d-row loads" % SMALL_ROWS)
    return statistics.median(times)


def compare_output(servers, table_name, fmt):
    """Warns when the two servers' COPY TO output differs (rows sorted: heap order is no contract)."""
    outputs = []
    for server in servers:
        command = server.psql("-c", "COPY (SELECT * FROM %s ORDER BY 1) TO STDOUT (FORMAT %s)" % (table_name, fmt))
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            fail("%s: COPY %s TO STDOUT failed: %s" % (server.name, table_name, result.stderr.decode("utf-8", "replace")))
        outputs.append(result.stdout)
    if outputs[0] == outputs[1]:
        log("  %s %s output: identical on both (%d bytes)" % (table_name, fmt, len(outputs[0])))
        return
    pg_lines, our_lines = outputs[0].split(b"\n"), outputs[1].split(b"\n")
    for number, (a, b) in enumerate(zip(pg_lines, our_lines), 1):
        if a != b:
            log("WARNING: %s %s output differs at line %d:\n    PG:   %r\n    ours: %r" % (table_name, fmt, number, a[:300], b[:300]))
            return
    log("WARNING: %s %s output differs in length: PG %d lines, ours %d" % (table_name, fmt, len(pg_lines), len(our_lines)))


def megabytes(size):
    mb = size / 1e6
    return "%.1f" % mb if mb >= 1 else "%.3f" % mb


def table(ops):
    headers = ["operation", "rows", "MB", "PG s", "ours s", "PG rows/s", "ours rows/s", "PG MB/s", "ours MB/s",
               "ratio", "PG RSS MB", "ours RSS MB"]
    lines = []
    for op in ops:
        pg, ours = statistics.median(op.seconds["PG"]), statistics.median(op.seconds["ours"])
        mb = op.bytes / 1e6
        rss = ["%.0f" % (op.rss[k] / 1024) if op.rss[k] else "-" for k in ("PG", "ours")]
        lines.append([op.name, str(op.rows), megabytes(op.bytes), "%.3f" % pg, "%.3f" % ours, "%.0f" % (op.rows / pg),
                      "%.0f" % (op.rows / ours), "%.1f" % (mb / pg), "%.1f" % (mb / ours), "%.2f" % (pg / ours)] + rss)
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]
    out = []
    fmt = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    out.append(fmt(headers))
    out.append("  ".join("-" * w for w in widths))
    out.extend(fmt(line) for line in lines)
    return "\n".join(out)


def results(ops):
    out = []
    for op in ops:
        pg, ours = statistics.median(op.seconds["PG"]), statistics.median(op.seconds["ours"])
        mb = op.bytes / 1e6
        out.append("RESULT op=%s rows=%d bytes=%d pg_s=%.4f ours_s=%.4f pg_rows_s=%.0f ours_rows_s=%.0f "
                   "pg_mb_s=%.2f ours_mb_s=%.2f ratio=%.3f pg_rss_mb=%.1f ours_rss_mb=%.1f"
                   % (op.name, op.rows, op.bytes, pg, ours, op.rows / pg, op.rows / ours, mb / pg, mb / ours,
                      pg / ours, op.rss["PG"] / 1024, op.rss["ours"] / 1024))
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000000, help="patients rows for the big operations (default 1000000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each running every operation on both (default 3)")
    parser.add_argument("--wide-rows", type=int, default=200000, help="wide rows (default 200000)")
    parser.add_argument("--small-runs", type=int, default=20, help="250-row loads per round (default 20)")
    parser.add_argument("--no-build", action="store_true", help="use the Release build as it is")
    args = parser.parse_args()

    # Ctrl-C (even where the shell started us with SIGINT ignored), SIGTERM and SIGHUP all unwind
    # through the finally below, so the servers are always stopped.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda number, _: sys.exit(128 + number))
    os.environ["PGSSLMODE"] = "disable"
    os.environ.pop("PGPASSWORD", None)

    if not args.no_build:
        log("building IrisPgWire (Release)")
        subprocess.run(["dotnet", "build", HOST_PROJECT, "-c", "Release", "-v", "quiet", "-nologo"], check=True,
                       stdout=subprocess.DEVNULL)
    if not os.path.exists(HOST_DLL):
        fail("no Release build at " + HOST_DLL)
    files = dataset(args.rows, args.wide_rows)

    base = tempfile.mkdtemp(prefix="irispgwire-bench.")
    servers = []
    try:
        pg = Postgres(base)
        servers.append(pg)
        ours = Ours(base)
        servers.append(ours)
        log("PostgreSQL on port %d (postmaster %d), IrisPgWire on port %d (pid %d)"
            % (pg.port, pg.postmaster, ours.port, ours.process.pid))
        for server in servers:
            run(server, server.psql("-f", os.path.join(HERE, "schema.sql")))

        ops = operations(files, args.rows, args.wide_rows)
        small = Operation("load_%d_e2e" % SMALL_ROWS, SMALL_ROWS, files["small_csv"], None, None, True)
        for round_number in range(1, args.rounds + 1):
            log("round %d of %d" % (round_number, args.rounds))
            for op in ops:
                for server in servers:
                    if op.setup:
                        run(server, server.psql("-c", op.setup))
                    seconds, rss = timed(server, server.psql("-c", op.command), op.path if op.stdin else None)
                    op.seconds[server.name].append(seconds)
                    op.rss[server.name] = max(op.rss[server.name], rss)
                    if op.expect:
                        check_count(server, op.expect[0], op.expect[1], op.name)
                    log("  %-18s %-4s %.3f s" % (op.name, server.name, seconds))
                if round_number == 1 and op.name.startswith(("copy_to_text", "wide_to_text")):
                    # Once, untimed: both servers must hold and print the same data.
                    for fmt in ("text", "csv"):
                        compare_output(servers, "patients" if op.name.startswith("copy") else "wide", fmt)
            for server in servers:
                small.seconds[server.name].append(small_load(server, small.path, args.small_runs))
                log("  %-18s %-4s %.4f s (median of %d)" % (small.name, server.name, small.seconds[server.name][-1], args.small_runs))
        all_ops = ops + [small]
        print()
        print("COPY throughput, median of %d rounds; ratio = PG time / our time (>1: IrisPgWire is faster);" % args.rounds)
        print("RSS = peak VmRSS while the operation ran (PG: largest postmaster child; ours: the server process)")
        print(table(all_ops))
        print()
        print(results(all_ops))
        sys.stdout.flush()
    finally:
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
