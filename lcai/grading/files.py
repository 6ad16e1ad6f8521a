"""Copy the regular files that really are inside a submission: never a link, a hard link or a special file."""

import os
import shutil
import stat
from pathlib import Path


def copy_regular_files(source: Path, destination: Path) -> list[str]:
    """Copy the regular files that really are inside ``source``; return what was left out, and why.

    Symbolic links (to files or folders), hard links (a file with more than one name may be a file from
    elsewhere, such as the source notebook) and special files are never followed or copied.
    """
    skipped = []
    destination.mkdir(parents=True, exist_ok=True)
    for parent, folders, files in os.walk(source):  # os.walk never descends into a linked folder
        here = Path(parent)
        for name in sorted(folders):
            if (here / name).is_symlink():
                skipped.append(f"{(here / name).relative_to(source)} (a link)")
            else:
                (destination / (here / name).relative_to(source)).mkdir(exist_ok=True)
        for name in sorted(files):
            path = here / name
            relative = path.relative_to(source)
            try:
                info = os.lstat(path)
            except OSError:
                skipped.append(f"{relative} (unreadable)")
                continue
            if stat.S_ISLNK(info.st_mode):
                skipped.append(f"{relative} (a link)")
            elif not stat.S_ISREG(info.st_mode):
                skipped.append(f"{relative} (not a regular file)")
            elif info.st_nlink > 1:
                skipped.append(f"{relative} (a hard link)")
            else:
                with open(path, "rb", opener=_no_follow) as reading, open(destination / relative, "wb") as writing:
                    shutil.copyfileobj(reading, writing)
                (destination / relative).chmod(0o644)
    return skipped


def _no_follow(path, flags):
    """``open`` that refuses a path that became a link after it was checked."""
    return os.open(path, flags | os.O_NOFOLLOW)
