"""The CI integration files: action.yml (and its script, run for real), .pre-commit-hooks.yaml,
and the workflow examples of the README."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT

ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_action_is_a_composite_action_with_safe_scripts() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = set(action["inputs"])
    assert {"paths", "mode", "baseline", "fail-on", "args", "sarif-file"} <= inputs
    steps = action["runs"]["steps"]
    for step in steps:
        if "run" in step:
            assert step.get("shell") == "bash", step["name"]
            # Inputs reach scripts through env, never pasted into them (script injection).
            assert "${{" not in step["run"], step["name"]
        for ref in re.findall(r"inputs\.([\w-]+)", yaml.safe_dump(step)):
            assert ref in inputs, ref
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)


def _run_step(tmp_path: Path, mode: str, cwd: Path, paths: str = "content",
              baseline: str = "") -> tuple[int, dict[str, str], str, str]:
    """Run the action's "Run seolint" script with bash, as the runner would."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "run")
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    output.write_text("")
    summary.write_text("")
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_WORKSPACE": str(cwd), "SEOLINT_PATHS": paths, "SEOLINT_MODE": mode,
           "SEOLINT_BASELINE": baseline, "SEOLINT_FAIL_ON": "error",
           "SEOLINT_ARGS": "--select T,M,H,I,L,D,F,Z", "SEOLINT_SARIF": "seolint.sarif",
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env,
                          capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc.returncode, outputs, proc.stdout, summary.read_text()


@pytest.mark.skipif(shutil.which("bash") is None or not (Path(sys.executable).parent /
                    "seolint").exists(), reason="needs bash and the seolint script")
def test_the_action_script_runs(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    shutil.copytree(FIXTURES / "markdown" / "zola", blog)
    code, outputs, stdout, summary = _run_step(tmp_path, "both", blog)
    assert code == 0 and outputs["exit-code"] == "1"  # the step decides later; findings fail
    assert outputs["sarif-file"] == "seolint.sarif" and (blog / "seolint.sarif").is_file()
    assert "::error file=content/blog/bad-toml.md,line=2,title=F001" in stdout
    assert summary.startswith("## seolint")
    # With a baseline of today's findings, the same run passes.
    subprocess.run([str(Path(sys.executable).parent / "seolint"), "check", "content", "--select",
                    "T,M,H,I,L,D,F,Z", "--write-baseline", "b.json", "-q"], cwd=blog,
                   capture_output=True)
    code, outputs, _, _ = _run_step(tmp_path, "annotations", blog, baseline="b.json")
    assert outputs["exit-code"] == "0"
    code, outputs, _, summary = _run_step(tmp_path, "sarif", blog)
    assert outputs["exit-code"] == "1" and "### Findings" in summary


def test_pre_commit_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert hooks["seolint"]["pass_filenames"] is False  # site-wide rules need every page
    assert hooks["seolint"]["entry"].startswith("seolint check")
    assert hooks["seolint-changed"]["pass_filenames"] is True
    assert "--ignore D" in hooks["seolint-changed"]["entry"]
    for hook in hooks.values():
        assert hook["language"] == "python" and re.search(hook["files"], "content/a.md")


def test_readme_workflows_parse() -> None:
    """docs/ci.md's workflows, and the README quickstart's, parse and use the action's inputs."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert len(blocks) >= 4
    for block in blocks:
        assert yaml.safe_load(block)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    assert len(quick) == 1
    for workflow in (yaml.safe_load(blocks[0]), yaml.safe_load(quick[0])):
        step = workflow["jobs"]["seolint"]["steps"][1]
        assert step["uses"].startswith("OWNER/seolint@")
        assert set(step["with"]) <= set(action["inputs"])
        assert step["with"]["mode"] in ("annotations", "sarif", "both")
