"""Logs into a running Odoo with headless Chromium and saves a screenshot of a page.

Used for the pictures in README.md / docs/. Drives Chromium over the DevTools protocol
with websocket-client (already in the virtualenv for Odoo's browser tests).

    .work/venv/bin/python scripts/screenshot.py /odoo/helpdesk-tickets docs/x.png \
        --wait ".o_list_view" [--url http://localhost:8069] [--size 1440,900] \
        [--login admin --password admin]
"""

import argparse
import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket

CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Browser:
    """A headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, size="1440,900", port=9333):
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        if not binary:
            raise SystemExit("Chromium not found: apt-get install -y chromium")
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [
                binary,
                *CHROME_FLAGS,
                f"--window-size={size}",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ids = itertools.count(1)
        self.socket = websocket.create_connection(self._page_socket(port), timeout=60)

    @staticmethod
    def _page_socket(port):
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ) as r:
                    pages = [t for t in json.load(r) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("Chromium did not open its DevTools port")

    def call(self, method, **params):
        message_id = next(self.ids)
        self.socket.send(
            json.dumps({"id": message_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait_for(self, selector, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                return
            time.sleep(0.3)
        raise SystemExit(f"Timed out waiting for {selector}")

    def goto(self, url):
        self.call("Page.navigate", url=url)
        time.sleep(1)

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait()
        self.profile.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="page to capture, e.g. /odoo/helpdesk-tickets")
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--wait", default=".o_action_manager", help="CSS selector")
    parser.add_argument("--size", default="1440,900", help="window width,height")
    parser.add_argument(
        "--click",
        action="append",
        default=[],
        help="CSS selector to click first (repeatable)",
    )
    args = parser.parse_args()

    browser = Browser(args.size)
    try:
        browser.call("Page.enable")
        browser.goto(f"{args.url}/web/login")
        browser.wait_for("input[name=login]")
        browser.evaluate(
            "document.querySelector('input[name=login]').value = "
            f"{json.dumps(args.login)};"
            f"document.querySelector('input[name=password]').value = "
            f"{json.dumps(args.password)};"
            "document.querySelector('form.oe_login_form').submit();"
        )
        time.sleep(2)
        browser.goto(f"{args.url}{args.path}")
        browser.wait_for(args.wait)
        for selector in args.click:
            browser.wait_for(selector)
            browser.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
            time.sleep(1)
        time.sleep(1.5)
        shot = browser.call("Page.captureScreenshot", format="png")
        with open(args.output, "wb") as output:
            output.write(base64.b64decode(shot["data"]))
        print(f"wrote {args.output}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
