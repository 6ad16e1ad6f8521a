"""Debian's Chromium as the browser tests start it: headless, and with nothing that reaches the network by itself.

Playwright drives it with ``executable_path`` (never ``playwright install``, which downloads a browser of its own).
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
