"""The bundle: manifest, atomic writes, refusal of a final export with errors, draft export, zip."""
from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from exporters.bundle import ExportFailed, ExportRefused, export_bundle
from exporters.filenames import NameRegistry, safe_name
from forms.project import Project
from forms.project_file import load_project
from tests.conftest import write_json


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "proj" / "示例.qcproj"
    path.parent.mkdir()
    assert main(["new", "--sample", str(path)]) == 0
    return path


def test_bundle_holds_every_document_and_a_true_manifest(sample_file: Path, tmp_path: Path) -> None:
    project = load_project(sample_file)
    result = export_bundle(project, tmp_path / "包", base_dir=sample_file.parent)
    manifest = json.loads((tmp_path / "包" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "qcdesk-bundle" and manifest["version"] == 1
    assert manifest["campaign"] == 2024 and manifest["declarant"] == "江海石油化工股份有限公司"
    assert manifest["draft"] is False
    assert all(c["level"] == "warning" for c in manifest["checks"])     # a final bundle: no error
    for check in manifest["checks"]:
        assert set(check) == {"level", "form", "achievement", "field", "message", "category"}
        assert check["category"] in ("填写规则", "方法自查", "前后一致")
    forms = sorted(f["form"] for f in manifest["files"])
    assert forms.count("附件2") == 6 and forms.count("附件8") == 6      # 3 groups × (docx + pdf)
    assert forms.count("附件3") == 2 and forms.count("附件9") == 2
    assert forms.count("附件4") == forms.count("附件5") == 1
    assert forms.count("附件6") == forms.count("附件7") == 2
    assert forms.count("附件") == 10                        # 4 activity records + 2 certificates + 4 photos
    photos = sorted(f["path"] for f in manifest["files"] if f["path"].endswith(".jpg"))
    assert sorted(p.split("/")[-1] for p in photos) == [
        "包装班_定置管理现场.jpg", "对策实施_吹灰操作卡.jpg", "对策实施_更换空气预热器热管.jpg", "对策实施_氧含量分析仪校验.jpg"]
    assert all("/附件/图片/" in p for p in photos)
    on_disk = sorted(p.relative_to(tmp_path / "包").as_posix() for p in (tmp_path / "包").rglob("*") if p.is_file())
    assert on_disk == sorted([f["path"] for f in manifest["files"]] + ["manifest.json"])
    for entry in manifest["files"]:
        data = (tmp_path / "包" / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert len(entry["path"]) < 200 and not any(ch in entry["path"] for ch in '\\:*?"<>|')
    record = next(f for f in manifest["files"] if f["path"].endswith("节能先锋QC小组活动记录.pdf"))
    assert record["achievement"] == "降低常减压装置加热炉排烟温度"
    assert len(result.files) == len(manifest["files"])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_final_export_with_errors_writes_nothing(sample_file: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(sample_file.read_text(encoding="utf-8"))
    data["team_achievements"][0]["incidents"] = 1
    data["team_achievements"][0]["team_name"] = "聚丙烯车间包装班"   # and a warning (N4)
    write_json(sample_file, data)
    before = sorted(os.listdir(tmp_path))
    assert main(["export", str(sample_file), "--out", str(tmp_path / "out"), "--zip"]) == 1
    err = capsys.readouterr().err
    assert "不能正式导出" in err and "年质量、安全事故数（个）" in err
    assert sorted(os.listdir(tmp_path)) == before
    # Only the errors are listed, but the count is of the project's findings, as `check` gives it.
    assert main(["check", str(sample_file)]) == 1
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    counts = summary.split("。")[0]                         # 共 n 个错误、m 个警告
    assert counts.split("、")[1] == "1 个警告"
    assert err.strip().splitlines()[-1].startswith(counts + "（上面只列出错误")


def test_draft_export_is_marked(sample_file: Path, tmp_path: Path) -> None:
    data = json.loads(sample_file.read_text(encoding="utf-8"))
    data["group_achievements"][0]["main_contributors"] += [f"新{i}" for i in range(6)]
    write_json(sample_file, data)
    assert main(["export", str(sample_file), "--out", str(tmp_path / "draft"), "--draft"]) == 0
    manifest = json.loads((tmp_path / "draft" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["draft"] is True
    errors = [c for c in manifest["checks"] if c["level"] == "error"]
    assert {(c["form"], c["field"]) for c in errors} == {("附件2", "main_contributors")}
    assert any("超过上限10人" in c["message"] for c in errors)


def test_zip_has_the_same_files(sample_file: Path, tmp_path: Path) -> None:
    result = export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent,
                           make_zip=True)
    assert result.zip_path == tmp_path / "out.zip"
    with zipfile.ZipFile(result.zip_path) as archive:
        names = sorted(n.split("/", 1)[1] for n in archive.namelist())
    assert names == sorted([f.path for f in result.files] + ["manifest.json"])


def test_missing_attachment_blocks_final_and_is_named(sample_file: Path, tmp_path: Path) -> None:
    (sample_file.parent / "示例附件" / "攻坚QC小组活动记录.pdf").unlink()
    with pytest.raises(ExportRefused) as refused:
        export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent)
    assert any("找不到小组活动记录等附件文件“示例附件/攻坚QC小组活动记录.pdf”" in f.message
               for f in refused.value.findings)
    assert not (tmp_path / "out").exists()


def test_unwritable_folder_gives_a_message(sample_file: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import exporters.bundle as bundle

    def read_only(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(bundle.tempfile, "mkdtemp", read_only)
    with pytest.raises(ExportFailed, match="无法写入申报包.*没有权限"):
        export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent)
    assert sorted(os.listdir(tmp_path)) == ["proj"]


def test_write_failure_midway_leaves_nothing(sample_file: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import exporters.bundle as bundle
    project_bytes = sample_file.read_bytes()

    def held_open(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(bundle, "write_team_summary", held_open)
    with pytest.raises(ExportFailed, match="正被其他程序"):
        export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent)
    assert sorted(os.listdir(tmp_path)) == ["proj"]
    assert sample_file.read_bytes() == project_bytes


def test_cancel_leaves_nothing(sample_file: Path, tmp_path: Path) -> None:
    from exporters.bundle import ExportCancelled
    calls: list[int] = []

    def cancel_after_three() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent,
                      cancelled=cancel_after_three)
    assert sorted(os.listdir(tmp_path)) == ["proj"]


def test_control_characters_and_odd_titles_export(tmp_path: Path, sample_data: dict) -> None:
    sample_data["group_achievements"][0]["title"] = 'CON'
    sample_data["group_achievements"][1]["title"] = '研制:再生*滑阀?"工具"<一>|. '
    sample_data["group_achievements"][2]["summary"] = "段一\x0b段二\x0c段三\x07"
    for a in sample_data["group_achievements"] + sample_data["team_achievements"]:
        a["attachments"] = []
    for r in sample_data["reviewers"]:
        r["evidence"] = []
    project = Project.model_validate(sample_data)
    result = export_bundle(project, tmp_path / "out", draft=True)
    paths = [f.path for f in result.files]
    assert any("/01__CON/" in p for p in paths)
    assert any("/02_研制_再生_滑阀__工具__一__/" in p for p in paths)


def test_safe_names_are_unique_case_insensitively() -> None:
    names = NameRegistry()
    assert names.claim("a", "Report.docx") == "a/Report.docx"
    assert names.claim("a", "report.docx") == "a/report(2).docx"
    assert safe_name("  名称. ") == "名称" and safe_name("a/b\\c") == "a_b_c" and safe_name("") == "未命名"
