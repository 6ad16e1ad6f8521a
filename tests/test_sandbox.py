"""The grading sandbox confines a process the way the README says, and refuses loudly when it cannot."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from lcai.errors import KitError
from lcai.grading import sandbox
from lcai.paths import COURSE, PACKAGE

ROOT_GRADER = os.geteuid() == 0


@pytest.fixture
def uid():
    """A sandbox user id no grading run uses meanwhile (None for an unprivileged grader)."""
    with sandbox.reserved_uids(1 if ROOT_GRADER else 0) as reserved:
        yield reserved[0] if reserved else None


PROBE = textwrap.dedent(
    """
    import json, os, resource, socket, sys
    facts = {"uid": os.getuid(), "pid": os.getpid(), "cwd": os.getcwd()}
    def can(action):
        try:
            action()
            return True
        except OSError:
            return False
    facts["network"] = can(lambda: socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2))
    facts["course visible"] = os.path.exists(sys.argv[2])
    facts["kit visible"] = os.path.exists(sys.argv[3])
    facts["write work folder"] = can(lambda: open("new.txt", "w").write("ok"))
    facts["write tmp"] = can(lambda: open("/tmp/new.txt", "w").write("ok"))
    facts["write kit"] = can(lambda: open(sys.argv[3] + "/new.txt", "w").write("x"))
    facts["overwrite submission"] = can(lambda: open("submitted.txt", "w").write("x"))
    facts["read submission"] = open("submitted.txt").read()
    facts["memory limit"] = resource.getrlimit(resource.RLIMIT_AS)[0]
    facts["process limit"] = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    print(json.dumps(facts))
    """
)


@pytest.fixture
def confined(tmp_path, uid):
    """Run PROBE through the same command the grading kernelspec uses; return what it saw."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    workdir = tmp_path / "work"
    workdir.mkdir()
    (workdir / "submitted.txt").write_text("answer")
    (workdir / "submitted.txt").chmod(0o644)
    tmp_path.chmod(0o755)
    sandbox.prepare_sockets(tmp_path / "ipc", uid)
    limits = sandbox.Limits()
    command = sandbox.sandbox_command(tmp_path / "ipc", workdir, [], limits, sandbox._readonly_paths(), uid)
    python = command.index(sys.executable)
    command[python + 1 :] = ["-c", PROBE, str(server.getsockname()[1]), str(COURSE), str(PACKAGE)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    server.close()
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), limits, workdir, uid


def test_the_sandbox_confines_the_kernel(confined):
    facts, limits, workdir, uid = confined
    assert facts["network"] is False
    assert facts["course visible"] is False and facts["kit visible"] is True
    assert facts["write work folder"] and facts["write tmp"]
    assert not facts["write kit"] and not facts["overwrite submission"] and facts["read submission"] == "answer"
    assert facts["memory limit"] == limits.memory_mib * sandbox.MiB
    assert facts["process limit"] == limits.processes
    assert facts["pid"] < 10, "the kernel should live in a process namespace of its own"
    if uid is not None:
        assert facts["uid"] == uid
    assert not (workdir / "new.txt").exists(), "writes to the working folder must vanish with the sandbox"


def test_the_probe_passes_where_bubblewrap_works(uid):
    sandbox.probe(sandbox.Limits(), uid)


def test_missing_bubblewrap_is_refused_with_what_to_do(monkeypatch, uid):
    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    with pytest.raises(KitError, match=r"bubblewrap \(bwrap\) is not installed.*apt-get install bubblewrap"):
        sandbox.probe(sandbox.Limits(), uid)


def test_the_kernel_wrapper_refuses_tcp(tmp_path, monkeypatch):
    connection = tmp_path / "connection.json"
    connection.write_text(json.dumps({"ip": "127.0.0.1", "transport": "tcp"}))
    monkeypatch.setenv(sandbox.CONFIG_ENV, str(tmp_path / "sandbox.json"))
    (tmp_path / "sandbox.json").write_text(json.dumps({"limits": {}, "readonly": []}))
    with pytest.raises(SystemExit, match="needs KernelManager.transport='ipc'"):
        sandbox.main(["-f", str(connection)])


def test_concurrent_grading_runs_never_share_a_sandbox_user():
    with sandbox.reserved_uids(2) as first, sandbox.reserved_uids(2) as second:
        assert len(set(first) | set(second)) == 4
        assert all(sandbox.FIRST_SANDBOX_UID <= uid < sandbox.FIRST_SANDBOX_UID + sandbox.SANDBOX_UIDS for uid in first)
