"""Run a student's notebook kernel inside a bubblewrap sandbox with resource limits.

The grading kernel is what runs student code, so the kernel is what is confined. A kernelspec starts
``python -I -m lcai.grading.sandbox -f {connection_file}``; this module then replaces itself with

    bwrap <namespaces, read-only allowlist> [setpriv <uid>] prlimit <limits> python -I -m lcai.grading.kernel

Both Pythons start isolated (``-I``): the launcher runs outside the sandbox, as the grader, with the submission's
folder as its working folder, and a plain ``python -m`` would import a module the submission ships there.

What the kernel gets:
- no network: a network namespace of its own with only loopback; the kernel talks to the grader over IPC sockets
  in one folder of its own, so the grader must use ``KernelManager.transport = "ipc"``;
- no view of the course: only the operating system, the Python installation, the kit's package and datasets are
  mounted, read-only. Gradebook, source notebooks, other students' files and the grader's home are not there;
- writes only to its working folder and ``/tmp``, both size-capped tmpfs that vanish with the kernel (the
  submission's own files are mounted read-only inside the working folder);
- its own process namespace (a fork bomb's processes die with the kernel) and no capabilities;
- limits (``prlimit``): address space, CPU seconds, processes, file size, open files, no core dumps;
- when the grader is root: an unprivileged user id of its own (per grading worker), because the process limit
  does not apply to root.
"""

import fcntl
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from lcai.errors import KitError
from lcai.paths import COURSE, DATASETS, PACKAGE

KERNEL_NAME = "lcai-sandbox"
CONFIG_ENV = "LCAI_SANDBOX_CONFIG"  # path of the JSON written by write_kernelspec
UID_ENV = "LCAI_SANDBOX_UID"  # set per grading worker when the grader is root
# Where root graders' kernels run: user ids that no account on a normal system uses.
FIRST_SANDBOX_UID = 61000
SANDBOX_UIDS = 1024  # how many of them grading runs on one machine share out
MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading kernel."""

    memory_mib: int = 3072  # address space; numpy, pandas and scikit-learn need about 1 GiB of it
    cpu_seconds: int = 600  # CPU time of the kernel process over the whole notebook
    processes: int = 64  # processes and threads of the sandbox user (ipykernel alone has about 10 threads)
    file_mib: int = 64  # largest file the kernel may write
    open_files: int = 256
    scratch_mib: int = 128  # size of each writable tmpfs: the working folder and /tmp


def _readonly_paths() -> list[str]:
    """Paths the kernel may read: the system, the Python installation, the kit and its datasets."""
    candidates = [
        "/usr",
        "/bin",
        "/sbin",
        "/lib",
        "/lib32",
        "/lib64",
        "/etc/alternatives",
        "/etc/fonts",
        "/etc/ld.so.cache",
        "/etc/localtime",
        "/etc/passwd",
        "/etc/group",
        "/etc/nsswitch.conf",
        sys.prefix,
        sys.base_prefix,
        str(PACKAGE),
        str(DATASETS),
        os.environ.get("LCAI_DATASETS", ""),
    ]
    return list(dict.fromkeys(path for path in candidates if path and os.path.lexists(path)))


def _mount_readonly(path: str) -> list[str]:
    """bwrap arguments that show ``path`` read-only; a symlink (``/bin -> usr/bin``) stays a symlink."""
    if os.path.islink(path):
        return ["--symlink", os.readlink(path), path]
    return ["--ro-bind", path, path]


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def write_kernelspec(folder: Path, limits: Limits) -> dict[str, str]:
    """Write the sandbox kernelspec under ``folder``; return the environment that makes Jupyter find it."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    config = folder / "sandbox.json"
    config.write_text(json.dumps({"limits": asdict(limits), "readonly": _readonly_paths()}))
    kernel = {
        # -I: the kernel starts in the submission's folder; nothing there may be imported outside the sandbox.
        "argv": [sys.executable, "-I", "-m", "lcai.grading.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (grading sandbox)",
        "language": "python",
        # A SIGINT to the process group would end bwrap itself; the kernel interrupts itself on a message.
        "interrupt_mode": "message",
        "env": {CONFIG_ENV: str(config)},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1))
    return {"JUPYTER_PATH": str(folder)}


def _contents(folder: Path) -> tuple[list[Path], list[Path]]:
    """(sub-folders, regular files) below ``folder``, never following a link."""
    folders, files = [], []
    for parent, dirnames, filenames in os.walk(folder):
        folders += [Path(parent, name) for name in dirnames if not os.path.islink(os.path.join(parent, name))]
        files += [
            Path(parent, name)
            for name in filenames
            if os.path.isfile(os.path.join(parent, name)) and not os.path.islink(os.path.join(parent, name))
        ]
    return sorted(folders), sorted(files)


