"""What each profile of ci/install-deps.sh installs on a fresh machine:
package count, download and installed size, measured without installing.

    python3 tests/bench/install_profiles.py [--fresh-until YYYY-MM-DD]

apt simulates each profile's install (`apt-get install --simulate
--print-uris`) against a dpkg status file: this machine's, or, with
--fresh-until DATE, this machine's without every package dpkg.log says was
first installed after DATE (the machine as it was before
ci/install-deps.sh first ran). Sizes are apt's: the .debs' download sizes
and the packages' Installed-Size. nodejs/npm and autoconf 2.72 (test
profile, installed apart) are not counted. Prints a Markdown table
(README, "Time and space", keeps the last one).
"""

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STATUS = Path("/var/lib/dpkg/status")
DPKG_LOG = Path("/var/log/dpkg.log")
PROFILES = ("build", "platforms", "test")


def packages(profile):
    return subprocess.run(["sh", str(REPO / "ci" / "install-deps.sh"), "--list", profile],
                          check=True, capture_output=True, text=True).stdout.split()


def installed_after(day):
    """{(name, arch)} dpkg first installed after DAY (dpkg.log's `install
    pkg:arch <none> version` lines)."""
    found = set()
    for line in DPKG_LOG.read_text().splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[2] == "install" and fields[4] == "<none>" \
                and fields[0] > day:
            name, _, arch = fields[3].partition(":")
            found.add((name, arch))
    return found


def fresh_status(day, into: Path):
    """The status file without the packages installed after DAY."""
    later = installed_after(day)
    kept = []
    for stanza in STATUS.read_text().split("\n\n"):
        name = re.search(r"^Package: (\S+)", stanza, re.M)
        arch = re.search(r"^Architecture: (\S+)", stanza, re.M)
        if name and (name.group(1), arch.group(1) if arch else "") in later:
            continue
        kept.append(stanza)
    into.write_text("\n\n".join(kept))
    return len(later)


def simulate(pkgs, status, no_cache):
    """[(name:arch, version)] apt would install, and the download bytes
    (with an empty archive cache: apt leaves cached .debs out of the URIs)."""
    options = ["-o", f"Dir::State::status={status}", "-o", f"Dir::Cache::archives={no_cache}",
               "--no-install-recommends"]
    sim = subprocess.run(["apt-get", "install", "--simulate", *options, *pkgs],
                         capture_output=True, text=True)
    if sim.returncode:
        raise SystemExit(f"apt-get --simulate failed:\n{sim.stdout[-2000:]}{sim.stderr}")
    new = []
    for line in sim.stdout.splitlines():
        # Inst name[:arch] [old] (version source [arch])
        m = re.match(r"Inst (\S+) (\[\S+\] )?\((\S+) .*\[(\S+)\]\)", line)
        if m and not m.group(2):
            name = m.group(1).split(":")[0]
            new.append((f"{name}:{m.group(4)}", m.group(3)))
    uris = subprocess.run(["apt-get", "install", "--print-uris", "-qq", *options, *pkgs],
                          capture_output=True, text=True, check=True).stdout
    download = sum(int(line.split()[2]) for line in uris.splitlines() if line.startswith("'"))
    return new, download


def installed_kib(new):
    """The sum of the packages' Installed-Size (KiB)."""
    if not new:
        return 0
    show = subprocess.run(["apt-cache", "show", "--no-all-versions",
                           *(f"{name}={version}" for name, version in new)],
                          capture_output=True, text=True, check=True).stdout
    return sum(int(n) for n in re.findall(r"^Installed-Size: (\d+)", show, re.M))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh-until", metavar="YYYY-MM-DD",
                        help="count packages dpkg installed after this day as not installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        status = STATUS
        if args.fresh_until:
            status = Path(scratch) / "status"
            removed = fresh_status(args.fresh_until, status)
            print(f"(a fresh machine: this one without the {removed} packages dpkg installed "
                  f"after {args.fresh_until})\n")
        print("| profile | packages | download | installed |")
        print("| --- | ---: | ---: | ---: |")
        for profile in PROFILES:
            no_cache = Path(scratch) / "archives"
            (no_cache / "partial").mkdir(parents=True, exist_ok=True)
            new, download = simulate(packages(profile), status, no_cache)
            size = installed_kib(new)
            print(f"| `{profile}` | {len(new)} | {download / 1e6:,.0f} MB "
                  f"| {size * 1024 / 1e6:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
