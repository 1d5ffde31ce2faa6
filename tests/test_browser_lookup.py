"""The browser lookup order: CHROMIUM_PATH, then Playwright's own, then Debian's chromium."""

from __future__ import annotations

import pytest

from testkit import browser


class _FakeChromium:
    def __init__(self, path):
        self.executable_path = path


class _FakePlaywright:
    def __init__(self, path):
        self.chromium = _FakeChromium(path)


def test_explicit_path_wins(monkeypatch, tmp_path):
    explicit = tmp_path / "my-chromium"
    explicit.write_text("")
    monkeypatch.setenv("CHROMIUM_PATH", str(explicit))
    assert browser.find_chromium(_FakePlaywright("/nowhere")) == str(explicit)


def test_explicit_path_that_does_not_exist_is_an_error(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/no/such/chromium")
    with pytest.raises(browser.NoBrowser, match="/no/such/chromium"):
        browser.find_chromium(_FakePlaywright("/nowhere"))


def test_playwright_download_comes_before_debian(monkeypatch, tmp_path):
    own = tmp_path / "playwright-chromium"
    own.write_text("")
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(browser, "install_command", lambda *args: pytest.fail("should not look further"))
    assert browser.find_chromium(_FakePlaywright(str(own))) == str(own)


def test_debian_chromium_then_a_clear_failure(monkeypatch):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(browser, "install_command", lambda command, package: "/usr/bin/chromium")
    assert browser.find_chromium(_FakePlaywright("/nowhere")) == "/usr/bin/chromium"
    monkeypatch.setattr(browser, "install_command", lambda command, package: None)
    with pytest.raises(browser.NoBrowser, match="CHROMIUM_PATH"):
        browser.find_chromium(_FakePlaywright("/nowhere"))