def sandbox_command(
    sockets: Path, workdir: Path, extra: list[str], limits: Limits, readonly: list[str], uid: int | None
) -> list[str]:
    """The full command that starts a kernel whose IPC sockets and ``connection.json`` are in ``sockets``."""
    scratch = str(limits.scratch_mib * MiB)
    command = [
        bwrap_path() or "bwrap",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--unshare-ipc",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--hostname",
        "sandbox",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--perms",
        "1777",
        "--size",
        scratch,
        "--tmpfs",
        "/tmp",
    ]
    if uid is None:  # an unprivileged grader: bwrap maps the grader's own user into a user namespace
        command.append("--unshare-user")
    else:  # root: setpriv below switches to the sandbox user, which needs these two capabilities
        command += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    mounts = [*readonly, str(sockets), str(workdir)]
    # bwrap creates missing parent folders as root-only; the sandbox user must be able to pass through them.
    parents = {str(parent) for path in mounts for parent in Path(path).parents} - {"/", "/tmp"}
    for parent in sorted(parents - set(mounts)):
        command += ["--perms", "0755", "--dir", parent]
    for path in readonly:
        command += _mount_readonly(path)
    command += ["--bind", str(sockets), str(sockets), "--perms", "1777", "--size", scratch, "--tmpfs", str(workdir)]
    folders, files = _contents(workdir)
    # Sub-folders (``data/``) as in the student's release: readable and writable, within the same size cap.
    for path in folders:
        command += ["--perms", "1777", "--dir", str(path)]
    for path in files:
        command += ["--ro-bind", str(path), str(path)]
    home = "/tmp"
    for name, value in {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": home,
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde",
    }.items():
        command += ["--setenv", name, value]
    if os.environ.get("LCAI_DATASETS"):
        command += ["--setenv", "LCAI_DATASETS", os.environ["LCAI_DATASETS"]]
    command += ["--chdir", str(workdir), "--"]
    if uid is not None:
        command += [
            shutil.which("setpriv") or "/usr/bin/setpriv",
            f"--reuid={uid}",
            f"--regid={uid}",
            "--clear-groups",
            "--inh-caps=-all",
            "--",
        ]
    command += [
        shutil.which("prlimit") or "/usr/bin/prlimit",
        f"--as={limits.memory_mib * MiB}",
        f"--cpu={limits.cpu_seconds}",
        f"--nproc={limits.processes}",
        f"--fsize={limits.file_mib * MiB}",
        f"--nofile={limits.open_files}",
        "--core=0",
        "--",
        sys.executable,
        "-I",  # start-up imports come from the installation, never from the working folder
        "-B",
        "-m",
        "lcai.grading.kernel",
        "-f",
        str(sockets / "connection.json"),
        *extra,
    ]
    return command


@contextmanager
def reserved_uids(count: int):
    """``count`` sandbox user ids that no other grading run on this machine uses while the block runs.

    Each kernel's process limit counts every process of its user id, so two runs (two courses, or a run and a
    test) must never share one: a fork bomb in one would stop the other's kernels. Each id is held by a lock
    file in the system's temporary folder for as long as the block runs.
    """
    folder = Path(tempfile.gettempdir()) / "lcai-sandbox-uids"
    folder.mkdir(exist_ok=True)
    held, uids = [], []
    try:
        for uid in range(FIRST_SANDBOX_UID, FIRST_SANDBOX_UID + SANDBOX_UIDS):
            if len(uids) == count:
                break
            handle = open(folder / f"{uid}.lock", "w")  # noqa: SIM115 - held until the block ends
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            held.append(handle)
            uids.append(uid)
        if len(uids) < count:
            raise KitError(
                f"all {SANDBOX_UIDS} sandbox user ids are in use by other grading runs: wait for one to end."
            )
        yield uids
    finally:
        for handle in held:
            handle.close()


