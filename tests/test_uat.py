"""Rough edges found by user acceptance on a fresh clone, each pinned so it cannot come back."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reportparse.cli import main

from conftest import CORPUS, SEED_TXT

SEED = str(SEED_TXT)
SEED_DOCX = str(CORPUS / "新田县计划生育协会2021年度部门整体支出绩效评价报告.docx")


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("argv", [
    ("parse", SEED),
    ("parse", SEED, "--format", "json"),
    ("check", SEED),
    ("check", SEED, "--format", "csv"),
])
def test_output_to_a_folder_is_one_chinese_line_and_exit_2(capsys, tmp_path, argv):
    # `-o 结果/` (a folder) used to end in an IsADirectoryError traceback with exit code 1
    rc, _, err = run(capsys, *argv, "-o", str(tmp_path))
    assert rc == 2
    assert err == f"reportparse：错误：{tmp_path}：输出路径是一个目录，请给出文件名\n"


def test_output_under_a_file_is_one_chinese_line_and_exit_2(capsys, tmp_path):
    # the folder of -o cannot be created because a file stands in its way: NotADirectoryError before
    blocker = tmp_path / "a.txt"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "结果.txt"
    rc, _, err = run(capsys, "check", SEED, "-o", str(out))
    assert rc == 2
    assert err == f"reportparse：错误：{out}：输出文件所在的文件夹无法创建（路径上已有同名文件）\n"
    assert "Traceback" not in err


def test_html_to_an_unwritable_place_names_the_file_in_chinese(capsys, tmp_path):
    blocker = tmp_path / "a.txt"
    blocker.write_text("x", encoding="utf-8")
    page = blocker / "审阅.html"
    rc, out, err = run(capsys, "check", SEED, "--html", str(page))
    assert rc == 2 and out == ""
    # before: "无法写入输出文件（Not a directory）", English and without the file
    assert err == f"reportparse：错误：{page}：输出文件所在的文件夹无法创建（路径上已有同名文件）\n"


def test_annotated_copy_gets_the_mode_of_a_new_file(capsys, tmp_path):
    # mkstemp made the copy 0600: a colleague on a shared drive could not open the reviewed draft
    out = tmp_path / "草稿 批注.docx"
    old = os.umask(0o022)
    try:
        rc, _, err = run(capsys, "check", SEED_DOCX, "--annotate", str(out))
    finally:
        os.umask(old)
    assert rc == 1 and err == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_good_files_still_written_when_one_is_bad(capsys, tmp_path):
    out = tmp_path / "新 文件夹" / "结果.txt"
    rc, _, err = run(capsys, "check", SEED, str(tmp_path / "没有.txt"), SEED_DOCX, "-o", str(out))
    assert rc == 2
    assert "没有.txt：文件不存在" in err
    text = Path(out).read_text(encoding="utf-8")
    assert text.count("：2 个错误") == 2 and text.rstrip().endswith("共 2 个文件：4 个错误，0 个警告，0 个提示；64 项核对相符")


def test_a_text_far_longer_than_any_report_is_refused_at_once(capsys, tmp_path):
    # 150 MB of text ran for minutes in silence and grew past 4.6 GB RSS; now one line, before extraction
    seed = SEED_TXT.read_text(encoding="utf-8")
    big = tmp_path / "合并 报告.txt"
    big.write_text(seed * (2_000_000 // len(seed) + 1), encoding="utf-8")
    rc, out, err = run(capsys, "check", str(big))
    assert rc == 2 and out == ""
    assert err.startswith(f"reportparse：错误：{big}：文字过多（约 200 万字，上限 200 万字）")
    assert err.count("\n") == 1


def test_ingest_of_a_folder_with_only_subfolders_says_to_add_r(capsys, tmp_path):
    # a user who forgot -r got "文件 0 个" and exit 0 with no word on why
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "报告.txt").write_text(SEED_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    rc, out, err = run(capsys, "ingest", str(tmp_path), "--db", str(tmp_path / "r.sqlite"))
    assert rc == 0 and out.startswith("文件 0 个")
    assert err == "reportparse：提示：给出的路径中没有找到报告文件（.txt / .docx / .pdf）；子文件夹中的文件需加 -r\n"
    rc, out, err = run(capsys, "ingest", str(tmp_path), "-r", "--db", str(tmp_path / "r.sqlite"))
    assert rc == 0 and out.startswith("文件 1 个：新入库 1") and err == ""


def test_ctrl_c_during_ingest_says_how_to_resume_and_keeps_the_store(tmp_path):
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from test_ingest_kill import make_batch, stored_count

    src, db = tmp_path / "in", tmp_path / "r.sqlite"
    make_batch(src)
    cmd = [sys.executable, "-m", "reportparse", "ingest", str(src), "-r", "--db", str(db), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while stored_count(db) < 3:
        assert proc.poll() is None, "the batch ended before Ctrl-C"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        f"reportparse：已中断。已处理完的文件都完整保存在 {db} 中，正在处理的文件不留任何行；"
        "重新运行同一条命令即可接着处理其余文件")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 3 <= kept < 41
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0 and f"跳过 {kept}（内容未变）" in rerun.stdout


class _InterruptAfterCommit:
    """A connection that behaves as sqlite3's does when Ctrl-C lands right after COMMIT returns:
    Python raises KeyboardInterrupt at the next bytecode, with the transaction already committed."""

    def __init__(self, conn):
        self.conn = conn

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def execute(self, sql, *args):
        cursor = self.conn.execute(sql, *args)
        if sql == "COMMIT":
            raise KeyboardInterrupt
        return cursor


def test_ctrl_c_right_after_commit_is_a_keyboard_interrupt_not_a_rollback_error(tmp_path):
    # was: sqlite3.OperationalError "cannot rollback - no transaction is active" over the interrupt
    from reportparse.store import db as store_db

    conn = store_db.connect(tmp_path / "r.sqlite")
    rows = {"documents": [], "errors": []}
    with pytest.raises(KeyboardInterrupt):
        store_db.write_document(_InterruptAfterCommit(conn), 7, rows)
    assert not conn.in_transaction


def test_ctrl_c_while_the_forkserver_warms_up_prints_no_traceback():
    # SIGINT goes to the whole foreground group, the pool's forkserver too, while it imports its preload
    import subprocess
    import sys

    code = (
        "import os, signal, threading, reportparse.store\n"
        "threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()\n"
        "import reportparse.store.preload\n"
        "print('warm')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == "warm\n"
    assert "KeyboardInterrupt" not in done.stderr


def _ignores_sigint(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (2 - 1)))  # SIGINT is signal 2
    raise AssertionError("no SigIgn line")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="需要 Linux 的 /proc")
def test_the_pool_forkserver_is_born_ignoring_ctrl_c():
    # a Ctrl-C in the first half second of a batch reached the forkserver while Python was still
    # importing and printed a traceback; it now inherits SIG_IGN from its first instruction
    import subprocess
    import sys

    code = (
        "from multiprocessing import forkserver\n"
        "from reportparse.store.ingest import start_forkserver\n"
        "start_forkserver()\n"
        "print(forkserver._forkserver._forkserver_pid)\n"
        "import time; time.sleep(1)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    pid = int(proc.stdout.readline())
    try:
        assert _ignores_sigint(pid)
    finally:
        proc.communicate(timeout=60)


def test_ctrl_c_is_held_while_the_pool_starts_a_worker():
    # Run in a fresh interpreter: in the full suite, threads left by earlier tests (Dask's, say)
    # do not block SIGINT, so the kernel could hand them the signal and the test would be flaky.
    import subprocess
    import sys

    code = """
