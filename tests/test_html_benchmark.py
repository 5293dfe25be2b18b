"""The benchmark script still runs end to end (on a few pages; no timing is asserted)."""

import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_prints_its_figures(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ingest_html.py"), "--pages", "12",
                          "--repeat", "1", "--workers", "2", "--corpus", str(tmp_path / "none")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "pages: 12 " in out
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert [r[0] for r in rows] == ["1", "2"]
    assert all(r[4] == "12" and r[5] == "0" for r in rows)   # every page stored, no problems
    assert "pages/s" in out.splitlines()[-1]
