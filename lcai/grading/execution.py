"""nbgrader's Execute step as ``lcai grade`` runs it: output capped as it streams in, the kernel's socket folder
sealed once the kernel has started, and the files the notebook wrote kept before the kernel's folder vanishes."""

import asyncio
import json
from pathlib import Path

import nbformat

from lcai.grading import sandbox

# Bytes of output (as JSON) kept per cell; the rest is dropped as it streams in. Above the kernel's own cap
# (lcai.grading.kernel), so it only acts when student code removed that cap.
OUTPUT_LIMIT = 16 * 1024 * 1024
TRUNCATION_NOTE = "[lcai: output beyond the grader's limit was dropped]\n"
WRITTEN_LIST = "files-written.txt"  # beside a scratch submission's autograded folder: what its notebook wrote


def limited_execute_class():
    """nbgrader's Execute preprocessor, keeping at most OUTPUT_LIMIT bytes of output per cell as it arrives."""
    from jupyter_core.utils import ensure_async, run_sync
    from nbgrader.preprocessors import Execute

    class LimitedExecute(Execute):
        """Keeps at most OUTPUT_LIMIT bytes of a cell's output and interrupts a cell that floods; errors always stay."""

        def preprocess(self, nb, resources=None, km=None):
            self._output_bytes, self._interrupts = {}, []
            return super().preprocess(nb, resources, km)

        async def async_start_new_kernel_client(self):
            client = await super().async_start_new_kernel_client()
            if self.km.transport == "ipc":  # sandboxed: the kernel has made its sockets and runs no student code yet
                sandbox.seal_sockets(Path(self.km.ip).parent)
            return client

        start_new_kernel_client = run_sync(async_start_new_kernel_client)  # the base class binds its own

        async def _async_cleanup_kernel(self):
            if self.km is not None and self.km.transport == "ipc" and self.km.provisioner is not None:
                # The kernel's working folder is a tmpfs that ends with it: keep what the notebook wrote there.
                folder = Path(self.resources.get("metadata", {}).get("path", ""))
                written = sandbox.keep_written_files(self.km.provisioner.pid, folder) if folder.is_dir() else []
                if written:
                    (folder.parent / WRITTEN_LIST).write_text("\n".join(written))
            await super()._async_cleanup_kernel()

        _cleanup_kernel = run_sync(_async_cleanup_kernel)

        def output(self, outs, msg, display_id, cell_index):
            size = self._output_bytes.get(cell_index, 0) + len(json.dumps(msg.get("content", {})))
            self._output_bytes[cell_index] = size
            if size <= OUTPUT_LIMIT or msg["msg_type"] == "error":  # an error decides a test's score: never drop it
                return super().output(outs, msg, display_id, cell_index)
            if not any(out.get("text") == TRUNCATION_NOTE for out in outs):
                outs.append(nbformat.v4.new_output("stream", name="stderr", text=TRUNCATION_NOTE))
                # Stop the flood at its source; the cell ends with KeyboardInterrupt, like a student pressing stop.
                self._interrupts.append(asyncio.ensure_future(ensure_async(self.km.interrupt_kernel())))
            return None

    return LimitedExecute