import os, signal, threading
from reportparse.store.ingest import _ctrl_c_held

# the pool's threads are alive while it starts workers, and the kernel may give them the signal
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
reached = False
try:
    try:
        with _ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # give Python every chance to run a handler here
                pass
            reached = True  # delivered only once the worker is registered with the pool
    except KeyboardInterrupt:
        print("interrupted after" if reached else "interrupted inside")
finally:
    stop.set()
    other.join()
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "interrupted after", done.stderr


def test_missing_pyarrow_names_a_command_that_works_from_the_source_tree(tmp_path, capsys, monkeypatch):
    # the hint was `pip install 'reportparse[parquet]'`, which a user of the cloned project cannot run
    import sys

    from reportparse.store import db as store_db

    store = tmp_path / "r.sqlite"
    store_db.connect(store).close()
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # an install without the parquet extra
    rc, _, err = run(capsys, "export", "--db", str(store), "--table", "documents", "--format", "parquet",
                     str(tmp_path / "d.parquet"))
    assert rc == 2 and "bash scripts/setup parquet" in err
    assert (Path(__file__).resolve().parent.parent / "scripts" / "setup").exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_to_a_folder_or_under_a_file_is_one_chinese_line(tmp_path, capsys, fmt):
    # was "无法写入（Is a directory）", pyarrow's English sentence, or a FileExistsError traceback
    pytest.importorskip("pyarrow") if fmt == "parquet" else None
    from reportparse.store import db as store_db

    store = tmp_path / "r.sqlite"
    store_db.connect(store).close()
    rc, _, err = run(capsys, "export", "--db", str(store), "--table", "documents", "--format", fmt, str(tmp_path))
    assert rc == 2 and err == f"reportparse：错误：{tmp_path}：输出路径是一个目录，请给出文件名\n"
    under = store / f"x.{fmt}"  # a file stands where the folder should be
    rc, _, err = run(capsys, "export", "--db", str(store), "--table", "documents", "--format", fmt, str(under))
    assert rc == 2 and err == f"reportparse：错误：{under}：输出文件所在的文件夹无法创建或不存在\n"


