"""The committed feeds/ is exactly what `syndicate publish` makes of the sample site."""

from click.testing import CliRunner

from syndicate.cli import cli
from tests.conftest import ROOT


def test_publish_reproduces_the_committed_feeds_byte_for_byte(sample_site):
    result = CliRunner().invoke(cli, ["publish", "--config", str(sample_site / "config.toml")])
    assert result.exit_code == 0, result.output
    golden = {p.name: p.read_bytes() for p in (ROOT / "feeds").glob("*.xml")}
    made = {p.name: p.read_bytes() for p in (sample_site / "feeds").glob("*.xml")}
    assert sorted(made) == sorted(golden)
    for name in golden:
        assert made[name] == golden[name], f"{name} differs from the committed golden file"
