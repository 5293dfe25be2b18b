
import pytest

from syndicate.config import load_config
from syndicate.errors import ConfigError
from tests.conftest import ROOT, write_config


def test_bundled_config_loads_with_paths_relative_to_its_folder():
    config = load_config(ROOT / "config.toml")
    assert config.site.title == "한빛뉴스"
    assert config.site.domain == "news.example.com"
    assert config.store.path == ROOT / ".syndicate" / "articles.db"
    assert config.output.dir == ROOT / "feeds"
    assert config.output.max_items == 50
    assert config.sections["정치"] == "politics"
    assert config.sources[0].path == "articles/*.txt" and config.sources[0].kind is None


def test_defaults(tmp_path):
    config = load_config(write_config(tmp_path))
    assert config.site.language == "ko"
    assert config.site.timezone == "Asia/Seoul"
    assert config.output.dir == tmp_path / "feeds"


@pytest.mark.parametrize("extra, key, words", [
    ('[site.extra]\n', "site.extra", "unknown key"),
    ('[output]\nmax_itemz = 3\n', "output.max_itemz", "unknown key"),
    ('[output]\nmax_items = "50"\n', "output.max_items", "must be an integer, got string"),
    ('[output]\nmax_items = 0\n', "output.max_items", "between 1 and"),
    ('[output]\nmax_items = 10000000000000000000\n', "output.max_items", "between 1 and"),
    ('[[sources]]\npath = "x"\nsection = "  "\n', "sources[0].section", "must not be blank"),
    ('[[sources]]\nurl = "https://[broken/rss"\n', "sources[0].url", "absolute http(s) URL"),
    ('[[sources]]\npath = "x"\ntimezone = "Asia"\n', "sources[0].timezone", "unknown time zone"),
    ('[store]\npath = 5\n', "store.path", "must be a string, got integer"),
    ('[[sources]]\npath = "a/*.txt"\nkind = "pdf"\n', "sources[0].kind", "must be one of"),
    ('[[sources]]\nsection = "정치"\n', "sources[0]", "exactly one of 'path' or 'url'"),
    ('[[sources]]\npath = "x"\ntimezone = "Mars/Base"\n', "sources[0].timezone", "unknown time zone"),
    ('[bogus]\n', "bogus", "unknown key"),
])
def test_errors_name_the_key_and_the_file(tmp_path, extra, key, words):
    path = write_config(tmp_path, extra)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path.resolve()) in message and key in message and words in message


def test_bad_slug_and_duplicate_slug(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[site]\ntitle = "t"\nurl = "https://e.com"\n[sections]\n"가" = "Bad Slug"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="sections.가"):
        load_config(path)
    path.write_text('[site]\ntitle = "t"\nurl = "https://e.com"\n[sections]\n"가" = "a"\n"나" = "a"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="used twice"):
        load_config(path)


def test_missing_and_invalid_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[site\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(bad)


def test_site_url_must_be_absolute(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[site]\ntitle = "t"\nurl = "news.example.com"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="site.url"):
        load_config(path)


def test_blank_site_values_are_errors(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[site]\ntitle = "t"\nurl = "https://e.com"\ndefault_section = ""\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="site.default_section: must not be blank"):
        load_config(path)
