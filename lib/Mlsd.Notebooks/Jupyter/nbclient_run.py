"""Runs one notebook through Jupyter's own client (nbclient) with a registered kernel, for `mlsd run --kernel jupyter`.

Usage: python3 nbclient_run.py <notebook.ipynb> <kernel name> <cell timeout s> <stop|continue>

Everything the caller needs goes to stdout as lines that start with U+001E (the kernel's own log lines pass through
untouched, and the caller skips them): "start N" when code cell N (0-based over all cells) starts, "end {json}" with
its execution count and outputs when it finishes, "timeout {json}" with the outputs so far of a cell that ran out of
time, and one of "missing <module>", "no-kernel <name>", "dead <why>", "failed <why>" when the run could not go on.
"""
import json
import os
import sys

MARK = "\x1e"


def say(text):
    print(MARK + text, flush=True)


def report(what, index, cell):
    say(what + " " + json.dumps({"cell": index, "execution_count": cell.get("execution_count"), "outputs": cell.get("outputs", [])}))


def main(argv):
    if len(argv) != 5 or argv[4] not in ("stop", "continue"):
        say("failed usage: nbclient_run.py <notebook> <kernel> <cell timeout s> <stop|continue>")
        return 2
    source, kernel, timeout, mode = argv[1], argv[2], int(argv[3]), argv[4]
    try:
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    except ImportError as e:
        say(f"missing {e.name or e}")
        return 3
    try:
        KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        say(f"no-kernel {kernel}")
        return 4

    notebook = nbformat.read(source, as_version=4)
    running = {}

    def started(cell, cell_index, **_):
        running["now"] = (cell_index, cell)
        say(f"start {cell_index}")

    def finished(cell, cell_index, **_):
        running.pop("now", None)
        report("end", cell_index, cell)

    client = NotebookClient(
        notebook,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=(mode == "continue"),
        record_timing=True,
        # The kernel starts in the notebook's folder, as VS Code and JupyterLab start it: relative #r paths and the
        # repository's local dotnet tool (the kernel's `dotnet interactive` command) are found from there.
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
        on_cell_execute=started,
        on_cell_executed=finished,
    )
    status = 0
    try:
        # The kernel's own console (its start-up log) goes to stderr, so stdout carries only the lines above.
        client.execute(stdout=sys.stderr, stderr=sys.stderr)
    except CellExecutionError:
        pass  # the error output is in the cell; the caller reports it
    except CellTimeoutError:
        if "now" in running:
            report("timeout", *running["now"])
        status = 5
    except DeadKernelError as e:
        say(f"dead {e}")
        status = 6
    except Exception as e:  # e.g. "Kernel died before replying to kernel_info": the kernel never started
        say(f"failed {type(e).__name__}: {e}")
        status = 7
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
