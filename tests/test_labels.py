"""Labels and concepts: what each figure is about (extract/labels.py, extract/concepts.py, text/words.py)."""

from __future__ import annotations

import logging

import pytest

from reportparse.api import parse
from reportparse.extract.concepts import concept_of, vocabulary
from reportparse.extract.quantities import find_quantities
from reportparse.model import Document, DocumentMeta
from reportparse.model.document import SourceInfo
from reportparse.text import words


def labels(text: str) -> list[tuple[str, str | None, str | None]]:
    d = Document(source=SourceInfo(path="t.txt", sha256="0", format="txt"), text=text)
    return [(q.text, q.label, q.concept) for q in find_quantities(d, [], DocumentMeta())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("其中：工资福利支出：50.12万元，", [("50.12万元", "工资福利支出", "wages_welfare")]),
        ("全县共走访慰问198户计生困难家庭，", [("198户", "计生困难家庭", None)]),
        ("共发放慰问金126600元，", [("126600元", "慰问金", "condolence_funds")]),
        ("“三公经费”2021年度三公经费支出 1.91万元，", [("1.91万元", "三公经费支出", "three_public")]),
        ("其中：因公出国（境）支出0万元，", [("0万元", "因公出国（境）支出", "overseas_travel")]),
        ("公车运行维护费0万元，", [("0万元", "公车运行维护费", "vehicle_operation")]),
        ("公务用车购置及运行维护费支出0万元，", [("0万元", "公务用车购置及运行维护费支出", "vehicle")]),
        ("整体支出情况是：基本支出全年139.38万元，", [("139.38万元", "基本支出", "basic_expenditure")]),
        ("其中计生失独和伤残家庭77户，", [("77户", "计生失独和伤残家庭", None)]),
        ("累计发放走访慰问金及物资近3万元。", [("近3万元", "慰问金及物资", "condolence_funds")]),
        ("为项目实施单位申请到120万三年免息贷款，", [("120万", "免息贷款", None)]),
        ("参加活动的40户“困境母亲户”是", [("40户", "困境母亲户", None)]),
        ("部门整体支出绩效自我评价得到98分，", [("98分", "部门整体支出绩效自我评价", "self_evaluation_score")]),
        ("资料20余种5000余份。", [("20余种", "资料", None), ("5000余份", None, None)]),
        ("基本支出5377.64万元，占55.10%。占44.90%", [
            ("5377.64万元", "基本支出", "basic_expenditure"), ("55.10%", "基本支出", None), ("44.90%", None, None),
        ]),  # fmt: skip
    ],
)
def test_labels(text, expected):
    assert labels(text) == expected


def test_concepts_longest_synonym_and_kinds():
    assert concept_of("工资福利支出") == "wages_welfare"  # not the shorter 支出
    assert concept_of("“三公”经费") == "three_public"
    assert concept_of("年初结转和结余") == "opening_carryover"
    assert concept_of("预算执行率", kind="percent") == "execution_rate"
    assert concept_of("预算执行率", kind="money") is None  # a rate concept is not money
    assert concept_of("预算执行率满分", kind="score") == "score_weight"  # the head comes last
    assert concept_of("公务用车购置及运行维护费支出") == "vehicle"  # not the generic 支出 at the end
    assert concept_of("三公经费财政拨款预算") == "three_public"  # the item, not its funding source
    assert concept_of("城镇居民人均可支配收入") == "disposable_income"
    assert concept_of("合计", "基本支出") == "basic_expenditure"  # generic row takes the column
    assert concept_of("行政运行", "基本支出") is None
    assert concept_of(None) is None


def test_vocabulary_ids_are_ascii_and_unique_synonyms_in_userdict():
    vocab = vocabulary()
    assert {"fiscal_appropriation", "three_public", "reception", "self_evaluation_score"} <= set(vocab)
    assert all(cid.isascii() and cid == cid.lower() for cid in vocab)
    with open(words.userdict_path(), encoding="utf-8") as fh:
        userdict = {line.split()[0] for line in fh if line.strip()}
    for entry in vocab.values():
        for syn in entry["synonyms"]:
            if not any(ch in syn for ch in "()（） "):
                assert syn in userdict, syn  # jieba keeps every fiscal term whole


def test_tokenizer_is_private_quiet_and_lossless(caplog):
    import jieba

    with caplog.at_level(logging.DEBUG, logger="jieba"):
        tokens = words.cut("公务用车购置及运行维护费支出0万元")
    assert "公务用车购置及运行维护费" in tokens
    assert "".join(tokens) == "公务用车购置及运行维护费支出0万元"
    assert words.tokenizer() is not jieba.dt  # not jieba's global tokenizer
    assert words.tokenizer() is words.tokenizer()  # built once
    assert not [r for r in caplog.records if r.levelno < logging.WARNING]


def test_seed_labels(seed_path):
    report = parse(seed_path)
    got = {(q.text, q.label) for q in report.quantities}
    for pair in [
        ("50.12万元", "工资福利支出"),
        ("41.72万元", "商品和服务支出"),
        ("47.54万元", "对个人和家庭的补助支出"),
        ("198户", "计生困难家庭"),
        ("126600元", "慰问金"),
        ("1.91万元", "三公经费支出"),
        ("1.91万元", "公务接待接待费"),
        ("35100元", "健康保险"),
        ("4000只", "避孕套"),
    ]:
        assert pair in got, pair
    concepts = {q.concept for q in report.quantities}
    assert {"three_public", "reception", "basic_expenditure", "project_expenditure", "balance"} <= concepts


def test_lexicon_cache_is_built_once_and_reused(tmp_path):
    import os
    import subprocess
    import sys

    code = "from reportparse.text.words import cut; print('|'.join(cut('全县共走访慰问198户计生困难家庭')))"
    env = dict(os.environ, REPORTPARSE_CACHE=str(tmp_path))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    files = list(tmp_path.glob("jieba-lexicon-*.marshal"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout == "全县|共|走访|慰问|198|户|计生困难家庭\n"
    assert files[0].stat().st_mtime_ns == stamp  # read, not rebuilt
    assert first.stderr == second.stderr == ""  # jieba is quiet


def test_a_new_lexicon_cache_replaces_the_stale_ones(tmp_path):
    import os
    import subprocess
    import sys

    stale = tmp_path / "jieba-lexicon-v1-0123456789abcdef.marshal"
    stale.write_bytes(b"old dictionary")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    code = "from reportparse.text.words import cut; cut('走访慰问198户')"
    env = dict(os.environ, REPORTPARSE_CACHE=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert not stale.exists() and unrelated.exists()
    assert len(list(tmp_path.glob("jieba-lexicon-*.marshal"))) == 1


def test_concepts_cache_matches_yaml(tmp_path, monkeypatch):
    import yaml
    from importlib import resources

    from reportparse.extract import concepts

    monkeypatch.setenv("REPORTPARSE_CACHE", str(tmp_path))
    data = (resources.files("reportparse") / "data" / "concepts.yaml").read_bytes()
    first = concepts._load_yaml(data)  # parses the YAML, writes the JSON copy
    assert len(list(tmp_path.glob("concepts-*.json"))) == 1
    assert concepts._load_yaml(data) == first == yaml.safe_load(data.decode("utf-8"))
