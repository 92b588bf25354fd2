"""Every unusable input: exit code 2, one Chinese line naming the file and the problem, no traceback.

The bad files are built here (empty, random bytes, truncated and zip-bomb .docx, scanned and
ToUnicode-less PDFs, ...), except the encrypted PDF, which needs LibreOffice to make and is
committed in tests/fixtures/bad/ (built by scripts/make_fixtures.py).
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SEED_TXT, shared

from reportparse.cli import main

BAD = ROOT / "tests" / "fixtures" / "bad"
SEED_DOCX = CORPUS / (SEED_TXT.stem + ".docx")


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def cid_pdf() -> bytes:
    """Text drawn with a Type0/Identity-H font that has no ToUnicode map: glyph ids, not text."""
    content = (b"BT /F1 12 Tf 72 720 Td <04210432044304340435043604370438> Tj 0 -20 Td "
               b"<0005000600070008000900050006> Tj ET")
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 "
        b"/Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
    ])


def scanned_pdf() -> bytes:
    """An image-only PDF, as a scanner writes it (Pillow is a pdfplumber dependency)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).rectangle((50, 50, 550, 120), outline="black")
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=72)
    return buf.getvalue()


def zip_bomb_docx(member: str, size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(member, "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)
        if member != "word/document.xml":
            z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


CASES = {
    "empty.txt": (lambda: b"", "文件是空的"),
    "blank.txt": (lambda: b" \r\n\t\n", "文件是空的"),
    "random.bin": (lambda: random.Random(7).randbytes(4096), "无法识别文本编码"),
    "controls.txt": (lambda: b"\x01\x02\x03data\x04" * 200, "文件含有二进制内容"),
    "image.png": (lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "这是 PNG 图片"),
    "random.docx": (lambda: random.Random(8).randbytes(4096), "扩展名是 .docx，但文件内容不是 DOCX"),
    "truncated.docx": (lambda: SEED_DOCX.read_bytes()[: SEED_DOCX.stat().st_size // 2], "zip 结构损坏或文件被截断"),
    "zipbomb.docx": (lambda: zip_bomb_docx("word/document.xml", 101 << 20), "疑似 zip 炸弹"),
    "zipbomb-media.docx": (lambda: zip_bomb_docx("word/media/image1.bin", 16 << 20), "压缩比异常"),
    "sheet.docx": (_xlsx, "这是 Excel（.xlsx）文件"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "旧版 Office 文件"),
    "truncated.pdf": (lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "不是有效的 PDF 文件"),
    "scanned.pdf": (scanned_pdf, "扫描件，没有文字层，需要先 OCR"),
    "cid.pdf": (cid_pdf, "字体缺少 ToUnicode 映射，文字层无法使用"),
    "lfs.pdf": (lambda: b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 3\n", "Git LFS 指针文件"),
}


def _run(capsys, path: str) -> tuple[int, str, str]:
    rc = main(["parse", path])
    out, err = capsys.readouterr()
    return rc, out, err


def _assert_one_clear_line(rc: int, out: str, err: str, path: str, message: str) -> None:
    assert rc == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert path in lines[0] and message in lines[0], lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_exit_2_and_one_chinese_line(tmp_path, capsys, name):
    make, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    _assert_one_clear_line(*_run(capsys, str(path)), str(path), message)


def test_encrypted_pdf(capsys):
    path = str(BAD / "encrypted.pdf")
    _assert_one_clear_line(*_run(capsys, path), path, "PDF 已加密")


def test_missing_path_and_directory(tmp_path, capsys):
    missing = str(tmp_path / "没有这个文件.pdf")
    _assert_one_clear_line(*_run(capsys, missing), missing, "文件不存在")
    _assert_one_clear_line(*_run(capsys, str(tmp_path)), str(tmp_path), "这是一个目录")


def test_shared_negatives_fail_cleanly(capsys):
    files = sorted(shared("negatives").iterdir())
    assert len(files) == 6
    expected = {
        "git_lfs_pointer": "Git LFS 指针文件",
        "hello_world": "没有中文",
        "fake_mojibake": "文字层是乱码",
        "dummy_text_not_pdf": "扩展名是 .pdf，但文件内容不是 PDF",
    }
    for f in files:
        message = next(m for k, m in expected.items() if k in f.name)
        _assert_one_clear_line(*_run(capsys, str(f)), str(f), message)


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    rc = main(["parse", str(bad), str(SEED_TXT)])
    out, err = capsys.readouterr()
    assert rc == 2
    assert "文件是空的" in err and str(bad) in err
    assert str(SEED_TXT) in out and "文本块" in out


def test_console_script_prints_no_traceback(tmp_path):
    bad = tmp_path / "bomb.docx"
    bad.write_bytes(zip_bomb_docx("word/document.xml", 101 << 20))
    proc = subprocess.run([sys.executable, "-m", "reportparse", "parse", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [f"reportparse：错误：{bad}：" + proc.stderr.split("：", 3)[-1].strip()]
    assert "疑似 zip 炸弹" in proc.stderr and "Traceback" not in proc.stderr
    assert Path(bad).stat().st_size < 1 << 20  # the bomb itself is small: the guard read only the directory


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_damaged_renditions_fail_only_with_read_errors(ext):
    """Truncated, overwritten and cut copies of the seed renditions: read, or one ReadError."""
    from reportparse.errors import ReadError
    from reportparse.readers import read_bytes

    data = (CORPUS / f"{SEED_TXT.stem}.{ext}").read_bytes()
    rng = random.Random(2026)
    outcomes = Counter()
    for k in range(30):
        b = bytearray(data)
        if k % 3 == 0:
            b = b[: rng.randrange(len(b))]
        elif k % 3 == 1:
            for _ in range(20):
                b[rng.randrange(len(b))] = rng.randrange(256)
        else:
            i = rng.randrange(len(b))
            del b[i:i + 200]
        try:
            read_bytes(f"damaged.{ext}", bytes(b))
            outcomes["read"] += 1
        except ReadError as err:
            assert err.path == f"damaged.{ext}" and err.problem
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0  # the damage is real