@pytest.mark.parametrize("argv, says", [
    (["check", SEED, "--format", "xml"], "reportparse check：错误：参数 --format：无效的取值 'xml'（可选：'text', 'json', 'csv'）"),
    (["ingest", "x"], "reportparse ingest：错误：缺少必需的参数：--db"),
    (["ingest", "x", "--db", "y", "--workers", "两"], "reportparse ingest：错误：参数 --workers：无效的取值 '两'（应为 int 类型的数）"),
    (["check", SEED, "--bogus"], "reportparse：错误：无法识别的参数：--bogus"),
    (["export", "--db", "x", "--table"], "reportparse export：错误：参数 --table：需要一个值"),
])
def test_usage_errors_are_chinese_and_exit_2(capsys, argv, says):
    # argparse wrote "error: the following arguments are required: --db" and the like, in English
    rc, out, err = run(capsys, *argv)
    assert rc == 2 and out == ""
    assert err.splitlines()[0].startswith("用法：reportparse")
    assert err.splitlines()[-1] == says


def test_review_page_names_every_role_in_chinese(tmp_path):
    # the page listed members as "text 第24页…", "table_a …", "again …": the rules' role ids in English
    import re

    from reportparse.api import check_report, parse_document
    from reportparse.output.html import render_html
    from reportparse.readers import read

    english = set()
    files = sorted((CORPUS / "checks").glob("*.txt")) + sorted((CORPUS / "redteam").glob("*有误*.txt"))[:20]
    for path in files + [CORPUS / "澄溪县2023年国民经济和社会发展统计公报（摘要）.txt"]:
        document = read(path)
        report = parse_document(document)
        page = render_html(document, report, check_report(report, document, show_passed=True))
        english |= set(re.findall(r'<span class="role">([A-Za-z_]+)</span>', page))
    assert english == set()


def test_parse_text_names_the_genre_in_chinese(capsys):
    rc, out, _ = run(capsys, "parse", SEED)
    assert rc == 0
    assert "类型：部门整体支出绩效自评" in out.splitlines()[1]  # was 类型：performance_self_evaluation


@pytest.mark.parametrize("argv", [("parse",), ("parse", "--format", "json"), ("check",), ("check", "--format", "csv")])
def test_a_run_where_no_file_could_be_read_leaves_the_output_file_alone(capsys, tmp_path, argv):
    # yesterday's good output was emptied by today's run on a mistyped path
    out = tmp_path / "结果.txt"
    out.write_text("昨天的结果\n", encoding="utf-8")
    rc, _, err = run(capsys, *argv, str(tmp_path / "没有.txt"), "-o", str(out))
    assert rc == 2 and "没有.txt：文件不存在" in err
    assert out.read_text(encoding="utf-8") == "昨天的结果\n"
    rc, _, _ = run(capsys, *argv, SEED, "-o", str(out))  # a readable file still replaces it
    assert rc in (0, 1) and "新田县计划生育协会" in out.read_text(encoding="utf-8")