def prepare_sockets(folder: Path, uid: int | None) -> Path:
    """Create the folder for a kernel's IPC sockets, owned by the sandbox user; return the socket path prefix."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    if uid is not None:
        os.chown(folder, uid, uid)
    return folder / "kernel"


def seal_sockets(folder: Path) -> None:
    """Take the kernel's write access to its socket folder once the kernel has made its sockets.

    That folder is the one place the kernel sees that is not a size-capped tmpfs (the grader must reach the
    sockets from outside), so a kernel could fill the grader's disk through it. After this the kernel can
    still serve its sockets but create, grow or remove no file there. A kernel under an unprivileged grader
    runs as the grader's own user and could undo this; see the README.
    """
    if os.geteuid() != 0:
        return
    for path in [folder, *folder.iterdir()]:
        if path.is_file() and not path.is_symlink():
            os.chown(path, 0, 0)
            path.chmod(0o444)
    os.chown(folder, 0, 0)
    folder.chmod(0o755)


# What is kept of the files a notebook writes in its working folder while it is graded.
KEEP_FILES, KEEP_BYTES = 200, 16 * MiB


def _sandbox_root(launcher_pid: int) -> Path | None:
    """The sandbox's file system, seen from outside: ``/proc/<pid>/root`` of bwrap's child, while it runs."""
    try:
        children = Path(f"/proc/{launcher_pid}/task/{launcher_pid}/children").read_text().split()
    except OSError:
        return None
    return Path(f"/proc/{children[0]}/root") if children else None


def keep_written_files(launcher_pid: int, workdir: Path) -> list[str]:
    """Copy the files the kernel wrote in its (tmpfs) working folder into ``workdir`` on the grader's side.

    Call it before the kernel stops: the tmpfs vanishes with it. Only new regular files are copied, at most
    :data:`KEEP_FILES` of them and :data:`KEEP_BYTES` in all, never following a link (the walk holds each folder
    open, so a folder swapped for a link while it runs is not followed). Returns what was kept, then what not.
    """
    root = _sandbox_root(launcher_pid)
    if root is None:
        return []
    top = str(root) + str(workdir)
    kept, left, total = [], [], 0
    for folder, _, files, folder_fd in os.fwalk(top, follow_symlinks=False):  # each folder's fd lives one step
        relative = Path(os.path.relpath(folder, top))
        for name in sorted(files):
            target = workdir / relative / name
            if target.exists() or target.is_symlink():
                continue  # a file of the submission or the assignment: the kernel saw it read-only
            try:
                descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
            except OSError:
                continue
            with os.fdopen(descriptor, "rb") as reading:
                info = os.fstat(reading.fileno())
                if not stat.S_ISREG(info.st_mode):
                    continue
                if len(kept) >= KEEP_FILES or total + info.st_size > KEEP_BYTES:
                    left.append(str(relative / name))
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                data = reading.read(KEEP_BYTES - total + 1)[: KEEP_BYTES - total]
                target.write_bytes(data)
                total += len(data)
                kept.append(str(relative / name))
    return [os.path.normpath(name) for name in kept] + [f"not kept: {os.path.normpath(name)}" for name in left]


def probe(limits: Limits, uid: int | None) -> None:
    """Start a tiny sandboxed Python and check that it is confined; raise KitError saying what is missing."""
    if bwrap_path() is None:
        raise KitError(
            "bubblewrap (bwrap) is not installed, so student code cannot be isolated: install it "
            "(Debian: apt-get install bubblewrap) or, knowingly, grade with --no-sandbox."
        )
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lcai-probe-") as scratch:
        sockets = Path(scratch) / "ipc"
        prepare_sockets(sockets, uid)
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        command = sandbox_command(sockets, workdir, [], limits, _readonly_paths(), uid)
        python = command.index(sys.executable)
        check = (
            "import socket, os\n"
            "try:\n socket.create_connection(('1.1.1.1', 53), timeout=2); print('network')\n"
            "except OSError: pass\n"
            f"print('course visible' if os.path.exists({str(COURSE)!r}) else 'ok')\n"
        )
        command[python + 1 :] = ["-c", check]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or result.stdout.strip() != "ok":
        reason = (result.stderr.strip().splitlines() or [result.stdout.strip() or "no output"])[-1]
        raise KitError(
            f"the grading sandbox does not work here ({reason}): user namespaces or bubblewrap are unavailable; "
            "fix that or, knowingly, grade with --no-sandbox."
        )


def main(argv: list[str] | None = None) -> None:
    """Kernelspec entry point: ``python -m lcai.grading.sandbox -f CONNECTION_FILE [kernel arguments]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) < 2 or argv[0] != "-f":
        sys.exit("usage: python -m lcai.grading.sandbox -f CONNECTION_FILE [kernel arguments]")
    connection, extra = Path(argv[1]), argv[2:]
    settings = json.loads(Path(os.environ[CONFIG_ENV]).read_text())
    info = json.loads(connection.read_text())
    if info.get("transport") != "ipc" or not os.path.isabs(info.get("ip", "")):
        sys.exit(
            "lcai.grading.sandbox: the kernel has no network, so it needs KernelManager.transport='ipc' "
            "with an absolute KernelManager.ip"
        )
    uid = int(os.environ[UID_ENV]) if os.environ.get(UID_ENV) else None
    sockets = Path(info["ip"]).parent
    # The sandbox user cannot read the grader's private connection file: give it its own copy.
    copy = sockets / "connection.json"
    copy.write_text(connection.read_text())
    copy.chmod(0o600)
    if uid is not None:
        os.chown(copy, uid, uid)
    command = sandbox_command(sockets, Path.cwd(), extra, Limits(**settings["limits"]), settings["readonly"], uid)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