def test_screenshot_script_without_playwright_says_what_to_install(capsys, monkeypatch):
    # the README's screenshot command ended in ModuleNotFoundError after `bash scripts/demo`
    import importlib.util
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "screenshot_review.py"
    spec = importlib.util.spec_from_file_location("screenshot_review", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "playwright", None)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    cwd = os.getcwd()
    try:
        assert module.main(["--out", "/nonexistent/x.png"]) == 2
    finally:
        os.chdir(cwd)
    assert "bash scripts/setup test" in capsys.readouterr().err


def _as_nobody(argv: list[str]):
    """Run the CLI as user nobody (the tests run as root, for whom every file is writable)."""
    import shutil
    import subprocess
    import sys

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("需要 root 和 setpriv 才能以另一个用户运行")
    import tempfile

    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "reportparse", *argv]
    # nobody cannot write root's cache: give it its own, or the tokenizer would leave its cache in /tmp
    with tempfile.TemporaryDirectory(prefix="reportparse-uat-cache-") as cache:
        os.chmod(cache, 0o777)
        env = dict(os.environ, REPORTPARSE_CACHE=cache)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd="/", env=env)


@pytest.fixture
def shared_tmp():
    """A folder nobody can enter but not write (pytest's tmp_path is root-only)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="reportparse-uat-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_export_reads_a_store_the_user_may_not_write(shared_tmp):
    # an auditor given a read-only store could not export it: "attempt to write a readonly database"
    from reportparse.store.ingest import ingest

    store = shared_tmp / "r.sqlite"
    ingest([str(SEED_TXT)], str(store), workers=1)
    store.chmod(0o644)
    out = Path("/tmp") / f"reportparse-uat-{os.getpid()}.csv"
    try:
        done = _as_nobody(["export", "--db", str(store), "--table", "documents", str(out)])
        assert done.returncode == 0, done.stderr
        assert "新田县计划生育协会" in out.read_text(encoding="utf-8-sig")
    finally:
        out.unlink(missing_ok=True)
    done = _as_nobody(["crosscheck", "--db", str(store)])  # writes: refused, and said plainly
    assert done.returncode == 2
    assert done.stderr == f"reportparse：错误：{store}：数据库文件是只读的（没有写入权限）；只导出可用 reportparse export\n"


def test_ingest_into_a_folder_the_user_may_not_write_says_so(shared_tmp):
    # was "不是可用的 SQLite 数据库（unable to open database file）"
    store = shared_tmp / "r.sqlite"
    done = _as_nobody(["ingest", SEED, "--db", str(store)])
    assert done.returncode == 2
    assert done.stderr == f"reportparse：错误：{store}：无法在这个文件夹中新建数据库：没有写入权限\n"


@pytest.mark.parametrize("argv", [
    ("check", "{r}", "--html", "{r}"),
    ("check", SEED, "{r}", "-o", "{r}"),
    ("parse", "{r}", "--format", "json", "-o", "{r}"),
])
def test_output_naming_an_input_report_never_overwrites_it(capsys, tmp_path, argv):
    # `check 报告.txt --html 报告.txt` replaced the user's report by the review page
    report = tmp_path / "报告 草稿.txt"
    report.write_bytes(SEED_TXT.read_bytes())
    rc, out, err = run(capsys, *[a.format(r=report) for a in argv])
    assert rc == 2 and out == ""
    assert err == f"reportparse：错误：{report}：输出文件就是要读取的报告；原文件不会被覆盖，请另选一个输出路径\n"
    assert report.read_bytes() == SEED_TXT.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_over_its_own_store_is_refused(tmp_path, capsys, fmt):
    # `export --db r.sqlite … r.sqlite` replaced the whole store by one table's CSV
    from reportparse.store import db as store_db

    store = tmp_path / "r.sqlite"
    store_db.connect(store).close()
    before = store.read_bytes()
    rc, _, err = run(capsys, "export", "--db", str(store), "--table", "meta", "--format", fmt, str(store))
    assert rc == 2
    assert err == f"reportparse：错误：{store}：输出文件就是数据库本身；数据库不会被覆盖，请另选一个输出路径\n"
    assert store.read_bytes() == before
